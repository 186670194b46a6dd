import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeStore } from "@/tests/factories";
import { clearImportStaging, stageRows, type StagedRow } from "./stage";

// Clearing a file import's staging (after its merge, a failure or an interruption) must leave
// every other import's staged rows alone, whether it empties the table or deletes its own rows.

const line = (rowNo: number, order: string): StagedRow => ({
  rowNo,
  record: {
    table: "orderLines",
    values: {
      orderExternalId: order, customerExternalId: "c1", customerName: null, placedAt: new Date("2026-01-05T02:00:00Z"),
      status: "paid", groupBuy: false, productExternalId: "p1", productName: null, quantity: 1, unitPrice: 100, lineAmount: 100,
    },
  },
});

async function stagedRows(storeId: number) {
  const { rows } = await getDb().execute<{ import_id: number; n: number }>(sql`
    select import_id::int as import_id, count(*)::int as n from staged_order_lines where store_id = ${storeId} group by import_id order by import_id`);
  return rows.map((r) => [Number(r.import_id), Number(r.n)]);
}

describe("clearing a file import's staging", () => {
  it("drops its rows and keeps those other imports, of this store or another, have staged", async () => {
    const [a, b] = [await makeStore("stage"), await makeStore("stage")];
    const db = getDb();
    // Imports 9_000_001–9_000_003: ids no real import of these new stores has.
    await stageRows(db, a.store.id, 9_000_001, [line(2, "O1"), line(3, "O1")]);
    await stageRows(db, a.store.id, 9_000_002, [line(2, "O2")]);
    await stageRows(db, b.store.id, 9_000_003, [line(2, "O3"), line(3, "O4"), line(4, "O4")]);

    await clearImportStaging(db, a.store.id, 9_000_002);
    expect(await stagedRows(a.store.id)).toEqual([[9_000_001, 2]]);
    expect(await stagedRows(b.store.id)).toEqual([[9_000_003, 3]]);

    await clearImportStaging(db, b.store.id, 9_000_003);
    expect(await stagedRows(a.store.id)).toEqual([[9_000_001, 2]]);
    expect(await stagedRows(b.store.id)).toEqual([]);

    await clearImportStaging(db, a.store.id, 9_000_001);
    expect(await stagedRows(a.store.id)).toEqual([]);
  });
});
