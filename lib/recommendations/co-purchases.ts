import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { withoutForeignKeyChecks } from "@/db/bulk";
import { foldOrderWrites, orderWritesCount } from "@/db/order-writes";

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

/** The settings the baskets were taken with: other settings take every basket again. */
const SETTINGS = [MIN_SUPPORT, MAX_PRODUCTS_PER_CUSTOMER, MAX_PARTNERS_PER_PRODUCT].join(":");

export interface CoPurchaseRefresh {
  /** False when no customer's counted products changed, so no count was rewritten. */
  rebuilt: boolean;
  /** Whose baskets were taken again: every customer's, or this many queued customers'. */
  basketsTaken: "all" | number;
  /** Products whose partners were counted again: every product's, or this many. */
  recounted: "all" | number;
  /** Distinct (customer, product) pairs that take part, after the cap. */
  basketLines: number;
  /** Customers whose products were cut to MAX_PRODUCTS_PER_CUSTOMER. */
  cappedCustomers: number;
  /** Rows stored: (product, partner) with the count, at most MAX_PARTNERS_PER_PRODUCT a product. */
  pairs: number;
  tookMs: number;
}

/**
 * Brings the store's co-purchase counts (table co_purchases) up to date with its paid orders,
 * entirely in SQL: each customer's distinct products (capped, see above), a self-join per
 * customer, counted per product pair, kept when ≥ MIN_SUPPORT, each product with its strongest
 * MAX_PARTNERS_PER_PRODUCT partners. Runs in the caller's transaction (the score recompute calls
 * it), so pages only ever read the table.
 *
 * Incremental: only the baskets of customers whose orders were written since (co_purchase_queue)
 * are taken again and compared with the stored ones (co_purchase_baskets). Only the pairs of
 * products counted together in a basket that changed can have other counts, so only those
 * products' partners are written again, and mostly from the pairs among them alone (see
 * productsToCountWhole). One API order on a store of a million orders then costs a quarter of a
 * second instead of counting every pair of every customer. Everything is taken again when there
 * is no earlier refresh with these settings, when more than a quarter of the customers are queued
 * (an import), and on `force` (the bench); every pair is counted again when more than a third of
 * the products are touched. Skips everything when no order or order line was written since.
 */
