import fs from "node:fs";
import { snapshotStore } from "@/tests/store-data";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { ImportKind } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { inChinese } from "@/tests/in-chinese";
import { pairCounts } from "@/lib/recommendations/test-helpers";
import { createImport, runImport, type ImportProgress } from "./run-import";
import { importView } from "./view";

// What a CSV import does to a store (PRODUCT.md §8): all or nothing per file, or with
// skipInvalid the good rows only; the same file twice changes nothing; references to records
// the store does not have are refused with their row.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-csv-import-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const headers: Record<ImportKind, string> = {
  orders: "orderExternalId,customerExternalId,customerName,placedAt,status,groupBuy,productExternalId,productName,quantity,unitPrice",
  returns: "externalId,customerExternalId,orderExternalId,type,amount,requestedAt,status",
  reviews: "externalId,customerExternalId,orderExternalId,productExternalId,rating,hasPhotos,likes,createdAt",
  shares: "externalId,customerExternalId,productExternalId,sharedAt,conversions",
};

let fileNo = 0;
async function importCsv(ctx: StoreContext, kind: ImportKind, rows: string[], options: { skipInvalid?: boolean; onProgress?: (p: ImportProgress) => void } = {}) {
  const file = path.join(dir, `${kind}-${++fileNo}.csv`);
  fs.writeFileSync(file, [headers[kind], ...rows].join("\n") + "\n");
  const job = await createImport(ctx, { kind, format: "canonical", fileName: path.basename(file), skipInvalid: options.skipInvalid ?? false });
  return runImport(ctx, job.id, file, options.onProgress);
}


async function counts(storeId: number): Promise<Record<string, number>> {
  const snap = await snapshotStore(storeId);
  return Object.fromEntries(Object.entries(snap).map(([table, rows]) => [table, rows.length]));
}

/** Each stored order line's row version: a line written again gets a new one. */
async function lineVersions(storeId: number): Promise<string[]> {
  const { rows } = await getDb().execute<{ v: string }>(sql`select xmin::text as v from order_items where store_id = ${storeId} order by order_id, line_no`);
  return rows.map((r) => r.v);
}

async function orderLines(storeId: number, externalId: string) {
  const { rows } = await getDb().execute<{ line_no: number; product: string; quantity: number; unit_price: number }>(sql`
    select i.line_no, p.external_id as product, i.quantity, i.unit_price::int as unit_price
    from order_items i
    join orders o on o.store_id = i.store_id and o.id = i.order_id
    join products p on p.store_id = i.store_id and p.id = i.product_id
    where i.store_id = ${storeId} and o.external_id = ${externalId}
    order by i.line_no`);
  return rows.map((r) => ({ ...r, line_no: Number(r.line_no) }));
}

async function orderTotal(storeId: number, externalId: string): Promise<number | null> {
  const { rows } = await getDb().execute(sql`select total from orders where store_id = ${storeId} and external_id = ${externalId}`);
  return rows[0] ? Number(rows[0].total) : null;
}

// O1 has two lines (2 × 59.90 + 1 × 120.00 = 239.80); O3 names a product without a name.
const orderRows = [
  "O1,C1,王芳,2026-05-01 10:00:00,paid,false,P1,保温杯,2,59.90",
  "O1,C1,王芳,2026-05-01 10:00:00,paid,false,P2,茶叶,1,120.00",
  "O2,C2,李雷,2026-05-02 11:00:00,paid,true,P1,保温杯,1,59.90",
  "O3,C1,王芳,2026-05-03 12:00:00,cancelled,false,P3,,3,9.99",
];
const returnRows = ["R1,C1,O1,return_refund,59.90,2026-05-05 10:00:00,completed", "R2,C2,,refund_only,5.00,2026-05-06 10:00:00,requested"];
const reviewRows = ["V1,C1,O1,P1,5,true,2,2026-05-07 10:00:00", "V2,C2,,,3,false,,2026-05-08T10:00:00+08:00"];
const shareRows = ["S1,C2,P2,2026-05-09 10:00:00,1", "S2,C1,,2026-05-10 10:00:00,"];

