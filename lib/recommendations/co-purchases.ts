import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { withoutForeignKeyChecks } from "@/db/bulk";

/** A pair of products counts only when at least this many distinct customers bought both:
 * one odd basket must not drive advice. Pairs under it are not even stored. */
export const MIN_SUPPORT = 3;

/**
 * The most products of one customer that take part in the pair counts: their most recently
 * bought ones (ties by product id). The pair counting is a self-join of each customer's
 * products, so its size is the sum over customers of n² — a wholesaler with 1,800 products
 * alone makes 1.6M pairs, and the Online Retail data 24M in all (56 s embedded). Capped at 30
 * it is 1.3M pairs, within the ≤ 10 s budget; the median customer there has 35 products, most
 * consumer baskets far fewer, so the cap only trims the long baskets, keeping what they bought
 * lately. A customer's purchases still all count as "already bought" when recommending.
 */
export const MAX_PRODUCTS_PER_CUSTOMER = 30;

/**
 * The partners kept per product: its strongest, by customers (ties by id). A popular product
 * can have thousands of partners with the minimum support; recommendations only ever name a
 * product's strongest ones, and storing fewer makes both the rebuild (its insert was a third
 * of it) and every read (one customer's products × their partners) several times cheaper.
 */
export const MAX_PARTNERS_PER_PRODUCT = 50;

/** The settings the counts are built with lead the baskets fingerprint: a change rebuilds. */
const SETTINGS = [MIN_SUPPORT, MAX_PRODUCTS_PER_CUSTOMER, MAX_PARTNERS_PER_PRODUCT].join(":");

export interface CoPurchaseRefresh {
  /** False when the baskets were the same as at the last rebuild, so nothing was rewritten. */
  rebuilt: boolean;
  /** Distinct (customer, product) pairs that took part, after the cap. */
  basketLines: number;
  /** Customers whose products were cut to MAX_PRODUCTS_PER_CUSTOMER. */
  cappedCustomers: number;
  /** Rows stored: (product, partner) with the count, at most MAX_PARTNERS_PER_PRODUCT a product. */
  pairs: number;
  tookMs: number;
}

/**
 * Rebuilds the store's co-purchase counts (table co_purchases) from its paid orders, entirely
 * in SQL: each customer's distinct products (capped, see above), a self-join per customer,
 * counted per product pair, kept when ≥ MIN_SUPPORT, each product with its strongest
 * MAX_PARTNERS_PER_PRODUCT partners. Runs in the
 * caller's transaction (the score recompute calls it), so pages only ever read the table.
 * Skips everything when no order or order line of the store was written since the last look,
 * and the rewrite when the capped baskets hash the same as at the last rebuild; `force`
 * rebuilds regardless (the bench).
 */
