import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { upsertOrders, upsertProducts } from "@/lib/imports/ingest";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { MAX_PARTNERS_PER_PRODUCT, MAX_PRODUCTS_PER_CUSTOMER, refreshCoPurchases } from "./co-purchases";
import { pairCounts } from "./test-helpers";

const DAY = 86_400_000;
const PRODUCTS = Array.from({ length: 36 }, (_, i) => `P${String(i).padStart(2, "0")}`);

/** A deterministic stream of numbers in [0, 1): the same store every run. */
function randoms(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function order(externalId: string, customer: string, products: string[], daysAgo: number, status: "paid" | "cancelled" = "paid") {
  return {
    externalId,
    customer: { externalId: customer },
    placedAt: new Date(Date.now() - daysAgo * DAY),
    status,
    items: products.map((p) => ({ productExternalId: p, productName: `Product ${p}`, quantity: 1, unitPrice: 1000 })),
  };
}

/** 40 customers with 1–3 orders of 2–6 products among 36, and one who bought 31 of them one a day. */
async function busyStore() {
  const ctx = await makeStore("copurchase");
  const next = randoms(7);
  const orders = [];
  for (let c = 0; c < 40; c++) {
    for (let o = 0, n = 1 + Math.floor(next() * 3); o < n; o++) {
      const basket = new Set(Array.from({ length: 2 + Math.floor(next() * 5) }, () => PRODUCTS[Math.floor(next() * 12)]!));
      orders.push(order(`O${c}-${o}`, `c${c}`, [...basket], 10 + Math.floor(next() * 50)));
    }
  }
  for (let d = 0; d <= MAX_PRODUCTS_PER_CUSTOMER; d++) orders.push(order(`H${d}`, "heavy", [PRODUCTS[d]!], 100 - d));
  await upsertOrders(ctx, { orders });
  return ctx;
}

const refresh = (ctx: StoreContext, force = false) => getDb().transaction((tx) => refreshCoPurchases(tx, ctx.store.id, { force }));

/** The counts as they stand must be those a rebuild from nothing gives. */
async function expectSameAsRebuilt(ctx: StoreContext) {
  const kept = await pairCounts(ctx);
  const before = await refresh(ctx);
  const rebuilt = await refresh(ctx, true);
  expect(kept).toEqual(await pairCounts(ctx));
  expect({ lines: before.basketLines, capped: before.cappedCustomers, pairs: before.pairs }).toEqual({
    lines: rebuilt.basketLines,
    capped: rebuilt.cappedCustomers,
    pairs: rebuilt.pairs,
  });
  return kept;
}

describe("co-purchase counts kept up to date order by order", () => {
  it("equal a rebuild from nothing after every kind of order change", async () => {
    const ctx = await busyStore();
    const start = await expectSameAsRebuilt(ctx);
    expect(Object.keys(start).length).toBeGreaterThan(20);

    // A new order that brings a customer new products.
    await upsertOrders(ctx, { orders: [order("N1", "c3", ["P00", "P20", "P21"], 1)] });
    await expectSameAsRebuilt(ctx);
    // An order turned cancelled.
    await upsertOrders(ctx, { orders: [order("O5-0", "c5", ["P01", "P02"], 30, "cancelled")] });
    await expectSameAsRebuilt(ctx);
    // An order's lines replaced with another product at the same price: the order row stays as it was.
    const { rows } = await getDb().execute<{ external_id: string }>(sql`
      select o.external_id from orders o where o.store_id = ${ctx.store.id} and o.total = 2000 and o.status = 'paid'
        and o.external_id like 'O%' order by o.external_id limit 1`);
    const twoLines = rows[0]!.external_id;
    const customer = `c${twoLines.slice(1).split("-")[0]}`;
    await upsertOrders(ctx, { orders: [order(twoLines, customer, ["P30", "P31"], 20)] });
    await expectSameAsRebuilt(ctx);
    // The heavy customer buys their oldest product again: it comes back among the counted ones
    // and pushes another out.
    await upsertOrders(ctx, { orders: [order("H-again", "heavy", ["P00"], 0)] });
    await expectSameAsRebuilt(ctx);
  });

  it("count again only the partners of a changed customer's products, whoever wrote the orders", async () => {
    const ctx = await busyStore();
    await expectSameAsRebuilt(ctx);
    const products = async (externalId: string) => {
      const { rows } = await getDb().execute<{ n: number }>(sql`
        select count(distinct i.product_id)::int as n
        from orders o join order_items i on i.store_id = o.store_id and i.order_id = o.id
        join customers c on c.store_id = o.store_id and c.id = o.customer_id
        where o.store_id = ${ctx.store.id} and c.external_id = ${externalId} and o.status = 'paid'`);
      return rows[0]!.n;
    };
    const customer = (externalId: string) =>
      sql`(select id from customers where store_id = ${ctx.store.id} and external_id = ${externalId})`;
    const bought = await products("c7");
    // A bare statement, as an operator might: one customer's orders deleted.
    await getDb().execute(sql`
      delete from orders where store_id = ${ctx.store.id} and customer_id = ${customer("c7")}`);
    const result = await refresh(ctx);
    expect(result.basketsTaken).toBe(1);
    expect(result.recounted).toBe(bought);
    await expectSameAsRebuilt(ctx);
    // One customer's orders moved to another: both baskets change.
    await getDb().execute(sql`
      update orders set customer_id = ${customer("c9")} where store_id = ${ctx.store.id} and customer_id = ${customer("c8")}`);
    const moved = await refresh(ctx);
    expect(moved.basketsTaken).toBe(2);
    expect(moved.rebuilt).toBe(true);
    await expectSameAsRebuilt(ctx);
    // A new paid order brings a customer two popular products they never had: counts only rise.
    const before = await products("c11");
    const { rows: fresh } = await getDb().execute<{ id: number }>(sql`
      select p.id::float8 as id from products p
      where p.store_id = ${ctx.store.id} and p.external_id < 'P12' and not exists (
        select 1 from orders o join order_items i on i.store_id = o.store_id and i.order_id = o.id
        where o.store_id = ${ctx.store.id} and o.customer_id = ${customer("c11")} and o.status = 'paid' and i.product_id = p.id)
      order by p.external_id limit 2`);
    expect(fresh).toHaveLength(2);
    await getDb().execute(sql`
      with placed as (
        insert into orders (store_id, external_id, customer_id, placed_at, status, group_buy, total)
        values (${ctx.store.id}, 'NEW', ${customer("c11")}, now(), 'paid', false, 2000) returning id
      )
      insert into order_items (store_id, order_id, line_no, product_id, quantity, unit_price)
      select ${ctx.store.id}, placed.id, p.n, p.id, 1, 1000
      from placed, (values (1, ${fresh[0]!.id}::bigint), (2, ${fresh[1]!.id}::bigint)) as p(n, id)`);
    const grew = await refresh(ctx);
    expect(grew).toMatchObject({ basketsTaken: 1, recounted: before + 2 });
    await expectSameAsRebuilt(ctx);
    // A write that changes no basket: the queued basket is taken, found the same, nothing counted.
    await getDb().execute(sql`
      update order_items set quantity = quantity + 1 where store_id = ${ctx.store.id}
        and order_id = (select min(id) from orders where store_id = ${ctx.store.id} and status = 'paid')`);
    expect(await refresh(ctx)).toMatchObject({ basketsTaken: 1, recounted: 0, rebuilt: false });
  });

  it("bring in a product's next strongest partner when one of its strongest falls back", async () => {
    const ctx = await makeStore("copurchase-cut");
    const names = (prefix: string) => Array.from({ length: 29 }, (_, i) => `${prefix}${String(i + 1).padStart(2, "0")}`);
    const [a, b] = [names("A"), names("B")];
    // X has 58 partners, each bought with it by 3 customers: A01–A29 by g1–g3, B01–B29 by h1–h3.
    // Ties go by product id (A01 first): X keeps A01–A29 and B01–B21.
    await upsertOrders(ctx, {
      orders: [
        order("G1-A01", "g1", ["A01"], 9),
        order("G1", "g1", ["X", ...a.slice(1)], 10),
        ...["g2", "g3"].map((g) => order(g, g, ["X", ...a], 10)),
        ...["h1", "h2", "h3"].map((h) => order(h, h, ["X", ...b], 10)),
      ],
    });
    // Enough other products that one customer's 30 are a partial recount, not all of them.
    await upsertProducts(ctx, {
      products: Array.from({ length: 100 }, (_, i) => ({ externalId: `Z${i}`, name: `Other ${i}`, price: 1000, stock: 1 })),
    });
    await expectSameAsRebuilt(ctx);
    const partners = async () => Object.keys(await pairCounts(ctx)).filter((pair) => pair.startsWith("X+"));
    expect(await partners()).toHaveLength(MAX_PARTNERS_PER_PRODUCT);
    expect(await partners()).not.toContain("X+B22");
    await getDb().execute(sql`update orders set status = 'cancelled' where store_id = ${ctx.store.id} and external_id = 'G1-A01'`);
    expect(await refresh(ctx)).toMatchObject({ basketsTaken: 1, recounted: 30 });
    // A01 falls to 2 customers and goes; B22, the strongest left out, comes in.
    expect(await partners()).toHaveLength(MAX_PARTNERS_PER_PRODUCT);
    expect(await partners()).not.toContain("X+A01");
    expect(await partners()).toContain("X+B22");
    await expectSameAsRebuilt(ctx);
    // A new customer buys X with B29: that pair rises to 4 and comes in first, B22 goes again.
    await upsertOrders(ctx, { orders: [order("K1", "k1", ["X", "B29"], 1)] });
    expect((await pairCounts(ctx))["X+B29"]).toBe(4);
    expect(await partners()).toHaveLength(MAX_PARTNERS_PER_PRODUCT);
    expect(await partners()).not.toContain("X+B22");
    await expectSameAsRebuilt(ctx);
  });
});