async function storeWithOrders() {
  const ctx = await makeStore("csvimp");
  const done = await importCsv(ctx, "orders", orderRows);
  expect(done.status).toBe("succeeded");
  return ctx;
}

describe("importing the same file twice", () => {
  it("creates on the first import, and the second counts nothing and changes no row", async () => {
    const ctx = await makeStore("csvimp");
    const progress: ImportProgress[] = [];
    const first = await importCsv(ctx, "orders", orderRows, { onProgress: (p) => progress.push(p) });
    expect(first).toMatchObject({ status: "succeeded", totalRows: 4, processedRows: 4, skippedRows: 0, errorCount: 0, errors: [] });
    expect(first.counts).toEqual({
      customers: { created: 2, updated: 0 },
      products: { created: 3, updated: 0 },
      orders: { created: 3, updated: 0 },
    });
    expect(progress.at(-1)).toEqual({ processedRows: 4, totalRows: 4, skippedRows: 0 });
    expect(await orderTotal(ctx.store.id, "O1")).toBe(23980);
    for (const [kind, rows] of [["returns", returnRows], ["reviews", reviewRows], ["shares", shareRows]] as const) {
      expect((await importCsv(ctx, kind, rows)).counts, kind).toEqual({ [kind]: { created: 2, updated: 0 } });
    }
    const before = await snapshotStore(ctx.store.id);
    expect(Object.values(before).map((rows) => rows.length)).toEqual([2, 3, 3, 4, 2, 2, 2]);
    const linesWritten = await lineVersions(ctx.store.id);

    for (const [kind, rows] of [["orders", orderRows], ["returns", returnRows], ["reviews", reviewRows], ["shares", shareRows]] as const) {
      const again = await importCsv(ctx, kind, rows);
      expect(again, kind).toMatchObject({ status: "succeeded", processedRows: rows.length, errorCount: 0 });
      expect(again.counts, kind).toEqual({});
    }
    expect(await snapshotStore(ctx.store.id)).toEqual(before);
    // Not even written again with the same values: nothing downstream has to run again.
    expect(await lineVersions(ctx.store.id)).toEqual(linesWritten);
  });

  it("counts an order whose lines changed under the same total as updated, and gives it the new lines", async () => {
    const ctx = await storeWithOrders();
    const edited = [...orderRows];
    edited[1] = "O1,C1,王芳,2026-05-01 10:00:00,paid,false,P3,,1,120.00"; // P2 → P3 at the same price
    const done = await importCsv(ctx, "orders", edited);
    expect(done.counts).toEqual({ orders: { created: 0, updated: 1 } });
    expect(await orderTotal(ctx.store.id, "O1")).toBe(23980);
    expect(await orderLines(ctx.store.id, "O1")).toEqual([
      { line_no: 2, product: "P1", quantity: 2, unit_price: 5990 },
      { line_no: 3, product: "P3", quantity: 1, unit_price: 12000 },
    ]);
  });

  it("leaves an order whose same lines sit on other rows of the file as it was", async () => {
    const ctx = await storeWithOrders();
    const before = await orderLines(ctx.store.id, "O1");
    const done = await importCsv(ctx, "orders", ["O4,C2,李雷,2026-05-04 09:00:00,paid,false,P1,保温杯,1,59.90", ...orderRows]);
    expect(done.counts).toEqual({ orders: { created: 1, updated: 0 } });
    expect(await orderLines(ctx.store.id, "O1")).toEqual(before);
    expect(await orderLines(ctx.store.id, "O4")).toEqual([{ line_no: 2, product: "P1", quantity: 1, unit_price: 5990 }]);
  });

  it("counts an edited row as an update of its order (and a new name as an update of its customer)", async () => {
    const ctx = await storeWithOrders();
    const edited = [...orderRows];
    edited[1] = "O1,C1,王芳,2026-05-01 10:00:00,paid,false,P2,茶叶,2,120.00"; // quantity 1 → 2
    edited[2] = "O2,C2,李小雷,2026-05-02 11:00:00,paid,true,P1,保温杯,1,59.90"; // the customer's name
    const done = await importCsv(ctx, "orders", edited);
    expect(done.counts).toEqual({ customers: { created: 0, updated: 1 }, orders: { created: 0, updated: 1 } });
    expect(await orderTotal(ctx.store.id, "O1")).toBe(35980);
    const { rows } = await getDb().execute(sql`select name from customers where store_id = ${ctx.store.id} and external_id = 'C2'`);
    expect(rows[0]!.name).toBe("李小雷");
    expect(await counts(ctx.store.id)).toMatchObject({ customers: 2, orders: 3, order_items: 4 });
  });
});

