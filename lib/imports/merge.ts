import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { withoutForeignKeyChecks } from "@/db/bulk";
import type { ImportError } from "@/db/schema";
import { reason, type ReasonKey } from "./reasons";

export type MergeCounts = Record<string, { created: number; updated: number }>;

/** Rows the merge refused (a reference to something the store does not have, a clash). */
export class StagedRowsRejected extends Error {
  constructor(readonly errors: ImportError[]) {
    super(`${errors.length} rows refused`);
  }
}

interface Scope {
  tx: Tx;
  storeId: number;
  importId: number;
  /** Skip refused rows (and list them) instead of refusing the whole batch. */
  skipInvalid: boolean;
  /** Returns of one external id spread over several rows are summed (online-retail's C invoices). */
  sumReturnLines: boolean;
  /** The store currency's minor-unit digits, for the amounts a refusal names. */
  digits: number;
}

async function rows<T>(tx: Tx, query: SQL): Promise<T[]> {
  return (await tx.execute(query)).rows as T[];
}

/**
 * The staged line at a row number, as `l`: a lookup by the staging's key for each row of the
 * outer query. Lateral, so it stays a lookup with nested loops off (the merge's setting); joined
 * plainly, the planner hashed every staged line to find a few thousand of them.
 */
function lineAt(storeId: number, importId: number, rowNo: SQL): SQL {
  // limit 1 (the key holds one row anyway) keeps the planner from flattening it into a join.
  return sql`lateral (select * from staged_order_lines where store_id = ${storeId} and import_id = ${importId} and row_no = ${rowNo} limit 1) l`;
}

/**
 * What an order's items are, from its staged lines: the same products, quantities and prices
 * give the same number, in whatever order and on whatever rows of the file. A sum of 64-bit
 * hashes, so two different sets of lines agree only by a chance of one in 2⁶³. Migration 0021
 * computed the stored orders' the same way.
 */
const ITEMS_SIGNATURE = sql.raw(
  "(sum(hashtextextended(concat_ws(':', product_external_id, quantity, unit_price), 0)) % 9223372036854775807)::bigint",
);

/** Counts an upsert's RETURNING (xmax = 0) as created: inserted rows have no xmax. */
async function upsertCounts(tx: Tx, query: SQL): Promise<{ created: number; updated: number }> {
  const result = await rows<{ created: boolean }>(tx, query);
  const created = result.filter((r) => r.created).length;
  return { created, updated: result.length - created };
}

/**
 * Checks the staged rows against the store (refused rows come back as errors; with
 * skipInvalid they are dropped from staging and the rest goes on), then moves them into the
 * store's tables with set-based upserts. Runs inside the caller's transaction: the whole batch
 * lands, or none of it.
 */