export async function refreshCoPurchases(
  tx: DbOrTx,
  storeId: number,
  options: { force?: boolean } = {},
): Promise<CoPurchaseRefresh> {
  const started = performance.now();
  // When no statement has written the store's orders or order lines since the counts were last
  // found up to date (the order write count, db/order-writes.ts), nothing they are built from
  // changed, and a recompute after returns, reviews, flags or rules skips it all. The count is
  // read first: a write that lands meanwhile moves it past this value.
  const { rows: sourceRows } = await tx.execute<{
    writes: number;
    built_at: number | null;
    settings: string | null;
    pairs: number | null;
    basket_lines: number | null;
    capped_customers: number | null;
    customers: number;
    products: number;
  }>(sql`
    select ${orderWritesCount(storeId)} as writes,
           r.built_at_order_writes as built_at, r.settings, r.pairs, r.basket_lines, r.capped_customers,
           (select count(*) from customers where store_id = ${storeId})::int as customers,
           (select count(*) from products where store_id = ${storeId})::int as products
    from (select 1) one
    left join co_purchase_refreshes r on r.store_id = ${storeId}`);
  const source = sourceRows[0]!;
  const writes = Number(source.writes);
  const current = source.settings === SETTINGS;
  if (!options.force && current && source.built_at !== null && Number(source.built_at) === writes) {
    return {
      rebuilt: false,
      basketsTaken: 0,
      recounted: 0,
      basketLines: source.basket_lines ?? 0,
      cappedCustomers: source.capped_customers ?? 0,
      pairs: source.pairs ?? 0,
      tookMs: Math.round(performance.now() - started),
    };
  }
  // The pair count is one big hash aggregate, and past work_mem it spills to disk in batches.
  // Small on purpose: the embedded database never gives memory back, so an aggregate held in
  // memory stays the launcher's size for good. A forced rebuild of the 1M-order store grew the
  // launcher by 245 MB at 128MB and by 64 MB at 16MB, in the same 12–13 s; PostgreSQL's took
  // 5–10 % longer (8.1–9.4 s against 8.9–9.8 s).
  await tx.execute(sql`select set_config('work_mem', '16MB', true)`);
  await tx.execute(sql`drop table if exists pg_temp._basket_customers, pg_temp._new_baskets, pg_temp._basket_diff, pg_temp._recount, pg_temp._count_whole, pg_temp._kept_partners`);
  await tx.execute(sql`create temp table _basket_customers (customer_id bigint primary key) on commit drop`);
  const taken = await tx.execute(sql`
    with queued as (delete from co_purchase_queue where store_id = ${storeId} returning customer_id)
    insert into _basket_customers select distinct customer_id from queued`);
  const queued = taken.rowCount ?? 0;
  const everyone = options.force === true || !current || queued > source.customers / 4;
  if (!everyone) await tx.execute(sql`analyze _basket_customers`);
  const ofTaken = (alias: string) =>
    everyone ? sql`` : sql`and ${sql.raw(alias)}.customer_id in (select customer_id from _basket_customers)`;

  // The baskets as they are now: each customer's products, most recently bought first (ties by
  // product id); the first MAX_PRODUCTS_PER_CUSTOMER count, the one after them says the
  // customer was capped.
  await tx.execute(sql`
    create temp table _new_baskets on commit drop as
    select customer_id, product_id, rn <= ${MAX_PRODUCTS_PER_CUSTOMER} as counted
    from (
      select customer_id, product_id,
             row_number() over (partition by customer_id order by last_bought_at desc, product_id) as rn
      from (
        select o.customer_id, i.product_id, max(o.placed_at) as last_bought_at
        from orders o
        join order_items i on i.store_id = o.store_id and i.order_id = o.id
        where o.store_id = ${storeId} and i.store_id = ${storeId} and o.status = 'paid' ${ofTaken("o")}
        group by o.customer_id, i.product_id
      ) bought
    ) ranked
    where rn <= ${MAX_PRODUCTS_PER_CUSTOMER + 1}`);
  // What differs from the stored baskets of the same customers: a row that went (is_counted
  // null), came (was_counted null), or moved across the cap.
  await tx.execute(sql`
    create temp table _basket_diff on commit drop as
    select coalesce(o.customer_id, n.customer_id) as customer_id, coalesce(o.product_id, n.product_id) as product_id,
           o.counted as was_counted, n.counted as is_counted
    from (select customer_id, product_id, counted from co_purchase_baskets b where b.store_id = ${storeId} ${ofTaken("b")}) o
    full join _new_baskets n on n.customer_id = o.customer_id and n.product_id = o.product_id
    where o.counted is distinct from n.counted`);
  // Which counts to write again, decided on the baskets as they were. Counts stored with other
  // settings (or by an earlier version) are not built on.
  let recounted: "all" | number = options.force === true || !current ? "all" : await productsToRecount(tx, storeId);
  if (typeof recounted === "number" && recounted * 3 > source.products) recounted = "all";
  if (typeof recounted === "number" && recounted > 0) await productsToCountWhole(tx, storeId);
  await tx.execute(sql`
    delete from co_purchase_baskets b using _basket_diff d
    where b.store_id = ${storeId} and b.customer_id = d.customer_id and b.product_id = d.product_id and d.was_counted is not null`);
  // Every row's store is this one, which the caller holds: the key holds by construction.
  await withoutForeignKeyChecks(tx, ["co_purchase_baskets"], () =>
    tx.execute(sql`
      insert into co_purchase_baskets (store_id, customer_id, product_id, counted)
      select ${storeId}, customer_id, product_id, is_counted from _basket_diff where is_counted is not null
      order by customer_id, product_id`),
  );
  const { rows: statRows } = await tx.execute<{ lines: number; capped: number }>(
    everyone
      ? sql`select count(*) filter (where counted)::int as lines, count(*) filter (where not counted)::int as capped from _new_baskets`
      : sql`select ${source.basket_lines ?? 0}::int + count(*) filter (where is_counted) - count(*) filter (where was_counted) as lines,
                   ${source.capped_customers ?? 0}::int + count(*) filter (where not is_counted) - count(*) filter (where not was_counted) as capped
            from _basket_diff`,
  );
  const stats = { lines: Number(statRows[0]!.lines), capped: Number(statRows[0]!.capped) };

  if (recounted === "all") await countAllPartners(tx, storeId);
  else if (recounted > 0) await countPartnersOf(tx, storeId);
  const { rows: pairRows } = await tx.execute<{ pairs: number }>(sql`select count(*)::int as pairs from co_purchases where store_id = ${storeId}`);
  await foldOrderWrites(tx, storeId);
  const pairs = pairRows[0]!.pairs;
  const tookMs = Math.round(performance.now() - started);
  await tx.execute(sql`
    insert into co_purchase_refreshes (store_id, built_at_order_writes, settings, basket_lines, capped_customers, pairs, refreshed_at, took_ms)
    values (${storeId}, ${writes}, ${SETTINGS}, ${stats.lines}, ${stats.capped}, ${pairs}, now(), ${tookMs})
    on conflict (store_id) do update set
      built_at_order_writes = excluded.built_at_order_writes, settings = excluded.settings, basket_lines = excluded.basket_lines,
      capped_customers = excluded.capped_customers, pairs = excluded.pairs,
      refreshed_at = excluded.refreshed_at, took_ms = excluded.took_ms`);
  return {
    rebuilt: recounted !== 0,
    basketsTaken: everyone ? "all" : queued,
    recounted,
    basketLines: stats.lines,
    cappedCustomers: stats.capped,
    pairs,
    tookMs,
  };
}