describe("after an import", () => {
  it("the store's co-purchase counts take its orders in, as the scores do", async () => {
    const ctx = await makeStore("csvimp");
    // Three customers bought A with B, two of them C too: A+B reaches the minimum support (3), A+C not.
    const rows = [
      "P1,c1,,2026-01-05T10:00:00+08:00,paid,false,A,Apple,1,1.00",
      "P1,c1,,2026-01-05T10:00:00+08:00,paid,false,B,Bread,1,1.00",
      "P1,c1,,2026-01-05T10:00:00+08:00,paid,false,C,Cheese,1,1.00",
      "P2,c2,,2026-01-06T10:00:00+08:00,paid,false,A,Apple,1,1.00",
      "P2,c2,,2026-01-06T10:00:00+08:00,paid,false,B,Bread,1,1.00",
      "P2,c2,,2026-01-06T10:00:00+08:00,paid,false,C,Cheese,1,1.00",
      "P3,c3,,2026-01-07T10:00:00+08:00,paid,false,A,Apple,1,1.00",
      "P3,c3,,2026-01-07T10:00:00+08:00,paid,false,B,Bread,1,1.00",
    ];
    expect(await importCsv(ctx, "orders", rows)).toMatchObject({ status: "succeeded", message: null });
    expect(await pairCounts(ctx)).toEqual({ "A+B": 3, "B+A": 3 });
    const { rows: scored } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from customer_scores where store_id = ${ctx.store.id}`);
    expect(scored[0]!.n).toBe(3);
  });
});

describe("customers' first and last paid order", () => {
  it("are the file's for a new customer, cancelled orders left out, and follow an order that moves to another customer", async () => {
    const ctx = await makeStore("csvimp");
    const line = (order: string, customer: string, day: string, status = "paid") =>
      `${order},${customer},,2026-01-${day}T10:00:00+08:00,${status},false,A,Apple,1,1.00`;
    const spans = async () => {
      const { rows } = await getDb().execute<{ external_id: string; first_at: string | null; last_at: string | null }>(sql`
        select external_id, to_char(first_order_at at time zone 'UTC', 'MM-DD') as first_at, to_char(last_order_at at time zone 'UTC', 'MM-DD') as last_at
        from customers where store_id = ${ctx.store.id} order by external_id`);
      return Object.fromEntries(rows.map((r) => [r.external_id, [r.first_at, r.last_at]]));
    };
    await importCsv(ctx, "orders", [line("P1", "c1", "05"), line("P2", "c1", "09", "cancelled"), line("P3", "c1", "07"), line("P4", "c2", "06")]);
    expect(await spans()).toEqual({ c1: ["01-05", "01-07"], c2: ["01-06", "01-06"] });
    // P3 is c2's after all: c1's last paid order is P1 again, and c2's P3.
    await importCsv(ctx, "orders", [line("P3", "c2", "07")]);
    expect(await spans()).toEqual({ c1: ["01-05", "01-05"], c2: ["01-06", "01-07"] });
    // A customer new with this file whose only order is cancelled has none.
    await importCsv(ctx, "orders", [line("P5", "c3", "08", "cancelled")]);
    expect((await spans()).c3).toEqual([null, null]);
  });
});

describe("new records' ids", () => {
  it("follow the file, whatever order the database groups the rows in", async () => {
    const ctx = await makeStore("csvimp");
    const rows = [
      "O7,C9,赵六,2026-05-03 09:00:00,paid,false,P9,毛巾,1,9.90",
      "O5,C3,,2026-05-01 09:00:00,paid,false,P4,茶叶,1,20.00",
      "O7,C9,赵六,2026-05-03 09:00:00,paid,false,P6,香皂,1,5.00",
      "O6,C3,钱七,2026-05-02 09:00:00,paid,false,P9,毛巾,2,9.90",
    ];
    expect((await importCsv(ctx, "orders", rows)).status).toBe("succeeded");
    const inIdOrder = async (table: "customers" | "products" | "orders") =>
      (await getDb().execute<{ external_id: string }>(sql`select external_id from ${sql.raw(table)} where store_id = ${ctx.store.id} order by id`)).rows.map((r) => r.external_id);
    expect(await inIdOrder("products")).toEqual(["P9", "P4", "P6"]);
    expect(await inIdOrder("orders")).toEqual(["O7", "O5", "O6"]);
    // A customer is placed by the first row that names them: C9 on row 2, C3 only on row 5.
    expect(await inIdOrder("customers")).toEqual(["C9", "C3"]);
  });
});

describe("a file with a bad row", () => {
  const rows = [orderRows[0]!, orderRows[1]!, "O2,C2,李雷,2026-05-02 11:00:00,paid,true,P1,保温杯,one,59.90", orderRows[3]!];

  it("takes a customer's name from the first row that gives one, and a product's from its first row", async () => {
    const ctx = await makeStore("csvfirst");
    const done = await importCsv(ctx, "orders", [
      "O7,C7,,2026-05-01 10:00:00,paid,false,P7,,1,5.00",
      "O7,C7,赵六,2026-05-01 10:00:00,paid,false,P8,茶杯,1,8.00",
      "O8,C7,赵小六,2026-05-02 10:00:00,paid,false,P7,保温杯,1,6.00",
    ]);
    expect(done.status).toBe("succeeded");
    const db = getDb();
    const { rows: customer } = await db.execute(sql`select name from customers where store_id = ${ctx.store.id} and external_id = 'C7'`);
    expect(customer[0]!.name).toBe("赵六");
    const { rows: products } = await db.execute(sql`
      select external_id, name, price::int as price from products where store_id = ${ctx.store.id} order by external_id`);
    expect(products).toEqual([
      { external_id: "P7", name: "P7", price: 500 },
      { external_id: "P8", name: "茶杯", price: 800 },
    ]);
  });

  it("fails whole: the store has none of the file's rows", async () => {
    const ctx = await makeStore("csvimp");
    const done = await importCsv(ctx, "orders", rows);
    expect(done).toMatchObject({
      status: "failed",
      message: "1 row is not valid; nothing was imported.",
      processedRows: 4,
      errors: [{ row: 4, column: "quantity", message: `"one" is not a whole number` }],
    });
    expect(await counts(ctx.store.id)).toEqual({ customers: 0, products: 0, orders: 0, order_items: 0, returns: 0, reviews: 0, shares: 0 });
  });

  it("with skipInvalid, lands the good rows and lists the bad ones with their row, column and reason", async () => {
    const ctx = await makeStore("csvimp");
    const withAnother = [...rows, "O4,C3,,2026-05-04 10:00:00,refunded,false,P1,保温杯,1,59.90"];
    const done = await importCsv(ctx, "orders", withAnother, { skipInvalid: true });
    expect(done).toMatchObject({
      status: "succeeded",
      processedRows: 5,
      skippedRows: 2,
      errorCount: 2,
      errors: [
        { row: 4, column: "quantity", message: `"one" is not a whole number` },
        { row: 6, column: "status", message: `"refunded" is not one of paid, cancelled` },
      ],
    });
    expect(done.counts).toEqual({
      customers: { created: 1, updated: 0 },
      products: { created: 3, updated: 0 },
      orders: { created: 2, updated: 0 },
    });
    const { rows: landed } = await getDb().execute(sql`select external_id from orders where store_id = ${ctx.store.id} order by external_id`);
    expect(landed.map((r) => r.external_id)).toEqual(["O1", "O3"]);
    expect(await orderTotal(ctx.store.id, "O1")).toBe(23980);
  });
});

describe("blank lines", () => {
  it("are rows of the file, spaces alone too: the rows after them keep the numbers a spreadsheet shows, and the progress reaches the end", async () => {
    const ctx = await makeStore("csvimp");
    // Row 1 the header, 2 O1, 3 and 4 blank, 5 O2 with a bad quantity, then the file's last newline.
    const rows = [orderRows[0]!, "", "", orderRows[2]!.replace("P1,保温杯,1", "P1,保温杯,0")];
    const failed = await importCsv(ctx, "orders", rows);
    expect(failed).toMatchObject({ status: "failed", errors: [{ row: 5, column: "quantity", message: "0 is below 1" }] });

    const good = [orderRows[0]!, "  ", orderRows[2]!];
    const done = await importCsv(ctx, "orders", good);
    expect(done).toMatchObject({ status: "succeeded", totalRows: 3, processedRows: 3, errorCount: 0 });
    expect(done.counts).toMatchObject({ orders: { created: 2 } });
  });
});

describe("an order with one bad line, with skipInvalid", () => {
  it("is skipped whole, every one of its rows listed, so no order lands with a wrong total", async () => {
    const ctx = await makeStore("csvimp");
    // O1's second line (row 3) is not valid; its first line (row 2) is, and was staged first.
    const rows = [orderRows[0]!, "O1,C1,王芳,2026-05-01 10:00:00,paid,false,P2,茶叶,-1,120.00", orderRows[2]!, orderRows[0]!.replace("P1,保温杯,2", "P4,杯垫,1")];
    const done = await importCsv(ctx, "orders", rows, { skipInvalid: true });
    expect(done).toMatchObject({
      status: "succeeded",
      skippedRows: 3,
      // In the file's order, as the owner goes through it.
      errors: [
        { row: 2, message: "skipped with O1: its row 3 is not valid" },
        { row: 3, column: "quantity", message: "-1 is below 1" },
        { row: 5, message: "skipped with O1: its row 3 is not valid" },
      ],
    });
    expect(importView(done, inChinese).errors).toEqual([
      { row: 2, message: "随 O1 一起跳过：它的第 3 行无效" },
      { row: 3, column: "quantity", message: "-1 小于 1" },
      { row: 5, message: "随 O1 一起跳过：它的第 3 行无效" },
    ]);
    const { rows: landed } = await getDb().execute(sql`select external_id from orders where store_id = ${ctx.store.id} order by external_id`);
    expect(landed.map((r) => r.external_id)).toEqual(["O2"]);
    expect(await counts(ctx.store.id)).toMatchObject({ orders: 1, order_items: 1 });
  });

  it("is skipped whole when the bad line has a column too many (an unquoted comma in a product's name)", async () => {
    const ctx = await makeStore("csvimp");
    const rows = [orderRows[0]!, "O1,C1,王芳,2026-05-01 10:00:00,paid,false,P2,茶叶, 绿茶,1,120.00", orderRows[2]!];
    const done = await importCsv(ctx, "orders", rows, { skipInvalid: true });
    expect(done).toMatchObject({
      status: "succeeded",
      skippedRows: 2,
      errors: [
        { row: 2, message: "skipped with O1: its row 3 is not valid" },
        { row: 3, message: "has 11 columns where the header has 10" },
      ],
    });
    const { rows: landed } = await getDb().execute(sql`select external_id from orders where store_id = ${ctx.store.id} order by external_id`);
    expect(landed.map((r) => r.external_id)).toEqual(["O2"]);
  });
});

describe("rows naming what the store does not have, or contradicting it", () => {
  // [kind, rows (after the header), refused row, column, message, as the page shows it in Chinese]
  const cases: [string, ImportKind, string[], number, string, string, string][] = [
    ["a return of an unknown order", "returns", ["R1,C1,O1,refund_only,1.00,2026-05-05 10:00,requested", "R2,C1,O404,refund_only,1.00,2026-05-05 10:00,requested"], 3, "orderExternalId", "no order O404 in this store", "本店没有订单 O404"],
    ["a review of an unknown order", "reviews", ["V1,C1,O1,P1,5,false,0,2026-05-05 10:00", "V2,C1,O404,,4,false,0,2026-05-05 10:00"], 3, "orderExternalId", "no order O404 in this store", "本店没有订单 O404"],
    ["a review of an unknown product", "reviews", ["V1,C1,O1,P1,5,false,0,2026-05-05 10:00", "V2,C1,,P404,4,false,0,2026-05-05 10:00"], 3, "productExternalId", "no product P404 in this store", "本店没有商品 P404"],
    ["a share of an unknown product", "shares", ["S1,C1,P1,2026-05-05 10:00,0", "S2,C2,P404,2026-05-05 10:00,1"], 3, "productExternalId", "no product P404 in this store", "本店没有商品 P404"],
    ["a return id twice in one file", "returns", ["R1,C1,O1,refund_only,1.00,2026-05-05 10:00,requested", "R1,C1,O1,exchange,2.00,2026-05-06 10:00,requested"], 3, "externalId", "return R1 already appears on row 2", "退货 R1 已在第 2 行出现"],
    ["a review id twice in one file", "reviews", ["V1,C1,O1,P1,5,false,0,2026-05-05 10:00", "V1,C1,O1,P1,1,false,0,2026-05-06 10:00"], 3, "externalId", "review V1 already appears on row 2", "评价 V1 已在第 2 行出现"],
    ["a share id twice in one file", "shares", ["S1,C1,P1,2026-05-05 10:00,0", "S1,C1,P1,2026-05-06 10:00,3"], 3, "externalId", "share S1 already appears on row 2", "分享 S1 已在第 2 行出现"],
    ["an order naming two customers", "orders", ["O9,C1,,2026-05-05 10:00,paid,false,P1,,1,1.00", "O9,C2,,2026-05-05 10:00,paid,false,P2,,1,1.00"], 3, "customerExternalId", "order O9 names customer C2 here but another customer on row 2", "订单 O9 在这一行属于客户 C2，在第 2 行却属于另一位客户"],
    ["an order whose lines disagree on its status", "orders", ["O9,C1,,2026-05-05 10:00,paid,false,P1,,1,1.00", "O9,C1,,2026-05-05 10:00,cancelled,false,P2,,1,1.00"], 3, "status", "order O9 has status cancelled here but paid on row 2", "订单 O9 在这一行的 status 为 cancelled，在第 2 行却为 paid"],
    ["an order whose lines disagree on being a group buy", "orders", ["O9,C1,,2026-05-05 10:00,paid,false,P1,,1,1.00", "O9,C1,,2026-05-05 10:00,paid,true,P2,,1,1.00"], 3, "groupBuy", "order O9 has groupBuy true here but false on row 2", "订单 O9 在这一行的 groupBuy 为 true，在第 2 行却为 false"],
    // O1 is C1's (storeWithOrders): its returns and reviews would count against C2.
    ["a return of another customer's order", "returns", ["R1,C1,O1,refund_only,1.00,2026-05-05 10:00,requested", "R2,C2,O1,refund_only,1.00,2026-05-05 10:00,requested"], 3, "orderExternalId", "order O1 is customer C1's, not C2's", "订单 O1 属于客户 C1，不属于 C2"],
    // O1's total is 239.80: a refund of all of it is taken, a cent more is not.
    ["a refund above its order's total", "returns", ["R1,C1,O1,refund_only,239.80,2026-05-05 10:00,completed", "R2,C1,O1,refund_only,239.81,2026-05-05 10:00,completed"], 3, "amount", "a refund of 239.81 is more than order O1's total of 239.80", "退款 239.81 超过了订单 O1 的金额 239.80"],
    ["a review of another customer's order", "reviews", ["V1,C1,O1,P1,5,false,0,2026-05-05 10:00", "V2,C2,O1,,4,false,0,2026-05-05 10:00"], 3, "orderExternalId", "order O1 is customer C1's, not C2's", "订单 O1 属于客户 C1，不属于 C2"],
  ];

  it.each(cases)("refuses %s, naming its row", async (_what, kind, rows, row, column, message, chinese) => {
    const ctx = await storeWithOrders();
    const before = await snapshotStore(ctx.store.id);
    const done = await importCsv(ctx, kind, rows);
    expect(done).toMatchObject({
      status: "failed",
      message: "1 row was refused (the reason is given with each); nothing was imported.",
      errors: [{ row, column, message }],
    });
    expect(importView(done, inChinese)).toMatchObject({
      message: "1 行被拒绝（原因见各行），没有导入任何数据。",
      errors: [{ row, column, message: chinese }],
    });
    expect(await snapshotStore(ctx.store.id)).toEqual(before);
  });

  it("names a file's rows the store refuses together with its bad values, not on the next attempt", async () => {
    const ctx = await storeWithOrders();
    const rows = [
      "R1,C2,O1,refund_only,1.00,2026-05-05 10:00,requested", // O1 is C1's
      "R2,C1,O404,refund_only,1.00,2026-05-05 10:00,requested",
      "R3,C1,O1,refund_only,-5.00,2026-05-05 10:00,requested",
    ];
    const done = await importCsv(ctx, "returns", rows);
    expect(done).toMatchObject({
      status: "failed",
      message: "3 rows are not valid; nothing was imported.",
      errors: [
        { row: 2, column: "orderExternalId", message: "order O1 is customer C1's, not C2's" },
        { row: 3, column: "orderExternalId", message: "no order O404 in this store" },
        { row: 4, column: "amount", message: expect.any(String) },
      ],
    });
  });

  it.each(cases)("with skipInvalid, skips %s and lands the other row", async (_what, kind, rows, row, column, message) => {
    const ctx = await storeWithOrders();
    const before = await counts(ctx.store.id);
    const done = await importCsv(ctx, kind, rows, { skipInvalid: true });
    // An order refused on one of its lines is skipped whole, its other line (row 2) listed with it.
    const errors =
      kind === "orders" ? [{ row: 2, message: "skipped with O9: its row 3 is not valid" }, { row, column, message }] : [{ row, column, message }];
    expect(done).toMatchObject({ status: "succeeded", skippedRows: errors.length, errorCount: errors.length, errors });
    // Nothing of O9 lands.
    expect((await counts(ctx.store.id))[kind]).toBe(before[kind]! + (kind === "orders" ? 0 : 1));
  });

  it("refuses a reference to another store's order or product as unknown here", async () => {
    const a = await storeWithOrders();
    const b = await makeStore("csvimp");
    const beforeA = await snapshotStore(a.store.id);
    const done = await importCsv(b, "reviews", ["V1,C1,O1,P1,5,false,0,2026-05-05 10:00"]);
    expect(done).toMatchObject({
      status: "failed",
      errors: [
        { row: 2, column: "orderExternalId", message: "no order O1 in this store" },
        { row: 2, column: "productExternalId", message: "no product P1 in this store" },
      ],
    });
    expect(await counts(b.store.id)).toMatchObject({ customers: 0, reviews: 0 });
    expect(await snapshotStore(a.store.id)).toEqual(beforeA);
  });
});

describe("texts arrive as written", () => {
  const idsAndNames = async (storeId: number, table: "customers" | "products") => {
    const { rows } = await getDb().execute<{ external_id: string; name: string }>(
      sql`select external_id, name from ${sql.raw(table)} where store_id = ${storeId} order by external_id`,
    );
    return rows.map((r) => [r.external_id, r.name]);
  };

  // (A name or an id is one line: a tab or a line break in one is refused, see csv-validation.)
  it("keeps quotes, backslashes, commas, braces, \\N, \\t and the word NULL in names and ids", async () => {
    const ctx = await makeStore("csvimp");
    const names: [string, string][] = [
      ["C1", 'Wang "Fang" \\ 王芳'],
      ["C2", "Li, {Lei}"],
      ["C3", "NULL"],
      ["C5", 'plain"quote'],
      ["C6", "no tab\\there \\N \\t"],
    ];
    const cell = (text: string) => (/[",\r\n]/.test(text) && !text.startsWith("plain") ? `"${text.replace(/"/g, '""')}"` : text);
    const rows = names.map(([id, name], i) => `O${i},${id},${cell(name)},2026-05-01 10:00:00,paid,false,P\\{${i}},${cell(name)},1,1.00`);
    const done = await importCsv(ctx, "orders", rows);
    expect(done.status).toBe("succeeded");
    expect(await idsAndNames(ctx.store.id, "customers")).toEqual(names);
    expect(await idsAndNames(ctx.store.id, "products")).toEqual(names.map(([, name], i) => [`P\\{${i}}`, name]));
  });

  // The same, where no text needs escaping: each column of the batch is staged as one join.
  it("keeps commas, braces, spaces and the word NULL when no text of the file holds a quote or a backslash", async () => {
    const ctx = await makeStore("csvimp");
    const names: [string, string][] = [
      ["C1", "Li, {Lei}"],
      ["C2", "NULL"],
      ["C3", "a  b"],
      ["C4", "{}"],
      ["C5", "王芳 ,NULL,"],
    ];
    const rows = names.map(([id, name], i) => `O${i},${id},"${name}",2026-05-01 10:00:00,paid,${i % 2 === 0},P{${i}},"${name}",1,1.00`);
    const done = await importCsv(ctx, "orders", rows);
    expect(done.status).toBe("succeeded");
    expect(await idsAndNames(ctx.store.id, "customers")).toEqual(names);
    expect(await idsAndNames(ctx.store.id, "products")).toEqual(names.map(([, name], i) => [`P{${i}}`, name]));
    const { rows: orders } = await getDb().execute<{ external_id: string; group_buy: boolean }>(
      sql`select external_id, group_buy from orders where store_id = ${ctx.store.id} order by external_id`,
    );
    expect(orders.map((o) => [o.external_id, o.group_buy])).toEqual(names.map((_, i) => [`O${i}`, i % 2 === 0]));
  });
});

