import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { seedStore } from "./seed-store";

const now = new Date("2026-03-01T04:00:00Z");
const options = { customers: 300, orders: 3000, seed: 7, now };

async function newStore(): Promise<number> {
  const slug = `seed-${randomUUID().slice(0, 8)}`;
  const { rows } = await getDb().execute(sql`insert into stores (slug, name) values (${slug}, ${slug}) returning id`);
  return Number(rows[0]!.id);
}

async function one<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T> {
  const { rows } = await getDb().execute(query);
  return rows[0] as T;
}

/** A digest of everything seeded into a store, with ids replaced by external ids. */
async function fingerprint(storeId: number) {
  return one(sql`
    select
      (select md5(string_agg(concat_ws('|', external_id, name, price, floor_price, stock), ',' order by external_id))
         from products where store_id = ${storeId}) as products,
      (select md5(string_agg(concat_ws('|', external_id, name, first_order_at, last_order_at), ',' order by external_id))
         from customers where store_id = ${storeId}) as customers,
      (select md5(string_agg(concat_ws('|', o.external_id, c.external_id, o.placed_at, o.status, o.group_buy, o.total), ',' order by o.external_id))
         from orders o join customers c on c.store_id = o.store_id and c.id = o.customer_id where o.store_id = ${storeId}) as orders,
      (select md5(string_agg(concat_ws('|', o.external_id, i.line_no, p.external_id, i.quantity, i.unit_price), ',' order by o.external_id, i.line_no))
         from order_items i join orders o on o.store_id = i.store_id and o.id = i.order_id
         join products p on p.store_id = i.store_id and p.id = i.product_id where i.store_id = ${storeId}) as items,
      (select md5(string_agg(concat_ws('|', r.external_id, c.external_id, o.external_id, r.type, r.amount, r.requested_at, r.status), ',' order by r.external_id))
         from returns r join customers c on c.store_id = r.store_id and c.id = r.customer_id
         join orders o on o.store_id = r.store_id and o.id = r.order_id where r.store_id = ${storeId}) as returns,
      (select md5(string_agg(concat_ws('|', v.external_id, c.external_id, o.external_id, p.external_id, v.rating, v.has_photos, v.likes, v.created_at), ',' order by v.external_id))
         from reviews v join customers c on c.store_id = v.store_id and c.id = v.customer_id
         join orders o on o.store_id = v.store_id and o.id = v.order_id
         join products p on p.store_id = v.store_id and p.id = v.product_id where v.store_id = ${storeId}) as reviews,
      (select md5(string_agg(concat_ws('|', s.external_id, c.external_id, p.external_id, s.shared_at, s.conversions), ',' order by s.external_id))
         from shares s join customers c on c.store_id = s.store_id and c.id = s.customer_id
         join products p on p.store_id = s.store_id and p.id = s.product_id where s.store_id = ${storeId}) as shares,
      (select md5(string_agg(concat_ws('|', c.external_id, f.flag, f.reason), ',' order by c.external_id, f.flag))
         from customer_flags f join customers c on c.store_id = f.store_id and c.id = f.customer_id where f.store_id = ${storeId}) as flags`);
}

async function orderMultiset(storeId: number) {
  const { rows } = await getDb().execute(sql`
    select external_id, total::text, placed_at::text from orders where store_id = ${storeId} order by external_id`);
  return rows;
}

