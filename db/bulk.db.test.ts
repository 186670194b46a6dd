import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "./index";
import { withoutForeignKeyChecks } from "./bulk";

describe("a bulk write without foreign-key checks", () => {
  it("fails with the write's own error, and leaves the checks on after it", async () => {
    const db = getDb();
    const failed = db.transaction((tx) =>
      withoutForeignKeyChecks(tx, ["co_purchase_baskets"], () => tx.execute(sql`select 1 / 0`)),
    );
    await expect(failed).rejects.toSatisfy((error: Error & { cause?: { code?: string } }) => error.cause?.code === "22012");

    const role = await db.transaction(async (tx) => {
      await withoutForeignKeyChecks(tx, ["co_purchase_baskets"], () => tx.execute(sql`select 1`));
      const { rows } = await tx.execute<{ role: string }>(sql`select current_setting('session_replication_role') as role`);
      return rows[0]!.role;
    });
    expect(role).toBe("origin");
  });
});