export async function mergeStaged(scope: Scope): Promise<{ counts: MergeCounts; skipped: ImportError[] }> {
  await groupStagedOrders(scope);
  const refused = await findRefusedRows(scope);
  const skipped = [...refused];
  if (refused.length > 0) {
    if (!scope.skipInvalid) throw new StagedRowsRejected(refused);
    skipped.push(...(await dropRows(scope, refused)));
    skipped.sort((a, b) => a.row - b.row);
    await groupStagedOrders(scope);
  }
  const counts: MergeCounts = {};
  const { tx, storeId: s, importId: i } = scope;
  // This import's staged rows of a table, as a subquery to select from.
  const staged = (table: string, alias = table) =>
    sql`(select * from ${sql.raw(table)} where store_id = ${s} and import_id = ${i}) as ${sql.raw(alias)}`;

  // New customers, products and orders are written in file order, so their ids follow the file
  // whatever plan the database picks, and so does what breaks ties by id (the co-purchase cap).

  // Customers named by any staged row: created when unknown; a name given updates it. A new
  // customer's first and last paid order are this file's (the store has no other order of
  // theirs): written with the row, not updated after it (below), which wrote each new
  // customer's row a second time, into its five indexes again.
  counts.customers = await upsertCounts(
    tx,
    sql`
    with named as (
      select customer_external_id, named_row, case when status = 'paid' then placed_at end as paid_at from _staged_orders
      union all select customer_external_id, null, null from ${staged("staged_returns")}
      union all select customer_external_id, null, null from ${staged("staged_reviews")}
      union all select customer_external_id, null, null from ${staged("staged_shares")}
    ),
    -- The first line that names the customer (an order's lines all name its one customer).
    firsts as (
      select customer_external_id, min(named_row) as named_row, min(paid_at) as first_order_at, max(paid_at) as last_order_at
      from named group by customer_external_id
    ),
    src as (
      select f.customer_external_id, f.named_row, f.first_order_at, f.last_order_at, coalesce(l.customer_name, '') as name
      from firsts f
      left join ${lineAt(s, i, sql`f.named_row`)} on true
    )
    insert into customers (store_id, external_id, name, first_order_at, last_order_at)
    select ${s}, customer_external_id, name, first_order_at, last_order_at from src
    order by named_row nulls last, customer_external_id
    on conflict (store_id, external_id) do update set name = excluded.name
      where excluded.name <> '' and customers.name is distinct from excluded.name
    returning (xmax = 0) as created`,
  );

  // Products an order line names and the store does not have yet: created from the line, for
  // the owner to complete; products the store has stay as the owner set them.
  counts.products = await upsertCounts(
    tx,
    sql`
    with firsts as (
      select product_external_id, min(row_no) as first_row from ${staged("staged_order_lines")} group by product_external_id
    )
    insert into products (store_id, external_id, name, price, stock)
    select ${s}, f.product_external_id, coalesce(l.product_name, f.product_external_id), greatest(l.unit_price, 0), 0
    from firsts f
    cross join ${lineAt(s, i, sql`f.first_row`)}
    order by f.first_row
    on conflict (store_id, external_id) do nothing
    returning true as created`,
  );

  // The staged orders the store already has: who held each (an order moved to another customer,
  // or no longer paid, changes its former customer's first and last order, below), and whether
  // its stored items are the staged ones. One lookup each.
  await tx.execute(sql`drop table if exists pg_temp._existing_orders`);
  await tx.execute(sql`
    create temp table _existing_orders on commit drop as
    select g.order_external_id, o.id, o.customer_id, o.items_signature is not distinct from g.items_signature as items_kept
    from _staged_orders g
    cross join lateral (
      select id, customer_id, items_signature from orders where store_id = ${s} and external_id = g.order_external_id limit 1
    ) o`);

  // Every order joins its customer of this store, which the statement above made sure of: the
  // keys hold by construction, and their per-row checks were a fifth of this statement. An order
  // whose items changed under the same header and total is updated too (its signature).
  counts.orders = await withoutForeignKeyChecks(tx, ["orders"], () =>
    upsertCounts(
      tx,
      sql`
    -- Every line of an order says the same status by now (one that said otherwise was refused
    -- with its order), so the grouping's is the first line's: no lookup of it per order.
    insert into orders (store_id, external_id, customer_id, placed_at, status, group_buy, total, items_signature)
    select ${s}, g.order_external_id, c.id, g.placed_at, g.status::order_status, g.group_buy, g.total, g.items_signature
    from _staged_orders g join customers c on c.store_id = ${s} and c.external_id = g.customer_external_id
    order by g.first_row
    on conflict (store_id, external_id) do update set
      customer_id = excluded.customer_id, placed_at = excluded.placed_at, status = excluded.status,
      group_buy = excluded.group_buy, total = excluded.total, items_signature = excluded.items_signature
      where (orders.customer_id, orders.placed_at, orders.status, orders.group_buy, orders.total, orders.items_signature)
        is distinct from (excluded.customer_id, excluded.placed_at, excluded.status, excluded.group_buy, excluded.total, excluded.items_signature)
    returning (xmax = 0) as created`,
    ),
  );
  // An order's items are the lines of its latest import, replaced whole when they differ from
  // the stored ones; a repeat writes none, so nothing that follows the orders (scores,
  // co-purchases) runs again. By key, not joined: a batch of a few orders must not read the
  // store's every line.
  await tx.execute(sql`
    delete from order_items
    where store_id = ${s} and order_id = any(array(select id from _existing_orders where not items_kept))`);
  // Every item joins its order and product of this store: the keys hold by construction. An
  // item's line number is its row in the file: unique within the order and in file order,
  // without sorting every line by order to number them.
  await withoutForeignKeyChecks(tx, ["order_items"], () =>
    tx.execute(sql`
    insert into order_items (store_id, order_id, line_no, product_id, quantity, unit_price)
    select ${s}, o.id, staged_order_lines.row_no, p.id,
           staged_order_lines.quantity, staged_order_lines.unit_price
    from ${staged("staged_order_lines")}
    join orders o on o.store_id = ${s} and o.external_id = staged_order_lines.order_external_id
    join products p on p.store_id = ${s} and p.external_id = staged_order_lines.product_external_id
    where o.id not in (select id from _existing_orders where items_kept)`),
  );

  counts.returns = await upsertCounts(
    tx,
    sql`
    with src as (
      select external_id, min(customer_external_id) as customer_external_id,
             (array_agg(order_external_id order by row_no))[1] as order_external_id,
             (array_agg(type order by row_no))[1]::return_type as type,
             ${scope.sumReturnLines ? sql`sum(amount)` : sql`(array_agg(amount order by row_no))[1]`}::bigint as amount,
             min(requested_at) as requested_at,
             (array_agg(status order by row_no))[1]::return_status as status
      from ${staged("staged_returns")}
      group by external_id
    )
    insert into returns (store_id, external_id, customer_id, order_id, type, amount, requested_at, status)
    select ${s}, src.external_id, c.id, o.id, src.type, src.amount, src.requested_at, src.status
    from src
    join customers c on c.store_id = ${s} and c.external_id = src.customer_external_id
    left join orders o on o.store_id = ${s} and o.external_id = src.order_external_id
    on conflict (store_id, external_id) do update set
      customer_id = excluded.customer_id, order_id = excluded.order_id, type = excluded.type, amount = excluded.amount,
      requested_at = excluded.requested_at, status = excluded.status
      where (returns.customer_id, returns.order_id, returns.type, returns.amount, returns.requested_at, returns.status)
        is distinct from (excluded.customer_id, excluded.order_id, excluded.type, excluded.amount, excluded.requested_at, excluded.status)
    returning (xmax = 0) as created`,
  );

  counts.reviews = await upsertCounts(
    tx,
    sql`
    insert into reviews (store_id, external_id, customer_id, order_id, product_id, rating, has_photos, likes, created_at)
    select distinct on (v.external_id) ${s}, v.external_id, c.id, o.id, p.id, v.rating, v.has_photos, v.likes, v.created_at
    from ${staged("staged_reviews", "v")}
    join customers c on c.store_id = ${s} and c.external_id = v.customer_external_id
    left join orders o on o.store_id = ${s} and o.external_id = v.order_external_id
    left join products p on p.store_id = ${s} and p.external_id = v.product_external_id
    order by v.external_id, v.row_no desc
    on conflict (store_id, external_id) do update set
      customer_id = excluded.customer_id, order_id = excluded.order_id, product_id = excluded.product_id,
      rating = excluded.rating, has_photos = excluded.has_photos, likes = excluded.likes, created_at = excluded.created_at
      where (reviews.customer_id, reviews.order_id, reviews.product_id, reviews.rating, reviews.has_photos, reviews.likes, reviews.created_at)
        is distinct from (excluded.customer_id, excluded.order_id, excluded.product_id, excluded.rating, excluded.has_photos, excluded.likes, excluded.created_at)
    returning (xmax = 0) as created`,
  );

  counts.shares = await upsertCounts(
    tx,
    sql`
    insert into shares (store_id, external_id, customer_id, product_id, shared_at, conversions)
    select distinct on (v.external_id) ${s}, v.external_id, c.id, p.id, v.shared_at, v.conversions
    from ${staged("staged_shares", "v")}
    join customers c on c.store_id = ${s} and c.external_id = v.customer_external_id
    left join products p on p.store_id = ${s} and p.external_id = v.product_external_id
    order by v.external_id, v.row_no desc
    on conflict (store_id, external_id) do update set
      customer_id = excluded.customer_id, product_id = excluded.product_id, shared_at = excluded.shared_at,
      conversions = excluded.conversions
      where (shares.customer_id, shares.product_id, shares.shared_at, shares.conversions)
        is distinct from (excluded.customer_id, excluded.product_id, excluded.shared_at, excluded.conversions)
    returning (xmax = 0) as created`,
  );

  // First and last paid order of the customers this batch touched: those its orders name and
  // those who held them before; null when none is left. Those it created have theirs already,
  // and are not written again. Joined, not looked up per customer: the
  // statistics do not know this batch's orders yet, and a lookup took the store's index on time,
  // reading all the store's orders for each customer (6 s for the Online Retail file).
  await tx.execute(sql`
    update customers c set first_order_at = a.first_at, last_order_at = a.last_at
    from (
      select t.id, min(o.placed_at) as first_at, max(o.placed_at) as last_at
      from (
        select c2.id from customers c2
        where c2.store_id = ${s} and c2.external_id in (select customer_external_id from _staged_orders)
        union select customer_id from _existing_orders
      ) t
      left join orders o on o.store_id = ${s} and o.customer_id = t.id and o.status = 'paid'
      group by t.id
    ) a
    where c.store_id = ${s} and c.id = a.id
      and (c.first_order_at, c.last_order_at) is distinct from (a.first_at, a.last_at)`);

  for (const key of Object.keys(counts)) if (counts[key]!.created + counts[key]!.updated === 0) delete counts[key];
  return { counts, skipped };
}