describe("a spreadsheet's export", () => {
  it("reads a gzip file with a byte-order mark, CRLF line ends and Chinese text across the stream's chunks", async () => {
    const ctx = await makeStore("csvimp");
    const rows = Array.from({ length: 3000 }, (_, i) => `O${i},C${i % 700},顾客${"王芳李雷".repeat(3)}${i % 700},2026-05-01 10:00:00,paid,false,P${i % 40},保温杯${i % 40},1,9.90`);
    const file = path.join(dir, `excel-${++fileNo}.csv.gz`);
    fs.writeFileSync(file, zlib.gzipSync(Buffer.from("\uFEFF" + [headers.orders, ...rows].join("\r\n") + "\r\n")));
    const job = await createImport(ctx, { kind: "orders", format: "canonical", fileName: path.basename(file), skipInvalid: false });
    const done = await runImport(ctx, job.id, file);
    expect(done).toMatchObject({ status: "succeeded", processedRows: 3000, errorCount: 0 });
    expect(done.counts).toMatchObject({ customers: { created: 700, updated: 0 }, products: { created: 40, updated: 0 }, orders: { created: 3000, updated: 0 } });
    const { rows: names } = await getDb().execute<{ name: string }>(
      sql`select distinct name from customers where store_id = ${ctx.store.id} and name not like ${"顾客王芳李雷王芳李雷王芳李雷%"}`,
    );
    expect(names).toEqual([]);
    const { rows: sample } = await getDb().execute<{ name: string }>(sql`select name from customers where store_id = ${ctx.store.id} and external_id = 'C699'`);
    expect(sample[0]!.name).toBe("顾客王芳李雷王芳李雷王芳李雷699");
  });
});
