import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeStore } from "@/tests/factories";

// Migration 0036 brings ids written before NFKC was the rule in line: a full-width id becomes the
// ASCII one the lookups now look for, unless that would collide with another row of its store.
// Run again here over rows written as the old code wrote them (it changes only what is not
// normalised yet, so a second run is harmless).
const migration = fs.readFileSync(path.join(process.cwd(), "db", "migrations", "0036_normalize_text.sql"), "utf8");

describe("migration 0036 (ids NFKC, names NFC)", () => {
  it("normalises a full-width id, and leaves one whose normal form another row holds as it was", async () => {
    const ctx = await makeStore("nfkc");
    const other = await makeStore("nfkc");
    const db = getDb();
    await db.execute(sql`insert into customers (store_id, external_id, name) values
      (${ctx.store.id}, '１７８５０', 'Cafe' || chr(769)),
      (${ctx.store.id}, '１２３', '甲'), (${ctx.store.id}, '123', '乙'),
      (${ctx.store.id}, 'Ａ１', '丙'), (${ctx.store.id}, 'A１', '丁'),
      (${other.store.id}, '１２３', '戊')`);
    await db.execute(sql.raw(migration));
    const { rows } = await db.execute<{ store_id: number; external_id: string; name: string }>(sql`
      select store_id, external_id, name from customers where store_id in (${ctx.store.id}, ${other.store.id}) order by id`);
    expect(rows.map((r) => [Number(r.store_id) === ctx.store.id ? "store" : "other", r.external_id, r.name])).toEqual([
      ["store", "17850", "Café"],
      // Collides with '123' of the same store: kept, as is '123'.
      ["store", "１２３", "甲"],
      ["store", "123", "乙"],
      // Both normalise to 'A1': neither is renamed.
      ["store", "Ａ１", "丙"],
      ["store", "A１", "丁"],
      // Another store's '１２３' collides with nothing of its own.
      ["other", "123", "戊"],
    ]);
  });
});