/**
 * This import's orders, one row each, from their staged lines: the refusal check, the customers,
 * the orders and their items all read it, instead of grouping every line again (each grouping
 * was most of a second for the Online Retail file's 397,924 lines, embedded). Again after
 * refused rows were dropped.
 */
async function groupStagedOrders({ tx, storeId: s, importId: i }: Scope): Promise<void> {
  await tx.execute(sql`drop table if exists pg_temp._staged_orders`);
  await tx.execute(sql`
    create temp table _staged_orders on commit drop as
    select order_external_id,
           min(customer_external_id) as customer_external_id, max(customer_external_id) as last_customer_external_id,
           min(row_no) as first_row, min(row_no) filter (where customer_name is not null) as named_row,
           -- The earliest line's time: a till's lines of one invoice may be a minute apart (43 of
           -- the Online Retail file's invoices are).
           min(placed_at) as placed_at, min(status) as status, bool_or(group_buy) as group_buy, sum(line_amount)::bigint as total,
           min(status) <> max(status) or bool_or(group_buy) <> bool_and(group_buy) as header_differs,
           ${ITEMS_SIGNATURE} as items_signature
    from staged_order_lines
    where store_id = ${s} and import_id = ${i}
    group by order_external_id`);
}

async function findRefusedRows({ tx, storeId: s, importId: i, sumReturnLines, digits }: Scope): Promise<ImportError[]> {
  const staged = (table: string, alias: string) =>
    sql`${sql.raw(table)} ${sql.raw(alias)} where ${sql.raw(alias)}.store_id = ${s} and ${sql.raw(alias)}.import_id = ${i}`;
  // A return or review of an order another customer placed: it would count against the wrong
  // customer's return rate and reviews (a dispute refuses such a link too).
  const ofAnotherCustomer = (table: string) => sql`
    select x.row_no, 'orderExternalId', 'orderOfAnotherCustomer',
           json_build_object('order', x.order_external_id, 'owner', c.external_id, 'customer', x.customer_external_id)
    from ${sql.raw(table)} x
    -- Lookups by key, as lineAt's: a plain join would hash the store's every order.
    cross join lateral (select customer_id from orders o where o.store_id = ${s} and o.external_id = x.order_external_id limit 1) o
    cross join lateral (select external_id from customers c where c.store_id = ${s} and c.id = o.customer_id limit 1) c
    where x.store_id = ${s} and x.import_id = ${i} and x.order_external_id is not null
      and c.external_id <> x.customer_external_id`;
  // Every row of an external id after its first in this file.
  const repeated = (table: string, key: ReasonKey) => sql`
    union all
    select row_no, 'externalId', ${key}, json_build_object('externalId', external_id, 'row', first_row::text)
    from (select x.row_no, x.external_id, min(x.row_no) over (partition by x.external_id) as first_row from ${staged(table, "x")}) d
    where row_no <> first_row`;
  // A staged or stored amount as the merchant reads it (239.80), for a reason to name.
  const inMajorUnits = (column: SQL) => sql`round(${column}::numeric / 10::numeric ^ ${digits}::int, ${digits}::int)::text`;
  const found = await rows<{ row: number; column: string; reason: ReasonKey; detail: Record<string, string> }>(
    tx,
    sql`
    -- Orders whose lines name more than one customer: each line that names another than the first.
    with mixed as materialized (
      select order_external_id, first_row from _staged_orders where customer_external_id <> last_customer_external_id
    )
    select l.row_no as row, 'customerExternalId' as column, 'orderOtherCustomer' as reason,
           json_build_object('order', l.order_external_id, 'customer', l.customer_external_id, 'row', o.first_row::text) as detail
    from staged_order_lines l
    join mixed o on o.order_external_id = l.order_external_id
    join staged_order_lines f on f.store_id = ${s} and f.import_id = ${i} and f.row_no = o.first_row
    where l.store_id = ${s} and l.import_id = ${i} and l.customer_external_id <> f.customer_external_id
      -- Checked once, before reading a line: the planner hashed every line even with no such order.
      and exists (select 1 from mixed)
    union all
    -- Orders whose lines disagree on the status or on being a group buy: each line that says
    -- otherwise than the order's first (which of the two is true, the file does not tell).
    select l.row_no, c.name, 'orderLineDiffers',
           json_build_object('order', l.order_external_id, 'column', c.name, 'value', c.value, 'first', c.first, 'row', o.first_row::text)
    from (select order_external_id, first_row from _staged_orders where header_differs) o
    join staged_order_lines f on f.store_id = ${s} and f.import_id = ${i} and f.row_no = o.first_row
    join staged_order_lines l on l.store_id = ${s} and l.import_id = ${i} and l.order_external_id = o.order_external_id
    cross join lateral (values ('status', l.status, f.status), ('groupBuy', l.group_buy::text, f.group_buy::text)) c(name, value, first)
    where c.value <> c.first
    union all
    select r.row_no, 'orderExternalId', 'noOrder', json_build_object('order', r.order_external_id)
    from ${staged("staged_returns", "r")} and r.order_external_id is not null
      and not exists (select 1 from orders o where o.store_id = ${s} and o.external_id = r.order_external_id)
    union all
    -- A refund of more than its order was paid: it took the customer's net spend below zero.
    select r.row_no, 'amount', 'refundAboveOrder',
           json_build_object('order', r.order_external_id, 'amount', ${inMajorUnits(sql`r.amount`)}, 'total', ${inMajorUnits(sql`o.total`)})
    from staged_returns r
    cross join lateral (select total from orders o where o.store_id = ${s} and o.external_id = r.order_external_id limit 1) o
    where r.store_id = ${s} and r.import_id = ${i} and r.order_external_id is not null and r.amount > o.total
    union all
    ${ofAnotherCustomer("staged_returns")}
    ${sumReturnLines ? sql`` : repeated("staged_returns", "returnRepeated")}
    -- A review or share twice in one file: which of the two is right, the file does not tell
    -- (the later one was kept without a word).
    ${repeated("staged_reviews", "reviewRepeated")}
    ${repeated("staged_shares", "shareRepeated")}
    union all
    select v.row_no, 'orderExternalId', 'noOrder', json_build_object('order', v.order_external_id)
    from ${staged("staged_reviews", "v")} and v.order_external_id is not null
      and not exists (select 1 from orders o where o.store_id = ${s} and o.external_id = v.order_external_id)
    union all
    ${ofAnotherCustomer("staged_reviews")}
    union all
    select v.row_no, 'productExternalId', 'noProduct', json_build_object('product', v.product_external_id)
    from ${staged("staged_reviews", "v")} and v.product_external_id is not null
      and not exists (select 1 from products p where p.store_id = ${s} and p.external_id = v.product_external_id)
    union all
    select v.row_no, 'productExternalId', 'noProduct', json_build_object('product', v.product_external_id)
    from ${staged("staged_shares", "v")} and v.product_external_id is not null
      and not exists (select 1 from products p where p.store_id = ${s} and p.external_id = v.product_external_id)
    order by 1
    limit 100000`,
  );
  return found.map((e) => ({ row: Number(e.row), column: e.column, ...reason(e.reason, e.detail) }));
}

