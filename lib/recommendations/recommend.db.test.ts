import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createFlashSale } from "@/lib/flash-sales/commands";
import { draft } from "@/lib/flash-sales/test-helpers";
import { upsertOrders, upsertProducts } from "@/lib/imports/ingest";
import type { StoreContext } from "@/lib/stores/context";
import { asStaff, makeStore } from "@/tests/factories";
import { MAX_PRODUCTS_PER_CUSTOMER, refreshCoPurchases } from "./co-purchases";
import { pairCounts } from "./test-helpers";
import { campaignPage, customerRecommendations, outOfStockCandidates } from "./recommend";

const DAY = 86_400_000;
let serial = 0;

/** Each basket is one order of the customer, placed `daysAgo` days ago; products by external id. */
async function buy(ctx: StoreContext, baskets: [customer: string, products: string[], status?: "paid" | "cancelled"][], daysAgo = 5) {
  await upsertOrders(ctx, {
    orders: baskets.map(([customer, products, status = "paid"]) => ({
      externalId: `O${++serial}`,
      customer: { externalId: customer },
      placedAt: new Date(Date.now() - daysAgo * DAY),
      status,
      items: products.map((p) => ({ productExternalId: p, productName: `Product ${p}`, quantity: 1, unitPrice: 1000 })),
    })),
  });
}

async function customerId(ctx: StoreContext, externalId: string) {
  const { rows } = await getDb().execute<{ id: number }>(sql`
    select id::float8 as id from customers where store_id = ${ctx.store.id} and external_id = ${externalId}`);
  return Number(rows[0]!.id);
}

/**
 * x1–x8 make the counts (A with B by 5, with C and D by 4, with F by 6, with E by 2, with G
 * by 3); x9–x11 bought A and H only in cancelled orders; T bought A (and H, cancelled); U
 * bought B and G. F is out of stock.
 */
async function handMadeStore() {
  const ctx = await makeStore("reco");
  await buy(ctx, [
    ["x1", ["A", "B", "C", "D", "F", "G"]],
    ["x2", ["A", "B", "C", "D", "F", "G"]],
    ["x3", ["A", "B", "C", "D", "F", "G"]],
    ["x4", ["A", "B", "C", "D", "F"]],
    ["x5", ["A", "B", "F"]],
    ["x6", ["A", "F", "E"]],
    ["x7", ["A", "E"]],
    ["x8", ["D", "G"]],
    ["x9", ["A", "H"], "cancelled"],
    ["x10", ["A", "H"], "cancelled"],
    ["x11", ["A", "H"], "cancelled"],
    ["T", ["A"]],
    ["T", ["H"], "cancelled"],
    ["U", ["B", "G"]],
  ]);
  await upsertProducts(ctx, {
    products: ["A", "B", "C", "D", "E", "F", "G", "H"].map((p) => ({
      externalId: p,
      name: `Product ${p}`,
      price: 1000,
      stock: p === "F" ? 0 : 10,
    })),
  });
  return ctx;
}