describe("seedStore", () => {
  it("fills a store with the asked-for, consistent and realistic data", async () => {
    const storeId = await newStore();
    const result = await seedStore(getDb(), storeId, options);
    expect(result).toMatchObject({ customers: 300, products: 30, orders: 3000 });
    expect(result.orderItems).toBeGreaterThanOrEqual(3000);
    expect(result.orderItems).toBeLessThanOrEqual(4 * 3000);

    const counts = await one<{ customers: number; buyers: number; orders: number; items: number; paid: number }>(sql`
      select (select count(*)::int from customers where store_id = ${storeId}) as customers,
             (select count(distinct customer_id)::int from orders where store_id = ${storeId}) as buyers,
             (select count(*)::int from orders where store_id = ${storeId}) as orders,
             (select count(*)::int from order_items where store_id = ${storeId}) as items,
             (select count(*)::int from orders where store_id = ${storeId} and status = 'paid') as paid`);
    expect(counts).toMatchObject({ customers: 300, buyers: 300, orders: 3000, items: result.orderItems });
    expect(counts.paid / counts.orders).toBeGreaterThan(0.9);
    expect(counts.paid / counts.orders).toBeLessThan(0.97);

    // Every order's total is exactly the sum of its items.
    const totals = await one<{ wrong: number }>(sql`
      select count(*)::int as wrong
      from orders o
      left join (select order_id, sum(quantity * unit_price) as sum, count(*) as lines
                 from order_items where store_id = ${storeId} group by order_id) i on i.order_id = o.id
      where o.store_id = ${storeId} and (i.sum is distinct from o.total or i.lines not between 1 and 4)`);
    expect(totals.wrong).toBe(0);

    // About 30% of buyers come back (≥ 2 paid orders), and a few bring most of the money.
    const repeat = await one<{ share: number }>(sql`
      select avg((paid >= 2)::int)::float8 as share
      from (select customer_id, count(*) filter (where status = 'paid') as paid
            from orders where store_id = ${storeId} group by customer_id) x`);
    expect(repeat.share).toBeGreaterThanOrEqual(0.2);
    expect(repeat.share).toBeLessThanOrEqual(0.4);
    const pareto = await one<{ share: number }>(sql`
      with spend as (
        select customer_id, sum(total) as spend from orders
        where store_id = ${storeId} and status = 'paid' group by customer_id
      )
      select (sum(spend) filter (where rank <= ceil(0.2 * (select count(*) from spend))) / sum(spend))::float8 as share
      from (select spend, row_number() over (order by spend desc) as rank from spend) x`);
    expect(pareto.share).toBeGreaterThan(0.5);

    // Nothing happens after `now`; returns never exceed their order; first/last order agree.
    const late = await one<{ n: number }>(sql`
      select ((select count(*) from orders where store_id = ${storeId} and placed_at > ${now.toISOString()}::timestamptz)
            + (select count(*) from returns where store_id = ${storeId} and requested_at > ${now.toISOString()}::timestamptz)
            + (select count(*) from reviews where store_id = ${storeId} and created_at > ${now.toISOString()}::timestamptz)
            + (select count(*) from shares where store_id = ${storeId} and shared_at > ${now.toISOString()}::timestamptz)
            + (select count(*) from customers where store_id = ${storeId} and last_order_at > ${now.toISOString()}::timestamptz)
            + (select count(*) from orders where store_id = ${storeId}
                 and placed_at <= ${now.toISOString()}::timestamptz - interval '401 days'))::int as n`);
    expect(late.n).toBe(0);
    const returns = await one<{ total: number; over: number; early: number }>(sql`
      select count(*)::int as total,
             count(*) filter (where r.amount > o.total or r.amount <= 0)::int as over,
             count(*) filter (where r.requested_at < o.placed_at or o.status <> 'paid' or r.customer_id <> o.customer_id)::int as early
      from returns r join orders o on o.store_id = r.store_id and o.id = r.order_id
      where r.store_id = ${storeId}`);
    expect(returns.total).toBe(result.returns);
    expect(returns.total).toBeGreaterThan(0);
    expect(returns.over).toBe(0);
    expect(returns.early).toBe(0);
    const firstLast = await one<{ wrong: number }>(sql`
      select count(*)::int as wrong
      from customers c
      left join (select customer_id, min(placed_at) as first, max(placed_at) as last
                 from orders where store_id = ${storeId} and status = 'paid' group by customer_id) o on o.customer_id = c.id
      where c.store_id = ${storeId}
        and (c.first_order_at is distinct from o.first or c.last_order_at is distinct from o.last)`);
    expect(firstLast.wrong).toBe(0);

    // Reviews and shares hang off paid orders; a review names a product of its order.
    const engagement = await one<{ reviews: number; orphanReviews: number; shares: number }>(sql`
      select (select count(*)::int from reviews where store_id = ${storeId}) as reviews,
             (select count(*)::int from reviews v where v.store_id = ${storeId} and not exists (
                select 1 from order_items i where i.store_id = v.store_id and i.order_id = v.order_id
                  and i.product_id = v.product_id)) as "orphanReviews",
             (select count(*)::int from shares where store_id = ${storeId}) as shares`);
    expect(engagement).toMatchObject({ reviews: result.reviews, orphanReviews: 0, shares: result.shares });
    expect(result.reviews / counts.paid).toBeGreaterThan(0.15);
    expect(result.shares / counts.paid).toBeGreaterThan(0.05);

    await expect(seedStore(getDb(), storeId, options)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Store already has data") });
  });

  it("is deterministic: the same options give the same data, another seed other data", async () => {
    const [a, b, c] = [await newStore(), await newStore(), await newStore()];
    await seedStore(getDb(), a, options);
    await seedStore(getDb(), b, options);
    await seedStore(getDb(), c, { ...options, seed: 8 });

    expect(await orderMultiset(b)).toEqual(await orderMultiset(a));
    const fa = await fingerprint(a);
    expect(Object.values(fa).every((digest) => typeof digest === "string")).toBe(true);
    expect(await fingerprint(b)).toEqual(fa);
    expect((await fingerprint(c)).orders).not.toEqual(fa.orders);
  });

  it("works inside a caller's transaction and leaves its settings as they were", async () => {
    const storeId = await newStore();
    const setting = await getDb().transaction(async (tx) => {
      await seedStore(tx, storeId, { customers: 50, orders: 40, seed: 3, now });
      const { rows } = await tx.execute(sql`select current_setting('session_replication_role') as role`);
      return rows[0]?.role;
    });
    expect(setting).toBe("origin");
    // Fewer orders than customers: only that many customers have one, each exactly one.
    const counts = await one<{ customers: number; buyers: number; orders: number }>(sql`
      select (select count(*)::int from customers where store_id = ${storeId}) as customers,
             (select count(distinct customer_id)::int from orders where store_id = ${storeId}) as buyers,
             (select count(*)::int from orders where store_id = ${storeId}) as orders`);
    expect(counts).toEqual({ customers: 50, buyers: 40, orders: 40 });
  });
});