export async function refreshCoPurchases(
  tx: DbOrTx,
  storeId: number,
  options: { force?: boolean } = {},
): Promise<CoPurchaseRefresh> {
  const started = performance.now();
  // Before building the baskets (a join and sort of every paid order line: seconds at a million
  // orders): when no statement has written the store's orders or order lines since the counts
  // were last found up to date (the order_writes counter, kept by a trigger), nothing they are
  // built from changed, and a recompute after returns, reviews, flags or rules skips it all.
  // The count is read before the baskets: a write that lands meanwhile moves it past this value.
  const { rows: sourceRows } = await tx.execute<{
    writes: number;
    built_at: number | null;
    baskets_fingerprint: string | null;
    pairs: number | null;
    basket_lines: number | null;
    capped_customers: number | null;
  }>(sql`
    select coalesce((select writes from order_writes where store_id = ${storeId}), 0)::bigint as writes,
           r.built_at_order_writes as built_at, r.baskets_fingerprint, r.pairs, r.basket_lines, r.capped_customers
    from (select 1) one
    left join co_purchase_refreshes r on r.store_id = ${storeId} and starts_with(r.baskets_fingerprint, ${SETTINGS + ":"})`);
  const source = sourceRows[0]!;
  const writes = Number(source.writes);
  if (!options.force && source.built_at !== null && Number(source.built_at) === writes) {
    return {
      rebuilt: false,
      basketLines: source.basket_lines ?? 0,
      cappedCustomers: source.capped_customers ?? 0,
      pairs: source.pairs ?? 0,
      tookMs: Math.round(performance.now() - started),
    };
  }
  // The pair count is one big hash aggregate: let it stay in memory for this transaction.
  await tx.execute(sql`select set_config('work_mem', '128MB', true)`);
  await tx.execute(sql`drop table if exists pg_temp._care_baskets`);
  await tx.execute(sql`
    create temp table _care_baskets on commit drop as
    select customer_id, product_id, rn
    from (
      select customer_id, product_id,
             row_number() over (partition by customer_id order by last_bought_at desc, product_id) as rn
      from (
        select o.customer_id, i.product_id, max(o.placed_at) as last_bought_at
        from orders o
        join order_items i on i.store_id = o.store_id and i.order_id = o.id
        where o.store_id = ${storeId} and i.store_id = ${storeId} and o.status = 'paid'
        group by o.customer_id, i.product_id
      ) bought
    ) ranked
    -- The first MAX_PRODUCTS_PER_CUSTOMER take part; the one after them says the customer was capped.
    where rn <= ${MAX_PRODUCTS_PER_CUSTOMER + 1}`);
  const { rows: statRows } = await tx.execute<{ lines: number; capped: number; fingerprint: string }>(sql`
    select count(*) filter (where rn <= ${MAX_PRODUCTS_PER_CUSTOMER})::int as lines,
           count(*) filter (where rn = ${MAX_PRODUCTS_PER_CUSTOMER + 1})::int as capped,
           -- Order-free: a sum of per-line hashes, with the count and the settings beside it.
           concat_ws(':', ${SETTINGS}::text, count(*) filter (where rn <= ${MAX_PRODUCTS_PER_CUSTOMER}),
                     coalesce(sum(hashtextextended(customer_id || ':' || product_id, 0)::numeric)
                                filter (where rn <= ${MAX_PRODUCTS_PER_CUSTOMER}), 0)) as fingerprint
    from _care_baskets`);
  const stats = statRows[0]!;
  // The last rebuild's fingerprint, read above with the counter (absent when built with other settings).
  if (!options.force && source.baskets_fingerprint === stats.fingerprint) {
    await tx.execute(sql`update co_purchase_refreshes set built_at_order_writes = ${writes} where store_id = ${storeId}`);
    return {
      rebuilt: false,
      basketLines: stats.lines,
      cappedCustomers: stats.capped,
      pairs: source.pairs ?? 0,
      tookMs: Math.round(performance.now() - started),
    };
  }
  await tx.execute(sql`analyze _care_baskets`);
  await tx.execute(sql`delete from co_purchases where store_id = ${storeId}`);
  const inserted = await withoutForeignKeyChecks(tx, ["co_purchases"], () =>
    tx.execute(sql`
      with
      -- A product fewer than MIN_SUPPORT customers bought cannot be in a pair that reaches it.
      live as (
        select b.customer_id, b.product_id
        from _care_baskets b
        join (
          select product_id from _care_baskets where rn <= ${MAX_PRODUCTS_PER_CUSTOMER}
          group by product_id having count(*) >= ${MIN_SUPPORT}
        ) p on p.product_id = b.product_id
        where b.rn <= ${MAX_PRODUCTS_PER_CUSTOMER}
      ),
      pairs as (
        select a.product_id as p, b.product_id as q, count(*)::int as customers
        from live a
        join live b on b.customer_id = a.customer_id and b.product_id > a.product_id
        group by a.product_id, b.product_id
        having count(*) >= ${MIN_SUPPORT}
      ),
      ranked as (
        select d.product_id, d.other_product_id, pairs.customers,
               row_number() over (partition by d.product_id order by pairs.customers desc, d.other_product_id) as partner_rank
        from pairs
        cross join lateral (values (pairs.p, pairs.q), (pairs.q, pairs.p)) as d(product_id, other_product_id)
      )
      insert into co_purchases (store_id, product_id, other_product_id, customers)
      select ${storeId}, product_id, other_product_id, customers
      from ranked
      where partner_rank <= ${MAX_PARTNERS_PER_PRODUCT}
      -- Written in key order, so one product's partners sit together on a few pages: the
      -- customer page reads them for every product the customer bought.
      order by product_id, other_product_id`),
  );
  const pairs = inserted.rowCount ?? 0;
  const tookMs = Math.round(performance.now() - started);
  await tx.execute(sql`
    insert into co_purchase_refreshes (store_id, built_at_order_writes, baskets_fingerprint, basket_lines, capped_customers, pairs, refreshed_at, took_ms)
    values (${storeId}, ${writes}, ${stats.fingerprint}, ${stats.lines}, ${stats.capped}, ${pairs}, now(), ${tookMs})
    on conflict (store_id) do update set
      built_at_order_writes = excluded.built_at_order_writes, baskets_fingerprint = excluded.baskets_fingerprint, basket_lines = excluded.basket_lines,
      capped_customers = excluded.capped_customers, pairs = excluded.pairs,
      refreshed_at = excluded.refreshed_at, took_ms = excluded.took_ms`);
  return { rebuilt: true, basketLines: stats.lines, cappedCustomers: stats.capped, pairs, tookMs };
}