describe("co-purchase counts", () => {
  it("count the distinct customers of paid orders who bought both, in both directions, from the minimum support up", async () => {
    const ctx = await handMadeStore();
    const counts = await pairCounts(ctx);
    expect(counts["A+B"]).toBe(5);
    expect(counts["B+A"]).toBe(5);
    expect(counts["A+C"]).toBe(4);
    expect(counts["A+D"]).toBe(4);
    expect(counts["A+F"]).toBe(6);
    expect(counts["A+G"]).toBe(3);
    expect(counts["B+G"]).toBe(4); // x1–x3 and U
    expect(counts["D+G"]).toBe(4); // x1–x3 and x8
    // Under the minimum support of 3: not stored.
    expect(counts["A+E"]).toBeUndefined();
    // Only cancelled orders bought A with H.
    expect(counts["A+H"]).toBeUndefined();
    expect(Object.keys(counts)).toHaveLength(2 * 15); // 15 pairs, each under both products
  });

  it("are rebuilt only when the baskets changed", async () => {
    const ctx = await handMadeStore();
    const again = await getDb().transaction((tx) => refreshCoPurchases(tx, ctx.store.id));
    expect(again.rebuilt).toBe(false);
    await buy(ctx, [["x7", ["G"]], ["x6", ["G"]]]);
    expect((await pairCounts(ctx))["A+G"]).toBe(5);
    // An order that turns cancelled (the same external id upserted again) takes its pairs away.
    const order = (status: "paid" | "cancelled") => ({
      externalId: "LATE",
      customer: { externalId: "x8" },
      placedAt: new Date(Date.now() - DAY),
      status,
      items: ["A", "G"].map((p) => ({ productExternalId: p, quantity: 1, unitPrice: 1000 })),
    });
    await upsertOrders(ctx, { orders: [order("paid")] });
    expect((await pairCounts(ctx))["A+G"]).toBe(6);
    await upsertOrders(ctx, { orders: [order("cancelled")] });
    expect((await pairCounts(ctx))["A+G"]).toBe(5);
  });

  it("follow an order changed outside the app's own paths, and only in its store", async () => {
    const ctx = await handMadeStore();
    const other = await handMadeStore();
    const refresh = (store: StoreContext) => getDb().transaction((tx) => refreshCoPurchases(tx, store.store.id));
    expect((await pairCounts(ctx))["A+F"]).toBe(6);
    // Whoever writes the orders (here a bare statement, as an operator might), the next refresh sees it.
    await getDb().execute(sql`
      update orders set status = 'cancelled'
      where store_id = ${ctx.store.id}
        and customer_id = (select id from customers where store_id = ${ctx.store.id} and external_id = 'x6')`);
    expect((await refresh(other)).rebuilt).toBe(false);
    const rebuilt = await refresh(ctx);
    expect(rebuilt.rebuilt).toBe(true);
    expect((await pairCounts(ctx))["A+F"]).toBe(5);
    expect((await pairCounts(other))["A+F"]).toBe(6);
    expect((await refresh(ctx)).rebuilt).toBe(false);
    // A write that leaves every basket as it was: the baskets are read, found the same, kept.
    await getDb().execute(sql`update orders set group_buy = group_buy where store_id = ${ctx.store.id}`);
    const same = await refresh(ctx);
    expect(same).toMatchObject({ rebuilt: false, pairs: rebuilt.pairs, basketLines: rebuilt.basketLines });
    expect((await pairCounts(ctx))["A+F"]).toBe(5);
  });

  it("count a long basket with its most recent products only", async () => {
    const ctx = await makeStore("reco-cap");
    const many = Array.from({ length: MAX_PRODUCTS_PER_CUSTOMER }, (_, i) => `P${String(i).padStart(2, "0")}`);
    await buy(ctx, [["big", ["OLD"]]], 20);
    await buy(ctx, [["big", many], ["a", ["OLD", "P00"]], ["b", ["OLD", "P00"]], ["c", ["OLD", "P00"]]], 2);
    const result = await getDb().transaction((tx) => refreshCoPurchases(tx, ctx.store.id, { force: true }));
    expect(result.cappedCustomers).toBe(1);
    // "big" bought OLD before the 30 others, so it does not count for them: 3 customers, not 4.
    expect((await pairCounts(ctx))["OLD+P00"]).toBe(3);
  });
});

