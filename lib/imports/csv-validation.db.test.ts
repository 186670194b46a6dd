import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { ImportFormat, ImportKind } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { writeGzipBomb } from "@/tests/gzip-bomb";
import { inChinese, inEnglishPage } from "@/tests/in-chinese";
import { createImport, runImport } from "./run-import";
import { importPageView, importView } from "./view";

// Every check a canonical row goes through, with the row number, column and message the owner
// reads on the imports page. Each bad file holds a good row (row 2) and the bad one (row 3):
// the import fails whole and the store keeps none of the file's rows.

const HAN = /\p{Script=Han}/u;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-csv-validation-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A valid file of each kind: its header and one good row (no references to other records). */
const good: Record<ImportKind, { header: string[]; row: string[] }> = {
  orders: {
    header: ["orderExternalId", "customerExternalId", "customerName", "placedAt", "status", "groupBuy", "productExternalId", "productName", "quantity", "unitPrice"],
    row: ["O1", "C1", "王芳", "2026-05-01 10:00:00", "paid", "false", "P1", "保温杯", "2", "59.90"],
  },
  returns: {
    header: ["externalId", "customerExternalId", "orderExternalId", "type", "amount", "requestedAt", "status"],
    row: ["R1", "C1", "", "refund_only", "10.00", "2026-05-02 10:00:00", "requested"],
  },
  reviews: {
    header: ["externalId", "customerExternalId", "orderExternalId", "productExternalId", "rating", "hasPhotos", "likes", "createdAt"],
    row: ["V1", "C1", "", "", "5", "true", "3", "2026-05-03 10:00:00"],
  },
  shares: {
    header: ["externalId", "customerExternalId", "productExternalId", "sharedAt", "conversions"],
    row: ["S1", "C1", "", "2026-05-04T10:00:00+08:00", "2"],
  },
};

/** The good row with one column's value replaced, and a distinct external id. */
function rowWith(kind: ImportKind, column: string, value: string): string[] {
  const { header, row } = good[kind];
  const copy = [...row];
  copy[0] = `${copy[0]}-bad`;
  copy[header.indexOf(column)] = value;
  return copy;
}

const csvLine = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");

