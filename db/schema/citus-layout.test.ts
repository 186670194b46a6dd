import { foreignKey, integer, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { isTable } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "./index";
import { citusLayoutViolations } from "./citus-layout";

const allTables = Object.values(schema).filter((value) => isTable(value)) as Parameters<typeof citusLayoutViolations>[0];

describe("schema layout for sharding by store", () => {
  it("keeps store_id in every key of every store-owned table", () => {
    expect(allTables.length).toBeGreaterThanOrEqual(12);
    expect(citusLayoutViolations(allTables)).toEqual([]);
  });

  it("catches a store-owned table whose keys leave store_id out", () => {
    const parents = pgTable("parents", { storeId: integer("store_id").notNull(), id: integer("id").notNull() }, (t) => [
      primaryKey({ columns: [t.storeId, t.id] }),
    ]);
    const broken = pgTable(
      "broken",
      {
        storeId: integer("store_id").notNull(),
        id: integer("id").primaryKey(),
        code: text("code").unique(),
        externalId: text("external_id"),
        parentId: integer("parent_id"),
      },
      (t) => [unique("broken_ext").on(t.externalId), foreignKey({ columns: [t.parentId], foreignColumns: [parents.id] })],
    );
    expect(citusLayoutViolations([parents, broken])).toEqual([
      "broken: primary key (id) lacks store_id",
      "broken.code: unique without store_id",
      "broken: unique broken_ext lacks store_id",
      "broken: foreign key to parents (parent_id) does not pair store_id with store_id",
    ]);
  });
});