describe("recommendations", () => {
  it("leave out what the customer bought, what is out of stock and what lacks support, ties by external id", async () => {
    const ctx = await handMadeStore();
    const list = await customerRecommendations(asStaff(ctx), await customerId(ctx, "T"));
    expect(list.map((r) => [r.productExternalId, r.via.externalId, r.customers])).toEqual([
      ["B", "A", 5],
      ["C", "A", 4],
      ["D", "A", 4],
      ["G", "A", 3],
    ]);
  });

  it("count a product whose units a flash sale that ended on its own set aside as in stock again", async () => {
    const ctx = await handMadeStore();
    await upsertProducts(ctx, { products: [{ externalId: "F", name: "Product F", price: 1000, stock: 10 }] });
    const { rows } = await getDb().execute<{ id: number }>(sql`select id::float8 as id from products where store_id = ${ctx.store.id} and external_id = 'F'`);
    // All of F's stock set aside for a sale, which then ends (the clock moved past it) unsold.
    const { id } = await createFlashSale(ctx, Number(rows[0]!.id), draft(new Date(Date.now() + DAY), { price: 900, quantity: 10 }));
    await getDb().execute(sql`
      update flash_sales set starts_at = starts_at - interval '3 days', ends_at = ends_at - interval '3 days'
       where store_id = ${ctx.store.id} and id = ${id}`);
    const list = await customerRecommendations(ctx, await customerId(ctx, "T"));
    expect(list.map((r) => [r.productExternalId, r.stock])[0]).toEqual(["F", 10]);
  });

  it("break ties on the strongest link by the sum over everything bought, and name the lower external id as the reason", async () => {
    const ctx = await handMadeStore();
    const list = await customerRecommendations(ctx, await customerId(ctx, "U"));
    // A: BA 5 (+GA 3). D: BD 4 and GD 4, sum 8, beats C: BC 4 + GC 3 = 7.
    expect(list.map((r) => [r.productExternalId, r.via.externalId, r.customers, r.total])).toEqual([
      ["A", "B", 5, 8],
      ["D", "B", 4, 8],
      ["C", "B", 4, 7],
    ]);
  });

  it("give at most five, and none to a customer whose products have no partner with support", async () => {
    const ctx = await handMadeStore();
    expect(await customerRecommendations(ctx, await customerId(ctx, "x9"))).toEqual([]);
    const x8 = await customerRecommendations(ctx, await customerId(ctx, "x8"));
    expect(x8.length).toBeLessThanOrEqual(5);
    // B: DB 4 + GB 4 = 8 first; A and C both 4 + 3 = 7, then by external id.
    expect(x8.map((r) => r.productExternalId)).toEqual(["B", "A", "C"]);
  });

  it("count the products left out for being out of stock, which an order import's new products all are", async () => {
    const ctx = await handMadeStore();
    const t = await customerId(ctx, "T");
    // F goes with T's A but has none in stock; E lacks support, H went with A only in cancelled orders.
    expect(await outOfStockCandidates(asStaff(ctx), t)).toBe(1);
    // Products an order import brings in start with a stock of 0: nothing is recommended, and all
    // five that would be are counted; what T bought (A) is never among them.
    await upsertProducts(ctx, { products: ["A", "B", "C", "D", "G"].map((p) => ({ externalId: p, name: `Product ${p}`, price: 1000, stock: 0 })) });
    expect(await customerRecommendations(ctx, t)).toEqual([]);
    expect(await outOfStockCandidates(ctx, t)).toBe(5);
    // A customer whose products have no partner with support has none out of stock either.
    expect(await outOfStockCandidates(ctx, await customerId(ctx, "x9"))).toBe(0);
  });

  it("make a campaign list of a tier for owners only, and never from another store's counts", async () => {
    const ctx = await handMadeStore();
    const other = await handMadeStore();
    await expect(campaignPage(asStaff(ctx), "ordinary")).rejects.toMatchObject({ code: "forbidden" });
    const { rows } = await getDb().execute<{ tier: string }>(sql`
      select s.tier from customer_scores s join customers c on c.store_id = s.store_id and c.id = s.customer_id
      where s.store_id = ${ctx.store.id} and c.external_id = 'T'`);
    const page = await campaignPage(ctx, rows[0]!.tier as "ordinary", { pageSize: 2 });
    expect(page.customers.every((c) => c.recommendations.length > 0)).toBe(true);
    let afterId = page.nextAfterId;
    const everyone = [...page.customers];
    while (afterId !== null) {
      const next = await campaignPage(ctx, rows[0]!.tier as "ordinary", { pageSize: 2, afterId });
      everyone.push(...next.customers);
      afterId = next.nextAfterId;
    }
    const t = everyone.find((c) => c.externalId === "T")!;
    expect(t.recommendations.map((r) => r.productExternalId)).toEqual(["B", "C", "D", "G"]);
    const otherIds = new Set<number>();
    const { rows: otherProducts } = await getDb().execute<{ id: number }>(sql`select id::float8 as id from products where store_id = ${other.store.id}`);
    for (const p of otherProducts) otherIds.add(Number(p.id));
    expect(everyone.flatMap((c) => c.recommendations).some((r) => otherIds.has(r.productId) || otherIds.has(r.via.productId))).toBe(false);
  });
});