async function importLines(ctx: StoreContext, kind: ImportKind, lines: string[][]) {
  const file = path.join(dir, `${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(file, lines.map(csvLine).join("\n") + "\n");
  const job = await createImport(ctx, { kind, format: "canonical", fileName: path.basename(file), skipInvalid: false });
  return runImport(ctx, job.id, file);
}

async function storeRowCount(storeId: number): Promise<number> {
  const { rows } = await getDb().execute(sql`
    select (select count(*) from customers where store_id = ${storeId}) + (select count(*) from products where store_id = ${storeId})
         + (select count(*) from orders where store_id = ${storeId}) + (select count(*) from returns where store_id = ${storeId})
         + (select count(*) from reviews where store_id = ${storeId}) + (select count(*) from shares where store_id = ${storeId}) as n`);
  return Number(rows[0]!.n);
}

const forbidden = (char: string) => `contains ${char}, a control or bidirectional formatting character, which no value here may hold`;
const notATime = (text: string) => `"${text}" is not a time like 2026-06-30 14:05:00, 2026/6/30 14:05 or 2026-06-30T14:05:00+08:00`;

// [kind, column, value written, message shown]
const badValues: [ImportKind, string, string, string][] = [
  // empty required fields
  ["orders", "orderExternalId", "", "is empty"],
  ["orders", "customerExternalId", "  ", "is empty"],
  ["orders", "productExternalId", "", "is empty"],
  ["returns", "externalId", "", "is empty"],
  ["returns", "customerExternalId", "", "is empty"],
  ["reviews", "customerExternalId", "", "is empty"],
  ["shares", "externalId", "", "is empty"],
  // numbers
  ["orders", "quantity", "two", `"two" is not a whole number`],
  ["orders", "quantity", "1.5", `"1.5" is not a whole number`],
  ["orders", "quantity", "0", "0 is below 1"],
  ["orders", "quantity", "", `"" is not a whole number`],
  ["reviews", "likes", "-3", "-3 is below 0"],
  ["shares", "conversions", "lots", `"lots" is not a whole number`],
  // more than the columns hold (32-bit counts; money within MAX_MONEY_MINOR, a line too)
  ["orders", "quantity", "1000001", "1000001 is above 1000000"],
  ["reviews", "likes", "2147483648", "2147483648 is above 1000000000"],
  ["shares", "conversions", "99999999999", "99999999999 is above 1000000000"],
  ["orders", "unitPrice", "100000000.01", "100000000.01 is above 100000000"],
  ["orders", "unitPrice", "99999999.00", "quantity × unit price is above 100000000"],
  ["returns", "amount", "999999999999999", "999999999999999 is above 100000000"],
  // money
  ["orders", "unitPrice", "59.999", `"59.999" is not an amount with at most 2 decimals`],
  ["orders", "unitPrice", "-1.00", "-1.00 is negative"],
  ["orders", "unitPrice", "¥59", `"¥59" is not an amount with at most 2 decimals`],
  ["returns", "amount", "10.001", `"10.001" is not an amount with at most 2 decimals`],
  ["returns", "amount", "-10", "-10 is negative"],
  // times
  ["orders", "placedAt", "昨天", notATime("昨天")],
  ["orders", "placedAt", "2026-02-30 10:00:00", notATime("2026-02-30 10:00:00")],
  ["orders", "placedAt", "2026-13-01 10:00:00", notATime("2026-13-01 10:00:00")],
  ["orders", "placedAt", "2026-05-01 10:61:00", notATime("2026-05-01 10:61:00")],
  ["returns", "requestedAt", "2026/05/02", notATime("2026/05/02")],
  ["reviews", "createdAt", "", notATime("")],
  ["shares", "sharedAt", "2026-02-30T10:00:00+08:00", notATime("2026-02-30T10:00:00+08:00")],
  // a slip of the year (the store is in Shanghai: 1999-12-31 23:00 there is 15:00 UTC)
  ["orders", "placedAt", "1999-12-31 23:00:00", "1999-12-31 23:00:00 is not in the years 2000 to 2099"],
  ["returns", "requestedAt", "9999-01-01T00:00:00Z", "9999-01-01T00:00:00Z is not in the years 2000 to 2099"],
  // longer than the column holds: cut to 200 characters without a word, where the API refused it
  ["orders", "customerName", "名".repeat(201), "is longer than 200 characters"],
  // enums
  ["orders", "status", "shipped", `"shipped" is not one of paid, cancelled`],
  ["returns", "type", "swap", `"swap" is not one of refund_only, return_refund, exchange`],
  ["returns", "status", "done", `"done" is not one of requested, approved, rejected, completed`],
  // ratings
  ["reviews", "rating", "6", "6 is above 5"],
  ["reviews", "rating", "0", "0 is below 1"],
  ["reviews", "rating", "five", `"five" is not a whole number`],
  // booleans
  ["orders", "groupBuy", "maybe", `"maybe" is not true or false (yes / no, 1 / 0 and 是 / 否 also do)`],
  ["reviews", "hasPhotos", "有", `"有" is not true or false (yes / no, 1 / 0 and 是 / 否 also do)`],
  ["orders", "customerName", "😀".repeat(201), "is longer than 200 characters"],
  // text PostgreSQL cannot hold (the import stopped on "an unexpected error", no row named),
  // control characters, and bidi overrides that show a name reversed
  ["orders", "customerName", "王\u0000芳", forbidden("U+0000")],
  ["orders", "orderExternalId", "O\u0000", forbidden("U+0000")],
  ["orders", "customerName", "王\u202E芳", forbidden("U+202E")],
  ["orders", "productName", "保温\u0007杯", forbidden("U+0007")],
  ["returns", "customerExternalId", "C\u20661", forbidden("U+2066")],
  ["reviews", "externalId", "V\u009B1", forbidden("U+009B")],
  // a name or an id is one line
  ["orders", "customerName", "王\n芳", forbidden("U+000A")],
  ["shares", "productExternalId", "P\t1", forbidden("U+0009")],
];

describe("a canonical file with a bad value fails whole, naming the row, column and reason", () => {
  it.each(badValues)("%s: %s = %j → %s", async (kind, column, value, message) => {
    const ctx = await makeStore("csvbad");
    const { header, row } = good[kind];
    const done = await importLines(ctx, kind, [header, row, rowWith(kind, column, value)]);
    expect(done).toMatchObject({
      status: "failed",
      message: "1 row is not valid; nothing was imported.",
      errorCount: 1,
      errors: [{ row: 3, column, message }],
    });
    // Every reason has its Chinese words on the page (the API keeps the English above).
    const shown = importView(done, inChinese);
    expect(shown.message).toBe("1 行无效，没有导入任何数据。");
    expect(shown.errors).toHaveLength(1);
    expect(shown.errors[0]!.message).toMatch(HAN);
    expect(done.counts).toBeNull();
    expect(await storeRowCount(ctx.store.id)).toBe(0);
  });

  it("refuses an empty time on the file's first row too (it was once read as 1 January 1970)", async () => {
    const ctx = await makeStore("csvbad");
    const done = await importLines(ctx, "orders", [good.orders.header, rowWith("orders", "placedAt", "")]);
    expect(done).toMatchObject({ status: "failed", errors: [{ row: 2, column: "placedAt", message: notATime("") }] });
    expect(await storeRowCount(ctx.store.id)).toBe(0);
  });

  it("lists every bad value of a row at once, and counts the row once", async () => {
    const ctx = await makeStore("csvbad");
    const { header, row } = good.orders;
    const bad = rowWith("orders", "placedAt", "昨天");
    bad[header.indexOf("status")] = "shipped";
    bad[header.indexOf("quantity")] = "two";
    const done = await importLines(ctx, "orders", [header, row, bad]);
    expect(done).toMatchObject({
      status: "failed",
      message: "1 row is not valid; nothing was imported.",
      errorCount: 3,
      errors: [
        { row: 3, column: "placedAt", message: notATime("昨天") },
        { row: 3, column: "status", message: `"shipped" is not one of paid, cancelled` },
        { row: 3, column: "quantity", message: `"two" is not a whole number` },
      ],
    });

    const file = path.join(dir, `orders-skip-${Date.now()}.csv`);
    fs.writeFileSync(file, [header, row, bad].map(csvLine).join("\n") + "\n");
    const job = await createImport(ctx, { kind: "orders", format: "canonical", fileName: "skip.csv", skipInvalid: true });
    const skipped = await runImport(ctx, job.id, file);
    expect(skipped).toMatchObject({ status: "succeeded", processedRows: 2, skippedRows: 1, errorCount: 3 });
  });

  it("refuses a row dated more than a day after the import runs (a wrong year), and skipInvalid lists it", async () => {
    const ctx = await makeStore("csvfuture");
    const { header, row } = good.shares;
    const yearAhead = new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
    const hourAhead = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");
    const soon = rowWith("shares", "sharedAt", hourAhead);
    soon[0] = "S-soon";
    const lines = [header, row, rowWith("shares", "sharedAt", yearAhead), soon];
    const message = `${yearAhead} is more than 24 hours after now: check its year and time zone`;
    const done = await importLines(ctx, "shares", lines);
    expect(done).toMatchObject({ status: "failed", errorCount: 1, errors: [{ row: 3, column: "sharedAt", message }] });
    expect(importView(done, inChinese).errors[0]!.message).toBe(`${yearAhead} 比现在晚 24 小时以上，请检查年份和时区`);
    expect(await storeRowCount(ctx.store.id)).toBe(0);

    // Skipped and listed, the others land: an hour ahead (a clock running fast) is taken.
    const file = path.join(dir, `shares-future-${Date.now()}.csv`);
    fs.writeFileSync(file, lines.map(csvLine).join("\n") + "\n");
    const job = await createImport(ctx, { kind: "shares", format: "canonical", fileName: "future.csv", skipInvalid: true });
    const skipped = await runImport(ctx, job.id, file);
    expect(skipped).toMatchObject({ status: "succeeded", skippedRows: 1, errors: [{ row: 3, column: "sharedAt", message }] });
    const { rows } = await getDb().execute(sql`select external_id from shares where store_id = ${ctx.store.id} order by external_id`);
    expect(rows.map((r) => r.external_id)).toEqual(["S-soon", "S1"]);
  });

  it("takes the good rows as they are (the table above is not failing on them)", async () => {
    const ctx = await makeStore("csvgood");
    for (const kind of ["orders", "returns", "reviews", "shares"] as const) {
      const done = await importLines(ctx, kind, [good[kind].header, good[kind].row]);
      expect(done, kind).toMatchObject({ status: "succeeded", errorCount: 0, message: null });
    }
    // C1 and P1 from the order; the order, its return, review and share.
    expect(await storeRowCount(ctx.store.id)).toBe(6);
  });

  it("reads a full-width id typed in a Chinese IME as the ERP's, and counts a name's emoji as one character each", async () => {
    const ctx = await makeStore("csvtext");
    const { header, row } = good.orders;
    const name = "😀".repeat(200);
    const fromErp = ["O1", "17850", "", ...row.slice(3)];
    const typed = ["Ｏ２", "１７８５０", name, ...row.slice(3, 6), "Ｐ１", ...row.slice(7)];
    const done = await importLines(ctx, "orders", [header, fromErp, typed]);
    expect(done).toMatchObject({ status: "succeeded", errorCount: 0 });
    // One customer and one product, with two orders.
    const { rows } = await getDb().execute(sql`
      select c.external_id as customer, c.name, p.external_id as product, o.external_id as "order"
      from customers c join orders o on o.customer_id = c.id join order_items i on i.order_id = o.id join products p on p.id = i.product_id
      where c.store_id = ${ctx.store.id} order by o.external_id`);
    expect(rows).toEqual([
      { customer: "17850", name, product: "P1", order: "O1" },
      { customer: "17850", name, product: "P1", order: "O2" },
    ]);
  });

});

describe("a canonical file without a required column fails on row 1", () => {
  const dropped: [ImportKind, string][] = [
    ["orders", "unitPrice"],
    ["orders", "orderExternalId"],
    ["returns", "type"],
    ["reviews", "rating"],
    ["shares", "sharedAt"],
  ];
  it.each(dropped)("%s without %s", async (kind, column) => {
    const ctx = await makeStore("csvhead");
    const { header, row } = good[kind];
    const keep = header.map((h, i) => (h === column ? -1 : i)).filter((i) => i >= 0);
    const done = await importLines(ctx, kind, [keep.map((i) => header[i]!), keep.map((i) => row[i]!)]);
    expect(done).toMatchObject({
      status: "failed",
      message: "The file's header lacks a column of the kind and format picked (see row 1); nothing was imported.",
      errors: [{ row: 1, column, message: `missing column: ${column}; the file's header has ${keep.map((i) => header[i]!).join(", ")}` }],
    });
    expect(importView(done, inChinese)).toMatchObject({
      message: "文件表头缺少所选类型和格式的 1 列（见第 1 行）；没有导入任何数据。",
      errors: [{ row: 1, column, message: `缺少 1 列：${column}；文件表头的列为 ${keep.map((i) => header[i]!).join(", ")}` }],
    });
    expect(await storeRowCount(ctx.store.id)).toBe(0);
  });

  it("lists every missing column", async () => {
    const ctx = await makeStore("csvhead");
    const done = await importLines(ctx, "returns", [["externalId", "customerExternalId", "amount", "requestedAt"], ["R1", "C1", "1", "2026-05-01 10:00"]]);
    expect(done).toMatchObject({
      status: "failed",
      message: "The file's header lacks 3 columns of the kind and format picked (see row 1); nothing was imported.",
      errors: [{ row: 1, column: "orderExternalId", message: "missing columns: orderExternalId, type, status; the file's header has externalId, customerExternalId, amount, requestedAt" }],
    });
  });

  // The page read "lacks 3 columns … (see row 1)" over "Row 1, column orderExternalId: missing
  // columns: orderExternalId, type, status; …": the count, the row and a column said twice.
  it("names the missing columns once on the page, in the file's message, with no row listed under it; the API and the report keep row 1's reason", async () => {
    const ctx = await makeStore("csvhead");
    const done = await importLines(ctx, "returns", [[""], ["externalId", "customerExternalId", "amount", "requestedAt"], ["R1", "C1", "1", "2026-05-01 10:00"]]);
    const found = "externalId, customerExternalId, amount, requestedAt";
    expect(importPageView(done, inEnglishPage)).toMatchObject({
      status: "failed",
      message: `The file's header (row 2) lacks the columns orderExternalId, type, status, which the kind and format picked need; nothing was imported. The header's columns are ${found}.`,
      errors: [],
      errorCount: 1,
    });
    expect(importPageView(done, inChinese)).toMatchObject({
      message: `文件表头（第 2 行）缺少所选类型和格式需要的 3 列：orderExternalId, type, status，没有导入任何数据。表头现有的列为 ${found}。`,
      errors: [],
    });
    const oneMissing = await importLines(ctx, "returns", [["externalId", "customerExternalId", "orderExternalId", "amount", "requestedAt", "status"], ["R1", "C1", "", "1", "2026-05-01 10:00", "requested"]]);
    expect(importPageView(oneMissing, inEnglishPage).message).toMatch(/^The file's header \(row 1\) lacks the column type, which the kind and format picked need;/);
    // Where they were: the API's answer and the error report (the page's language) name them on row 2.
    expect(importView(done).errors).toEqual([{ row: 2, column: "orderExternalId", message: `missing columns: orderExternalId, type, status; the file's header has ${found}` }]);
    expect(importView(done, inChinese).errors).toEqual([{ row: 2, column: "orderExternalId", message: `缺少 3 列：orderExternalId, type, status；文件表头的列为 ${found}` }]);
  });

  // The message named the columns and row 1's reason named them again, one above the other on
  // the page and in the CLI: the message now points to the header's row, wherever it is.
  it("points to the header's row for the missing columns, after blank lines too, naming them there alone", async () => {
    const ctx = await makeStore("csvhead");
    const done = await importLines(ctx, "returns", [[""], [""], ["externalId", "customerExternalId", "type", "amount", "requestedAt"], ["R1", "C1", "refund", "1", "2026-05-01 10:00"]]);
    expect(done).toMatchObject({
      status: "failed",
      message: "The file's header lacks 2 columns of the kind and format picked (see row 3); nothing was imported.",
      errors: [{ row: 3, column: "orderExternalId", message: "missing columns: orderExternalId, status; the file's header has externalId, customerExternalId, type, amount, requestedAt" }],
    });
    expect(done.message).not.toContain("orderExternalId");
  });

  // The wrong file: its row said "missing columns: <all of them>; expected <all of them>" and
  // blamed the column orderExternalId, which no header of that file could have had.
  it("says a header with none of the format's columns matches none, naming the file's columns once and no column", async () => {
    const ctx = await makeStore("csvhead");
    const done = await importLines(ctx, "orders", [["Date", "Amount", "Memo\u0007"], ["2026-05-01", "1", "x"]]);
    const expected = good.orders.header.join(", ");
    expect(done).toMatchObject({
      status: "failed",
      message: "The file's header matches none of the columns of the kind and format picked: it is likely the wrong file, or the wrong format; nothing was imported.",
      errors: [{ row: 1, message: `the header has none of the columns ${expected}; its columns are Date, Amount, Memo\uFFFD` }],
    });
    expect(done.errors[0]).not.toHaveProperty("column");
    expect(importView(done, inChinese)).toMatchObject({
      message: "文件表头与所选类型和格式的列都不匹配：可能选错了文件或格式，没有导入任何数据。",
      errors: [{ row: 1, message: `表头没有以下任何一列：${expected}；文件表头的列为 Date, Amount, Memo\uFFFD` }],
    });
    // Its row says what the message does not (the file's own columns): the page lists it too.
    expect(importPageView(done, inChinese).errors).toHaveLength(1);
    expect(await storeRowCount(ctx.store.id)).toBe(0);
  });

  it("quotes at most 20 of a wrong file's header names", async () => {
    const ctx = await makeStore("csvhead");
    const names = Array.from({ length: 30 }, (_, i) => `c${i + 1}`);
    const done = await importLines(ctx, "shares", [names, names]);
    expect(done.errors).toMatchObject([{ row: 1, message: expect.stringMatching(/; its columns are c1, c2, .*, c20, …$/) }]);
  });
});