/**
 * Writes _recount: the products whose partners' counts can have moved — every product counted in
 * the basket of a customer whose counted products changed, before or after (read before the
 * stored baskets are written). Their number.
 */
async function productsToRecount(tx: DbOrTx, storeId: number): Promise<number> {
  const written = await tx.execute(sql`
    create temp table _recount on commit drop as
    with changed as (select distinct customer_id from _basket_diff where was_counted or is_counted)
    select b.product_id from co_purchase_baskets b
    where b.store_id = ${storeId} and b.counted and b.customer_id in (select customer_id from changed)
    union
    select n.product_id from _new_baskets n where n.counted and n.customer_id in (select customer_id from changed)`);
  return written.rowCount ?? 0;
}

/**
 * Writes _count_whole: the products of _recount whose every partner must be counted again — those
 * with a stored partner whose count fell (both were counted in a basket that one of them left).
 * A count that fell may let in a partner that was not stored; for every other product of
 * _recount only counts within _recount moved, and only up, so its stored partners outside it
 * stay and nothing under them can pass them. Read before the stored baskets are written.
 */
async function productsToCountWhole(tx: DbOrTx, storeId: number) {
  await tx.execute(sql`
    create temp table _count_whole on commit drop as
    with
    went as (select customer_id, product_id from _basket_diff where was_counted),
    was as (
      select b.customer_id, b.product_id from co_purchase_baskets b
      where b.store_id = ${storeId} and b.counted and b.customer_id in (select customer_id from went)
    )
    select distinct a.product_id
    from was a
    join was b on b.customer_id = a.customer_id and b.product_id <> a.product_id
    where exists (select 1 from went g where g.customer_id = a.customer_id and g.product_id in (a.product_id, b.product_id))
      and exists (
        select 1 from co_purchases c
        where c.store_id = ${storeId} and c.product_id = a.product_id and c.other_product_id = b.product_id)`);
}

