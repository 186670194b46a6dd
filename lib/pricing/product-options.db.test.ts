import { sql, type SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { products } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { listProductsWithPrices } from "./member-prices";
import { PRODUCT_CHOICES, searchProducts } from "./product-options";
import { hasTrigramIndex, productSearch } from "./product-search";

async function addProducts(ctx: StoreContext, rows: { externalId: string; name: string }[]) {
  await getDb()
    .insert(products)
    .values(rows.map((r) => ({ storeId: ctx.store.id, ...r, price: 1000, stock: 5 })));
}

const externalIds = (found: { externalId: string }[]) => found.map((p) => p.externalId);

/**
 * The plan of a search's condition over every product (`p`), sequential scans ruled out; with
 * `withoutTrigramIndex`, as a database without pg_trgm plans it (the index dropped, and put back
 * by the rollback).
 */
async function searchPlan(condition: SQL, options: { withoutTrigramIndex?: boolean } = {}): Promise<string> {
  class Plan {
    constructor(readonly text: string) {}
  }
  try {
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      if (options.withoutTrigramIndex) await tx.execute(sql`drop index products_search_idx`);
      const { rows } = await tx.execute<{ "QUERY PLAN": string }>(sql`explain select id from products p where ${condition}`);
      throw new Plan(rows.map((row) => row["QUERY PLAN"]).join("\n"));
    });
  } catch (error) {
    if (error instanceof Plan) return error.text;
    throw error;
  }
  throw new Error("no plan");
}

describe("searchProducts (the product picker's choices)", () => {
  it("offers the first products by name, narrows by name or external id, and keeps to the store", async () => {
    const ctx = await makeStore("pick");
    const other = await makeStore("pick-other");
    await addProducts(
      ctx,
      Array.from({ length: 25 }, (_, i) => ({ externalId: `MUG-${i + 1}`, name: `Mug ${String(i + 1).padStart(2, "0")}` })),
    );
    await addProducts(other, [{ externalId: "MUG-99", name: "Mug 99" }]);

    const first = await searchProducts(ctx, "");
    expect(first).toHaveLength(PRODUCT_CHOICES);
    expect(first[0]).toMatchObject({ externalId: "MUG-1", name: "Mug 01", price: 1000, floorPrice: null, stock: 5 });

    // Case does not matter; the 21st and later products are found by what is typed.
    expect(externalIds(await searchProducts(ctx, "mug 2"))).toEqual(["MUG-20", "MUG-21", "MUG-22", "MUG-23", "MUG-24", "MUG-25"]);
    expect(externalIds(await searchProducts(ctx, "mug-25"))).toEqual(["MUG-25"]);
    expect(await searchProducts(ctx, "Mug 99")).toEqual([]);
  });

  it("puts the product whose external id is exactly what was typed first, and takes % and _ literally", async () => {
    const ctx = await makeStore("pick-exact");
    await addProducts(ctx, [
      { externalId: "A-1", name: "A cup with CUP on it" },
      { externalId: "CUP", name: "Zen tea cup" },
      { externalId: "B-1", name: "100% cotton_bag" },
      { externalId: "B-2", name: "100 cotton bags" },
    ]);
    expect(externalIds(await searchProducts(ctx, "CUP"))).toEqual(["CUP", "A-1"]);
    expect(externalIds(await searchProducts(ctx, "100%"))).toEqual(["B-1"]);
    expect(externalIds(await searchProducts(ctx, "n_b"))).toEqual(["B-1"]);
  });

  it("offers products of the same name in the order they were added, with nothing typed", async () => {
    const ctx = await makeStore("pick-ties");
    await addProducts(ctx, [
      { externalId: "Z-9", name: "Cup" },
      { externalId: "A-1", name: "Cup" },
      { externalId: "B-1", name: "Bowl" },
    ]);
    expect(externalIds(await searchProducts(ctx, " "))).toEqual(["B-1", "Z-9", "A-1"]);
  });
});

