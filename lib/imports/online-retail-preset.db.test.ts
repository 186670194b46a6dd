import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { updateStoreSettings } from "@/lib/stores/commands";
import { makeStore } from "@/tests/factories";
import { createImport, runImport } from "./run-import";

// The online-retail preset's rules (PRODUCT.md §8) on a file small enough to reason about by
// hand, so they are checked on every machine (the real file's test needs ../shared/datasets).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-online-retail-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

async function importFile(lines: string[], skipInvalid = false) {
  const ctx = await makeStore("retailmini");
  await updateStoreSettings(ctx, { name: "UK gifts", currency: "GBP", timezone: "Europe/London" });
  const store = { ...ctx, store: { ...ctx.store, currency: "GBP", timezone: "Europe/London" } };
  const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(file, [HEADER, ...lines].join("\n") + "\n");
  const job = await createImport(store, { kind: "orders", format: "online-retail", fileName: "mini.csv", skipInvalid });
  return { ctx, done: await runImport(store, job.id, file) };
}

const rowsOf = async (query: ReturnType<typeof sql>) => (await getDb().execute(query)).rows as Record<string, unknown>[];

describe("the online-retail preset", () => {
  it("skips and counts guest rows, makes C invoices completed returns, rounds half away from zero, reads times in the store's zone", async () => {
    const { ctx, done } = await importFile([
      // An invoice of customer 17850.0 in winter (GMT): 3 × 0.125 = 0.375 → 38 pence; 2 × 2.55.
      "536365,85123A,WHITE HANGING HEART,3,2010-12-01 08:26:00,0.125,17850.0,United Kingdom",
      "536365,71053,WHITE METAL LANTERN,2,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
      // Two guest lines: no CustomerID.
      "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,,United Kingdom",
      "536366,22632,HAND WARMER RED,6,2010-12-01 08:28:00,1.85,,United Kingdom",
      // A summer invoice (BST, one hour ahead of UTC) of customer 13047.
      "550000,22960,JAM MAKING SET,1,2011-06-15 10:00:00,4.25,13047,United Kingdom",
      // A cancellation of two lines: |−3 × 0.125| = 0.375 → 38 pence, plus |−1 × 2.55|.
      "C550001,85123A,WHITE HANGING HEART,-3,2011-06-16 09:00:00,0.125,17850.0,United Kingdom",
      "C550001,71053,WHITE METAL LANTERN,-1,2011-06-16 09:00:00,2.55,17850.0,United Kingdom",
    ]);
    expect(done.message).toBeNull();
    expect(done).toMatchObject({ status: "succeeded", totalRows: 7, processedRows: 7, skippedRows: 2, ignoredRows: 2, errorCount: 0 });
    expect(done.counts).toMatchObject({ customers: { created: 2 }, orders: { created: 2 }, returns: { created: 1 } });

    const orders = await rowsOf(sql`
      select o.external_id, c.external_id as customer, o.placed_at, o.total, o.status from orders o
      join customers c on c.store_id = o.store_id and c.id = o.customer_id
      where o.store_id = ${ctx.store.id} order by o.external_id`);
    expect(orders.map((o) => ({ ...o, placed_at: new Date(o.placed_at as string).toISOString(), total: Number(o.total) }))).toEqual([
      { external_id: "536365", customer: "17850", placed_at: "2010-12-01T08:26:00.000Z", total: 38 + 510, status: "paid" },
      { external_id: "550000", customer: "13047", placed_at: "2011-06-15T09:00:00.000Z", total: 425, status: "paid" },
    ]);
    const returns = await rowsOf(sql`
      select r.external_id, r.type, r.status, r.amount, r.order_id, c.external_id as customer from returns r
      join customers c on c.store_id = r.store_id and c.id = r.customer_id where r.store_id = ${ctx.store.id}`);
    expect(returns.map((r) => ({ ...r, amount: Number(r.amount) }))).toEqual([
      { external_id: "C550001", type: "return_refund", status: "completed", amount: 38 + 255, order_id: null, customer: "17850" },
    ]);
  });

  it("rounds a line once, however many decimals its unit price has", async () => {
    const { ctx, done } = await importFile([
      // 100 × 0.0045 = 0.45; 1000 × 0.12345 = 123.45. Rounded to thousandths first: 0.50, 123.00.
      "600001,85123A,WHITE HANGING HEART,100,2011-01-05 10:00:00,0.0045,12345,United Kingdom",
      "600002,85123A,WHITE HANGING HEART,1000,2011-01-05 10:00:00,0.12345,12345,United Kingdom",
      "C600003,85123A,WHITE HANGING HEART,-100,2011-01-06 10:00:00,0.0045,12345,United Kingdom",
    ]);
    expect(done).toMatchObject({ status: "succeeded", errorCount: 0 });
    const totals = await rowsOf(sql`
      select external_id, total as amount from orders where store_id = ${ctx.store.id}
      union all select external_id, amount from returns where store_id = ${ctx.store.id} order by 1`);
    expect(totals.map((r) => [r.external_id, Number(r.amount)])).toEqual([["600001", 45], ["600002", 12345], ["C600003", 45]]);
  });

  it("refuses a quantity or a line the columns cannot hold, with its row", async () => {
    const { done } = await importFile([
      "536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
      "536366,85123A,WHITE HANGING HEART,2000000,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
      "536367,85123A,WHITE HANGING HEART,1000000,2010-12-01 08:26:00,999999.999,17850.0,United Kingdom",
    ]);
    expect(done).toMatchObject({ status: "failed", errorCount: 2 });
    expect(done.errors).toEqual([
      { row: 3, column: "Quantity", key: "importReasons.above", message: "2000000 is above 1000000", values: { value: "2000000", max: "1000000" } },
      {
        row: 4,
        column: "UnitPrice",
        key: "importReasons.lineTooLarge",
        message: "quantity × unit price is above 100000000",
        values: { max: "100000000" },
      },
    ]);
  });

  it("refuses an invoice dated more than a day after the import runs, with its row", async () => {
    // A local London time a year from now, as the file writes its dates.
    const ahead = new Date(Date.now() + 365 * 86_400_000).toLocaleString("sv-SE", { timeZone: "Europe/London" });
    const { ctx, done } = await importFile([
      "536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
      `536366,85123A,WHITE HANGING HEART,2,${ahead},2.55,17850.0,United Kingdom`,
    ]);
    expect(done).toMatchObject({
      status: "failed",
      errors: [{ row: 3, column: "InvoiceDate", key: "importReasons.timeInFuture", message: `${ahead} is more than 24 hours after now: check its year and time zone` }],
    });
    expect(await rowsOf(sql`select id from orders where store_id = ${ctx.store.id}`)).toEqual([]);
  });
});