/**
 * The staged rows the store refuses (unknown orders, another customer's order…), without merging
 * anything: for a file that fails on its values, so the merchant learns of these in the same go.
 */
export async function refusedStagedRows(scope: Omit<Scope, "skipInvalid">): Promise<ImportError[]> {
  const full = { ...scope, skipInvalid: false };
  await groupStagedOrders(full);
  return findRefusedRows(full);
}

/**
 * Drops the refused rows from staging (skipInvalid). An order refused on one of its lines is
 * dropped whole: its other lines come back, each listed as skipped with it.
 */
async function dropRows({ tx, storeId: s, importId: i }: Scope, refused: ImportError[]): Promise<ImportError[]> {
  const rowNos = sql.param(refused.map((e) => e.row));
  const dropped = await rows<{ row_no: number; order_external_id: string; bad_row: number }>(
    tx,
    sql`
    with bad as (
      select order_external_id, min(row_no) as bad_row from staged_order_lines
      where store_id = ${s} and import_id = ${i} and row_no = any(${rowNos}::int[])
      group by order_external_id
    )
    delete from staged_order_lines l using bad
    where l.store_id = ${s} and l.import_id = ${i} and l.order_external_id = bad.order_external_id
    returning l.row_no, l.order_external_id, bad.bad_row`,
  );
  for (const table of ["staged_returns", "staged_reviews", "staged_shares"]) {
    await tx.execute(
      sql`delete from ${sql.raw(table)} where store_id = ${s} and import_id = ${i} and row_no = any(${rowNos}::int[])`,
    );
  }
  const refusedRows = new Set(refused.map((e) => e.row));
  return dropped
    .filter((line) => !refusedRows.has(Number(line.row_no)))
    .map((line) => ({
      row: Number(line.row_no),
      ...reason("skippedWithGroup", { externalId: line.order_external_id, row: String(line.bad_row) }),
    }));
}