/** A product's strongest partners from the pair counts `pairs` (p, q, customers): each product's first MAX_PARTNERS_PER_PRODUCT. */
function insertStrongest(tx: DbOrTx, storeId: number, pairs: SQL) {
  return withoutForeignKeyChecks(tx, ["co_purchases"], () =>
    tx.execute(sql`
      with
      pairs as (${pairs}),
      ranked as (
        select p, q, customers, row_number() over (partition by p order by customers desc, q) as partner_rank
        from pairs
      )
      insert into co_purchases (store_id, product_id, other_product_id, customers)
      select ${storeId}, p, q, customers
      from ranked
      where partner_rank <= ${MAX_PARTNERS_PER_PRODUCT}
      -- Written in key order, so one product's partners sit together on a few pages: the
      -- customer page reads them for every product the customer bought.
      order by p, q`),
  );
}

/** Every pair counted again from the stored baskets. */
async function countAllPartners(tx: DbOrTx, storeId: number) {
  await tx.execute(sql`analyze co_purchase_baskets`);
  await tx.execute(sql`delete from co_purchases where store_id = ${storeId}`);
  await insertStrongest(
    tx,
    storeId,
    sql`
      with
      -- A product fewer than MIN_SUPPORT customers bought cannot be in a pair that reaches it.
      live as (
        select b.customer_id, b.product_id
        from co_purchase_baskets b
        join (
          select product_id from co_purchase_baskets where store_id = ${storeId} and counted
          group by product_id having count(*) >= ${MIN_SUPPORT}
        ) p on p.product_id = b.product_id
        where b.store_id = ${storeId} and b.counted
      ),
      -- Each pair once (p < q), then under both of its products.
      once as (
        select a.product_id as p, b.product_id as q, count(*)::int as customers
        from live a
        join live b on b.customer_id = a.customer_id and b.product_id > a.product_id
        group by a.product_id, b.product_id
        having count(*) >= ${MIN_SUPPORT}
      )
      select d.p, d.q, once.customers
      from once cross join lateral (values (once.p, once.q), (once.q, once.p)) as d(p, q)`,
  );
}

/**
 * The partners of the products in _recount counted again; every other product's are as they
 * were. Those in _count_whole count every partner again; the others keep their stored partners
 * outside _recount and count only the pairs within it: the customers of these products and
 * their products among them, not all of their products (see productsToCountWhole).
 */
async function countPartnersOf(tx: DbOrTx, storeId: number) {
  // A few dozen rows each: with their sizes known the planner reads the baskets by product.
  await tx.execute(sql`analyze _recount, _count_whole`);
  await tx.execute(sql`
    create temp table _kept_partners on commit drop as
    select product_id as p, other_product_id as q, customers from co_purchases
    where store_id = ${storeId} and product_id in (select product_id from _recount)
      and product_id not in (select product_id from _count_whole)
      and other_product_id not in (select product_id from _recount)`);
  await tx.execute(sql`delete from co_purchases where store_id = ${storeId} and product_id in (select product_id from _recount)`);
  await insertStrongest(
    tx,
    storeId,
    sql`
      -- Who bought the products of _recount, read once by product and joined to itself.
      with touched as materialized (
        select customer_id, product_id from co_purchase_baskets
        where store_id = ${storeId} and counted and product_id in (select product_id from _recount)
      )
      select a.product_id as p, b.product_id as q, count(*)::int as customers
      from touched a
      join touched b on b.customer_id = a.customer_id and b.product_id <> a.product_id
      where a.product_id not in (select product_id from _count_whole)
      group by a.product_id, b.product_id
      having count(*) >= ${MIN_SUPPORT}
      union all
      select a.product_id, b.product_id, count(*)::int
      from co_purchase_baskets a
      join co_purchase_baskets b on b.store_id = ${storeId} and b.customer_id = a.customer_id and b.product_id <> a.product_id and b.counted
      where a.store_id = ${storeId} and a.counted and a.product_id in (select product_id from _count_whole)
      group by a.product_id, b.product_id
      having count(*) >= ${MIN_SUPPORT}
      union all
      select p, q, customers from _kept_partners`,
  );
}