describe("listProductsWithPrices (the products page's table)", () => {
  it("lists the product whose code is exactly the search first, even past the first page by name, then the others by name", async () => {
    const ctx = await makeStore("table-exact");
    await addProducts(ctx, [
      ...Array.from({ length: 3 }, (_, i) => ({ externalId: `SKU1${i}`, name: `Apple ${i}` })),
      { externalId: "SKU1", name: "Walnuts" },
    ]);
    const found = await listProductsWithPrices(ctx, { q: " SKU1 ", limit: 2 });
    expect(found.total).toBe(4);
    expect(externalIds(found.products)).toEqual(["SKU1", "SKU10"]);
    const second = await listProductsWithPrices(ctx, { q: "SKU1", limit: 2, cursor: found.nextCursor! });
    expect(second).toMatchObject({ total: 4, nextCursor: null });
    expect(externalIds(second.products)).toEqual(["SKU11", "SKU12"]);
    // Back from the second page: the first, the exact code first again.
    const back = await listProductsWithPrices(ctx, { q: "SKU1", limit: 2, before: second.previousCursor! });
    expect(externalIds(back.products)).toEqual(["SKU1", "SKU10"]);
    expect(back.previousCursor).toBeNull();
    // A page of one holding the exact code alone is followed by the others from the start by name.
    const alone = await listProductsWithPrices(ctx, { q: "SKU1", limit: 1 });
    expect(externalIds(alone.products)).toEqual(["SKU1"]);
    expect(externalIds((await listProductsWithPrices(ctx, { q: "SKU1", limit: 1, cursor: alone.nextCursor! })).products)).toEqual(["SKU10"]);
    // Without a search, by name alone.
    expect(externalIds((await listProductsWithPrices(ctx)).products)).toEqual(["SKU10", "SKU11", "SKU12", "SKU1"]);
  });

  it("pages through every product by name (the same names by when they were added) from each page's edge, and back, counting the store's products on each page", async () => {
    const ctx = await makeStore("table-pages");
    const other = await makeStore("table-pages-other");
    await addProducts(ctx, [
      { externalId: "P-3", name: "Pear" },
      { externalId: "A-1", name: "Apple" },
      { externalId: "A-2", name: "Apple" },
      { externalId: "F-1", name: "Fig" },
      { externalId: "B-1", name: "Banana" },
    ]);
    await addProducts(other, [{ externalId: "A-0", name: "Apple" }]);

    const pages = [await listProductsWithPrices(ctx, { limit: 2 })];
    while (pages.at(-1)!.nextCursor) pages.push(await listProductsWithPrices(ctx, { limit: 2, cursor: pages.at(-1)!.nextCursor! }));
    expect(pages.map((page) => externalIds(page.products))).toEqual([["A-1", "A-2"], ["B-1", "F-1"], ["P-3"]]);
    // Every page says how many there are.
    expect(pages.map((page) => page.total)).toEqual([5, 5, 5]);
    expect(pages.map((page) => page.previousCursor === null)).toEqual([true, false, false]);
    expect(pages[0]!.products[0]).toMatchObject({ name: "Apple", price: 1000, stock: 5, memberPrices: [] });
    // Back from the last page, then back again to the first, which has no page before it.
    const middle = await listProductsWithPrices(ctx, { limit: 2, before: pages[2]!.previousCursor! });
    expect(externalIds(middle.products)).toEqual(["B-1", "F-1"]);
    expect(middle.nextCursor).not.toBeNull();
    const first = await listProductsWithPrices(ctx, { limit: 2, before: middle.previousCursor! });
    expect(externalIds(first.products)).toEqual(["A-1", "A-2"]);
    expect(first.previousCursor).toBeNull();
    // A product renamed to sort before the page's edge, the next page goes on from the edge all the same.
    await getDb().execute(sql`update products set name = 'Aardvark' where store_id = ${ctx.store.id} and external_id = 'P-3'`);
    expect(externalIds((await listProductsWithPrices(ctx, { limit: 2, cursor: pages[1]!.nextCursor! })).products)).toEqual([]);
    // A cursor the list did not give out is refused, not read as some position.
    await expect(listProductsWithPrices(ctx, { cursor: "not-a-cursor" })).rejects.toMatchObject({ key: "errors.badCursor" });
  });

  it("counts the matches of a search, not the store's products, and pages through them", async () => {
    const ctx = await makeStore("table-search");
    await addProducts(ctx, [
      { externalId: "T-1", name: "Green tea" },
      { externalId: "T-2", name: "Black tea" },
      { externalId: "C-1", name: "Coffee" },
      { externalId: "TEA", name: "Teapot" },
    ]);
    const first = await listProductsWithPrices(ctx, { q: "TEA", limit: 2 });
    // Any case finds; the exact code (as typed) comes first.
    expect(first.total).toBe(3);
    expect(externalIds(first.products)).toEqual(["TEA", "T-2"]);
    const second = await listProductsWithPrices(ctx, { q: "TEA", limit: 2, cursor: first.nextCursor! });
    expect(second.total).toBe(3);
    expect(externalIds(second.products)).toEqual(["T-1"]);
    // By code as well as by name.
    expect(await listProductsWithPrices(ctx, { q: "c-" })).toMatchObject({ total: 1, products: [{ externalId: "C-1" }] });
    expect(await listProductsWithPrices(ctx, { q: "cocoa" })).toEqual({ total: 0, products: [], nextCursor: null, previousCursor: null });
  });

  it("finds Chinese names by any part, through the trigram index of names and codes where the text has three characters", async () => {
    const ctx = await makeStore("table-trgm");
    await addProducts(ctx, [
      { externalId: "CUP-500", name: "不锈钢保温杯 500ml" },
      { externalId: "CUP-350", name: "儿童保温杯" },
      { externalId: "TEA-1", name: "西湖龙井茶叶" },
    ]);
    expect(externalIds((await listProductsWithPrices(ctx, { q: "保温杯" })).products)).toEqual(["CUP-500", "CUP-350"]);
    expect(externalIds((await listProductsWithPrices(ctx, { q: "杯" })).products)).toEqual(["CUP-500", "CUP-350"]); // one character: read through, still found
    expect(externalIds(await searchProducts(ctx, "up-5"))).toEqual(["CUP-500"]);
    // The search's condition (of any store: a store's few rows here are read through its own key)
    // is the index's: with sequential scans ruled out, the planner takes it for either column (it
    // could not, were it missing): without it a search read every product of the store.
    const plan = await searchPlan(sql`(p.name ilike ${"%保温杯%"} or p.external_id ilike ${"%保温杯%"})`);
    expect(plan.match(/Bitmap Index Scan on products_search_idx/g)).toHaveLength(2);
  });

  it("finds a text of one or two characters exactly, in a name or a code, through the indexes of their characters and pairs", async () => {
    const ctx = await makeStore("table-short");
    const other = await makeStore("table-short-other");
    await addProducts(ctx, [
      { externalId: "CUP-500", name: "不锈钢保温杯 500ml" },
      { externalId: "CUP-350", name: "儿童保温杯" },
      { externalId: "BTL-1", name: "运动水杯" },
      { externalId: "IDIOM", name: "杯水车薪" },
      { externalId: "TM-1", name: "Thermos Mug" },
      { externalId: "B-1", name: "100% cotton" },
    ]);
    await addProducts(other, [{ externalId: "BTL-9", name: "水杯" }]);
    // As a set: Chinese and Latin names sort by each database's collation.
    const found = async (q: string) => externalIds((await listProductsWithPrices(ctx, { q })).products).sort();
    expect(await found("杯")).toEqual(["BTL-1", "CUP-350", "CUP-500", "IDIOM"]);
    expect(await found("水杯")).toEqual(["BTL-1"]); // not 杯水 (IDIOM), nor the other store's
    expect(await found("mU")).toEqual(["TM-1"]);
    expect(await found("m")).toEqual(["CUP-500", "IDIOM", "TM-1"]); // 500ml; IDIOM; Thermos, Mug and TM-1
    expect(await found("-3")).toEqual(["CUP-350"]);
    expect(await found("3")).toEqual(["CUP-350"]);
    expect(await found("%")).toEqual(["B-1"]);
    expect(await found("茶")).toEqual([]);
    expect((await listProductsWithPrices(ctx, { q: "杯" })).total).toBe(4);
    expect(externalIds(await searchProducts(ctx, "水杯"))).toEqual(["BTL-1"]);
    expect(externalIds(await searchProducts(ctx, "tm")).sort()).toEqual(["TM-1"]);
    // The search's condition is the indexes': with sequential scans ruled out, the planner takes
    // the characters' for one character and the pairs' for two, for either column (it could not,
    // were they missing; pg_trgm's has no trigram of so short a text to look up).
    expect((await searchPlan(await productSearch(ctx.store.id, "杯"))).match(/Bitmap Index Scan on products_search_chars_idx/g)).toHaveLength(2);
    expect((await searchPlan(await productSearch(ctx.store.id, "水杯"))).match(/Bitmap Index Scan on products_search_bigrams_idx/g)).toHaveLength(2);
  });

  it("finds a text of three characters or more through the pairs' index where pg_trgm's index is missing, still exactly", async () => {
    const ctx = await makeStore("table-no-trgm");
    await addProducts(ctx, [
      { externalId: "CUP-500", name: "不锈钢保温杯 500ml" },
      { externalId: "CUP-350", name: "儿童保温杯" },
      { externalId: "PAIRS", name: "温杯与保温壶" }, // every pair of 保温杯, not in a row
      { externalId: "TEA-1", name: "西湖龙井茶叶" },
    ]);
    const without = (q: string) => productSearch(ctx.store.id, q, { trigrams: false });
    const found = async (q: string) =>
      (await getDb().execute<{ id: string }>(sql`select p.external_id as id from products p where p.store_id = ${ctx.store.id} and ${await without(q)}`)).rows
        .map((r) => r.id)
        .sort();
    expect(await found("保温杯")).toEqual(["CUP-350", "CUP-500"]);
    expect(await found("UP-5")).toEqual(["CUP-500"]);
    expect(await found("龙井茶叶")).toEqual(["TEA-1"]);
    expect(await found("保温杯壶")).toEqual([]);
    // Through the pairs' index, for either column (it could not be, were the condition missing);
    // where the trigram index is there, it alone serves.
    const plan = await searchPlan(await without("保温杯"), { withoutTrigramIndex: true });
    expect(plan.match(/Bitmap Index Scan on products_search_bigrams_idx/g)).toHaveLength(2);
    expect(await searchPlan(await productSearch(ctx.store.id, "保温杯", { trigrams: true }))).not.toMatch(/name_bigrams/);
    // Both test databases have it (the embedded one loads pg_trgm), and the search finds out so.
    expect(await hasTrigramIndex()).toBe(true);
  });

  it("reads a text most products hold with the ILIKE alone, still exactly", async () => {
    const ctx = await makeStore("table-common");
    await addProducts(ctx, [
      ...Array.from({ length: 2000 }, (_, i) => ({ externalId: `SKU-${i}`, name: `商品 ${i}` })),
      { externalId: "CUP-1", name: "保温杯" },
    ]);
    // S is in 2,000 codes: handed the characters' index condition as well, every row read through
    // computed it (335 → 560 ms of PostgreSQL at 100,000 products). A rare text keeps the index.
    const common = await searchPlan(await productSearch(ctx.store.id, "s"));
    expect(common).not.toMatch(/name_chars|products_search_chars_idx/);
    expect(await searchPlan(await productSearch(ctx.store.id, "杯"))).toMatch(/products_search_chars_idx/);
    expect(await listProductsWithPrices(ctx, { q: "s", limit: 1 })).toMatchObject({ total: 2000 });
    expect(externalIds((await listProductsWithPrices(ctx, { q: "杯" })).products)).toEqual(["CUP-1"]);
  });
});