describe("a file of another kind or format than the one picked is named as such, not refused for its missing columns", () => {
  const onlineRetail = [
    ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"],
    ["536365", "85123A", "WHITE HANGING HEART", "6", "12/1/2010 8:26", "2.55", "17850.0", "United Kingdom"],
  ];
  const canonicalFile = (kind: ImportKind) => [good[kind].header, good[kind].row];
  const cases: [string, ImportKind, ImportFormat, string[][], string, string][] = [
    [
      "returns picked as orders", "orders", "canonical", canonicalFile("returns"),
      "The file looks like a returns file (its header has those columns), not orders; nothing was imported. Import it with the kind returns.",
      "这个文件看起来是退换货文件（表头是退换货的列），不是订单，没有导入任何数据。请选择“退换货”类型后重新导入。",
    ],
    [
      "orders picked as shares", "shares", "canonical", canonicalFile("orders"),
      "The file looks like an orders file (its header has those columns), not shares; nothing was imported. Import it with the kind orders.",
      "这个文件看起来是订单文件（表头是订单的列），不是分享，没有导入任何数据。请选择“订单”类型后重新导入。",
    ],
    [
      "reviews picked as returns (they share three columns)", "returns", "canonical", canonicalFile("reviews"),
      "The file looks like a reviews file (its header has those columns), not returns; nothing was imported. Import it with the kind reviews.",
      "这个文件看起来是评价文件（表头是评价的列），不是退换货，没有导入任何数据。请选择“评价”类型后重新导入。",
    ],
    [
      "the Online Retail file picked as canonical orders", "orders", "canonical", onlineRetail,
      "The file looks like the Online Retail data set (its header has that file's columns); nothing was imported. Import it with the format online-retail and the kind orders.",
      "这个文件看起来是 Online Retail 数据集（表头是该数据集的列），没有导入任何数据。请选择“Online Retail 数据集”格式和“订单”类型后重新导入。",
    ],
    [
      "a canonical orders file picked as online-retail", "orders", "online-retail", canonicalFile("orders"),
      "The file looks like a canonical orders file (its header has the API's field names), not the Online Retail data set; nothing was imported. Import it with the format canonical and the kind orders.",
      "这个文件看起来是标准格式的订单文件（表头是 API 字段名），不是 Online Retail 数据集，没有导入任何数据。请选择“标准格式”和“订单”类型后重新导入。",
    ],
  ];
  it.each([
    ["semicolons", ";", "分号"],
    ["tabs", "\t", "制表符"],
  ])("a file whose columns are separated by %s, not commas", async (name, separator, chinese) => {
    const ctx = await makeStore("csvsep");
    const file = path.join(dir, `sep-${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(file, [good.orders.header, good.orders.row].map((r) => r.join(separator)).join("\n") + "\n");
    const done = await runImport(ctx, (await createImport(ctx, { kind: "orders", format: "canonical", fileName: "x.csv", skipInvalid: false })).id, file);
    expect(done).toMatchObject({
      status: "failed",
      message: `The file's columns are separated by ${name}, not commas; nothing was imported. Save it as CSV UTF-8 (comma delimited) and import it again.`,
      errors: [],
    });
    expect(importView(done, inChinese).message).toBe(`文件的列以${chinese}分隔，而不是逗号，没有导入任何数据。请另存为“CSV UTF-8（逗号分隔）”后重新导入。`);
    expect(await storeRowCount(ctx.store.id)).toBe(0);
  });

  it.each(cases)("%s", async (_what, kind, format, lines, message, chinese) => {
    const ctx = await makeStore("csvkind");
    const file = path.join(dir, `kind-${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(file, lines.map(csvLine).join("\n") + "\n");
    const done = await runImport(ctx, (await createImport(ctx, { kind, format, fileName: "x.csv", skipInvalid: false })).id, file);
    expect(done).toMatchObject({ status: "failed", message, errorCount: 0, errors: [] });
    expect(importView(done, inChinese).message).toBe(chinese);
    expect(await storeRowCount(ctx.store.id)).toBe(0);
  });
});

describe("a file that is not readable CSV fails with the row where reading stopped", () => {
  const { header, row } = good.orders;
  const cases: [string, string | Buffer, number, RegExp, string][] = [
    ["a quoted field with text after its closing quote in row 4", [header, row, rowWith("orders", "productName", "a"), rowWith("orders", "productName", '"x"y')].map((r) => r.join(",")).join("\n"), 4, /^Trailing quote on quoted field is malformed at record 4$/, "第 4 条记录的引号后面还有字符"],
    ["a quote left open in row 3", [header.join(","), row.join(","), 'O2,C1,"unclosed,2026-05-01 10:00:00,paid,false,P1,,1,1'].join("\n"), 3, /^Quoted field unterminated at record 3$/, "第 3 条记录的引号没有闭合"],
    // 王小明 as a spreadsheet saving in GBK writes it: decoded leniently it was stored as "�".
    ["a customer name in GBK, not UTF-8, in row 3", Buffer.concat([Buffer.from(`${header.join(",")}\n${row.join(",")}\nO2,C1,`), Buffer.from([0xcd, 0xf5, 0xd0, 0xa1, 0xc3, 0xf7]), Buffer.from(",2026-05-01 10:00:00,paid,false,P1,,1,1\n")]), 3, /^its text looks like GBK\/GB18030 \(what Excel and WPS save as CSV on a Chinese Windows\), not UTF-8 \(line 3\); save it as CSV UTF-8 \(comma delimited\) and import it again$/, "文本看起来是 GBK/GB18030 编码（中文版 Windows 上 Excel、WPS 保存 CSV 的默认编码），不是 UTF-8（第 3 行），请另存为“CSV UTF-8（逗号分隔）”格式后重新导入"],
    ["a product name in Latin-1, in row 2", Buffer.from(`${header.join(",")}\nO1,C1,,2026-05-01 10:00:00,paid,false,P1,Caf\u00e9,1,1\n`, "latin1"), 2, /^its text is not UTF-8 \(line 2\); save it as CSV UTF-8 and import it again$/, "文本不是 UTF-8 编码（第 2 行），请另存为 CSV UTF-8 格式后重新导入"],
    ["a header line of 2 MB", "x".repeat(2 * 1024 * 1024), 1, /^record 1 is longer than 1,048,576 characters$/, "第 1 条记录超过 1,048,576 个字符"],
    ["a record of 2 MB in row 3, line breaks inside its quotes", [header.join(","), row.join(","), `O3,C1,"${"line\n".repeat(400_000)}"`].join("\n"), 3, /^record 3 is longer than 1,048,576 characters$/, "第 3 条记录超过 1,048,576 个字符"],
  ];
  it.each(cases)("%s", async (_what, content, rowNo, message, chinese) => {
    const ctx = await makeStore("csvunreadable");
    const file = path.join(dir, `unreadable-${rowNo}.csv`);
    fs.writeFileSync(file, content);
    const done = await runImport(ctx, (await createImport(ctx, { kind: "orders", format: "canonical", fileName: "x.csv", skipInvalid: true })).id, file);
    expect(done.status).toBe("failed");
    // It says nothing of the file was kept, in either language (it said only that the file was not readable).
    expect(done.message).toMatch(/^The file is not readable CSV, so nothing was imported: .+\.$/);
    expect(done.errors).toMatchObject([{ row: rowNo, message: expect.stringMatching(message) }]);
    expect(importView(done, inChinese)).toMatchObject({ message: `文件不是可读的 CSV，没有导入任何数据：${chinese}。`, errors: [{ row: rowNo, message: chinese }] });
    // The page says it once, in the message: "Row 3: record 3 is longer…" under it said it again.
    expect(importPageView(done, inChinese)).toMatchObject({ message: `文件不是可读的 CSV，没有导入任何数据：${chinese}。`, errors: [], errorCount: 1 });
    expect(await storeRowCount(ctx.store.id)).toBe(0);
  });
});

describe("a file that is not text is refused with one message saying what it is, not a row's error", () => {
  const csv = [good.orders.header, good.orders.row].map(csvLine).join("\n") + "\n";
  const cases: [string, Buffer, string, string][] = [
    [
      "an Excel workbook (.xlsx)",
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), Buffer.from("[Content_Types].xml"), Buffer.from(csv)]),
      "The file is an Excel workbook (.xlsx or .xls), not CSV; nothing was imported. In Excel or WPS choose Save As → CSV UTF-8 (comma delimited) and import that file.",
      "这个文件是 Excel 工作簿（.xlsx 或 .xls），不是 CSV，没有导入任何数据。请在 Excel 或 WPS 中选择“另存为”→“CSV UTF-8（逗号分隔）”，然后导入该文件。",
    ],
    [
      "CSV saved as UTF-16 (Unicode text)",
      Buffer.from(`\uFEFF${csv}`, "utf16le"),
      `The file's text is UTF-16 (Excel's "Unicode text"), not UTF-8; nothing was imported. Save it as CSV UTF-8 (comma delimited) and import it again.`,
      "文件文本是 UTF-16 编码（Excel 的“Unicode 文本”），不是 UTF-8，没有导入任何数据。请另存为“CSV UTF-8（逗号分隔）”后重新导入。",
    ],
    // A PDF's and an archive's line breaks were counted as rows ("0 of 683 rows"), and a line of each refused as not UTF-8.
    ...[
      ["an image, gzip-compressed", zlib.gzipSync(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4000, 7)]))],
      ["a PDF, its first kilobytes lines of text", Buffer.concat([Buffer.from(`%PDF-1.7\n%\u00e2\u00e3\n${"1 0 obj\n<< /Type /Catalog >>\nendobj\n".repeat(300)}`, "latin1"), zlib.gzipSync(Buffer.from(csv.repeat(50)))])],
      ["a CSV behind an archive's header of NUL bytes", Buffer.concat([Buffer.from("orders.csv"), Buffer.alloc(300), Buffer.from(csv.repeat(100))])],
    ].map(([what, content]): [string, Buffer, string, string] => [
      what as string,
      content as Buffer,
      "The file is not text, so not CSV (it looks like an image, an archive or another program's file); nothing was imported. Export the data as CSV UTF-8 and import that file.",
      "这个文件不是文本文件，因此不是 CSV（看起来像图片、压缩包或其他程序的文件），没有导入任何数据。请把数据导出为 CSV UTF-8 格式后导入该文件。",
    ]),
    // Read as CSV: "the header matches none of the columns", quoting the JSON as the file's columns,
    // or, the records on one line, "Trailing quote on quoted field is malformed at record 1".
    ...[
      ["an orders JSON file, pretty-printed", JSON.stringify({ orders: [{ externalId: "O1", customer: { externalId: "C1" } }] }, null, 2)],
      ["an orders JSON array on one line, with a byte-order mark", `\uFEFF${JSON.stringify([{ orderExternalId: "O1", customerExternalId: "C1" }])}`],
    ].map(([what, text]): [string, Buffer, string, string] => [
      what!,
      Buffer.from(text!),
      "The file is JSON, not CSV; nothing was imported. Export the data as CSV UTF-8 and import that file (JSON records go to the HTTP API, POST /api/v1/orders and the like).",
      "这个文件是 JSON，不是 CSV，没有导入任何数据。请把数据导出为 CSV UTF-8 格式后导入该文件（JSON 记录请通过 HTTP API 发送，如 POST /api/v1/orders）。",
    ]),
  ];
  it.each(cases)("%s", async (_what, content, message, chinese) => {
    const ctx = await makeStore("csvbinary");
    const file = path.join(dir, `binary-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(file, content);
    const done = await runImport(ctx, (await createImport(ctx, { kind: "orders", format: "canonical", fileName: "x.csv", skipInvalid: true })).id, file);
    // No rows counted in it: a PNG refused as not text read "0 of 63 rows", its line breaks counted.
    expect(done).toMatchObject({ status: "failed", message, errorCount: 0, errors: [], totalRows: null, processedRows: 0 });
    expect(importView(done, inChinese).message).toBe(chinese);
    expect(await storeRowCount(ctx.store.id)).toBe(0);
  });
});

describe("a file that is cut short, empty or only a header", () => {
  const { header } = good.orders;
  const importBytes = async (ctx: StoreContext, name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return runImport(ctx, (await createImport(ctx, { kind: "orders", format: "canonical", fileName: name, skipInvalid: false })).id, file);
  };

  it("says a gzip file is damaged, not that the import met an unexpected error", async () => {
    const ctx = await makeStore("csvdamaged");
    const whole = zlib.gzipSync(Buffer.from([header, ...Array.from({ length: 2_000 }, (_, i) => rowWith("orders", "orderExternalId", `O${i}`))].map(csvLine).join("\n")));
    for (const content of [whole.subarray(0, whole.length / 2), Buffer.concat([whole.subarray(0, 10), Buffer.from("not gzip at all")])]) {
      const done = await importBytes(ctx, "cut.csv.gz", content);
      expect(done).toMatchObject({ status: "failed", message: expect.stringMatching(/^The file is gzip-compressed but damaged or cut short/) });
      expect(importView(done, inChinese).message).toBe("文件是 gzip 压缩文件，但已损坏或不完整，没有导入任何数据。请重新压缩后再导入。");
    }
    expect(await storeRowCount(ctx.store.id)).toBe(0);
  });

  it("refuses a gzip file that unpacks past LAOKE_MAX_UNPACKED_BYTES, saying so", async () => {
    const ctx = await makeStore("csvbomb");
    const file = path.join(dir, "bomb.csv.gz");
    // Good rows unpacking to 2 MiB, past a cap lowered to 1 MiB: the rows read before the cap stay out too.
    const line = csvLine(good.orders.row) + "\n";
    await writeGzipBomb(file, 2 * 1024 * 1024, { head: csvLine(header) + "\n", fill: line });
    const saved = process.env.LAOKE_MAX_UNPACKED_BYTES;
    process.env.LAOKE_MAX_UNPACKED_BYTES = String(1024 * 1024);
    try {
      const done = await runImport(ctx, (await createImport(ctx, { kind: "orders", format: "canonical", fileName: "bomb.csv.gz", skipInvalid: false })).id, file);
      expect(done).toMatchObject({
        status: "failed",
        message: "The file unpacks to more than 1 MB, the limit for a compressed file; nothing was imported. Split it into smaller files.",
        errors: [],
      });
      expect(importView(done, inChinese).message).toBe("文件解压后超过 1 MB（压缩文件的上限），没有导入任何数据。请拆分成较小的文件后再导入。");
    } finally {
      if (saved === undefined) delete process.env.LAOKE_MAX_UNPACKED_BYTES;
      else process.env.LAOKE_MAX_UNPACKED_BYTES = saved;
    }
    expect(await storeRowCount(ctx.store.id)).toBe(0);
  });

  it("refuses a file with no header row, and takes one with a header alone as nothing to import", async () => {
    const ctx = await makeStore("csvempty");
    for (const content of ["", "\n\n"]) {
      expect(await importBytes(ctx, "empty.csv", content)).toMatchObject({ status: "failed", message: "The file is empty: it has not even a header row." });
    }
    const headerOnly = await importBytes(ctx, "header.csv", csvLine(header) + "\n");
    expect(headerOnly).toMatchObject({ status: "succeeded", processedRows: 0, counts: {} });
  });
});
