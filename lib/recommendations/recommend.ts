import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import type { Tier } from "@/db/schema";
import { settleEndedFlashSales } from "@/lib/flash-sales/settle";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import { MAX_PRODUCTS_PER_CUSTOMER, MIN_SUPPORT } from "./co-purchases";

/** Recommendations shown per customer. */
export const RECOMMENDATIONS_PER_CUSTOMER = 5;

/** One recommended product and why: bought together with `via` by `customers` customers. */
export interface Recommendation {
  customerId: number;
  rank: number;
  productId: number;
  productExternalId: string;
  productName: string;
  stock: number;
  via: { productId: number; externalId: string; name: string };
  /** Customers who bought both this product and `via`: the score the list is ranked by. */
  customers: number;
  /** Co-purchase counts summed over everything the customer bought: the first tie-break. */
  total: number;
}

type Row = {
  customer_id: number;
  rank: number;
  product_id: number;
  product_external_id: string;
  product_name: string;
  stock: number;
  via_id: number;
  via_external_id: string;
  via_name: string;
  customers: number;
  total: number;
};

/**
 * The customers' bought products and their candidates (as WITH items "targets", "bought",
 * "candidates"): every product that goes with something they bought lately, whether or not in
 * stock or already bought. Shared by the recommendations and the count of those out of stock.
 */
const candidateCtes = (storeId: number, customerIds: number[]) => sql`
    targets as (select unnest(${sql.param(customerIds)}::bigint[]) as customer_id),
    bought as materialized (
      select customer_id, product_id,
             row_number() over (partition by customer_id order by last_bought_at desc, product_id) as recent_rank
      from (
        select o.customer_id, i.product_id, max(o.placed_at) as last_bought_at
        from targets t
        join orders o on o.store_id = ${storeId} and o.customer_id = t.customer_id and o.status = 'paid'
        join order_items i on i.store_id = ${storeId} and i.order_id = o.id
        group by o.customer_id, i.product_id
      ) b
    ),
    -- Every product that goes with something they bought lately (their most recent products,
    -- as many as the counts take from one customer): its strongest link and the sum.
    candidates as (
      select b.customer_id, c.other_product_id as product_id, max(c.customers)::int as customers, sum(c.customers)::int as total
      from bought b
      join co_purchases c on c.store_id = ${storeId} and c.product_id = b.product_id
      where c.customers >= ${MIN_SUPPORT} and b.recent_rank <= ${MAX_PRODUCTS_PER_CUSTOMER}
      group by b.customer_id, c.other_product_id
    )`;

/**
 * The top recommendations of several customers at once, read from the stored co-purchase
 * counts (never computed from orders here): products they have not bought (any paid order)
 * and that are in stock, each with the product they bought that it goes with most, among
 * their MAX_PRODUCTS_PER_CUSTOMER most recent products (those the counts were built from). Ranked by
 * that count, then by the sum over all their products, then by external id, so equal
 * candidates always come out in the same order; `via` ties likewise go to the lower external id.
 */
export async function recommendationsFor(
  storeId: number,
  customerIds: number[],
  db: DbOrTx = getDb(),
): Promise<Map<number, Recommendation[]>> {
  const byCustomer = new Map<number, Recommendation[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return byCustomer;
  // "In stock" counts the units of sales that ended on their own as back.
  await settleEndedFlashSales(db, storeId, new Date());
  const { rows } = await db.execute<Row>(sql`
    with ${candidateCtes(storeId, customerIds)},
    ranked as (
      select k.*, p.external_id, p.name, p.stock,
             row_number() over (partition by k.customer_id order by k.customers desc, k.total desc, p.external_id) as rank
      from candidates k
      join products p on p.store_id = ${storeId} and p.id = k.product_id and p.stock > 0
      where not exists (select 1 from bought x where x.customer_id = k.customer_id and x.product_id = k.product_id)
    ),
    kept as (select * from ranked where rank <= ${RECOMMENDATIONS_PER_CUSTOMER}),
    -- The reason, only for the few kept: the bought product behind the strongest link. One
    -- join for all of them (looked up row by row, each lookup scanned every customer's products).
    via as (
      select distinct on (k.customer_id, k.product_id) k.customer_id, k.product_id, v.id, v.external_id, v.name
      from kept k
      join bought b on b.customer_id = k.customer_id and b.recent_rank <= ${MAX_PRODUCTS_PER_CUSTOMER}
      join co_purchases c on c.store_id = ${storeId} and c.product_id = b.product_id
                         and c.other_product_id = k.product_id and c.customers = k.customers
      join products v on v.store_id = ${storeId} and v.id = b.product_id
      order by k.customer_id, k.product_id, v.external_id
    )
    select r.customer_id::float8 as customer_id, r.rank::int as rank, r.product_id::float8 as product_id,
           r.external_id as product_external_id, r.name as product_name, r.stock,
           v.id::float8 as via_id, v.external_id as via_external_id, v.name as via_name, r.customers, r.total
    from kept r
    join via v on v.customer_id = r.customer_id and v.product_id = r.product_id
    order by r.customer_id, r.rank`);
  for (const row of rows) {
    byCustomer.get(Number(row.customer_id))?.push({
      customerId: Number(row.customer_id),
      rank: row.rank,
      productId: Number(row.product_id),
      productExternalId: row.product_external_id,
      productName: row.product_name,
      stock: row.stock,
      via: { productId: Number(row.via_id), externalId: row.via_external_id, name: row.via_name },
      customers: row.customers,
      total: row.total,
    });
  }
  return byCustomer;
}

/** A customer's recommendations, for the customer page (staff and owners). */
export const customerRecommendations = reusePlans(async function customerRecommendations(ctx: StoreContext, customerId: number): Promise<Recommendation[]> {
  return (await recommendationsFor(ctx.store.id, [customerId])).get(customerId) ?? [];
});

/**
 * How many products would be recommended to the customer but are out of stock: every product an
 * order import brings in starts with none, so a new store's recommendations stay empty until its
 * stock is set, and the customer page says so rather than only that nothing is in stock.
 */
export const outOfStockCandidates = reusePlans(async function outOfStockCandidates(ctx: StoreContext, customerId: number): Promise<number> {
  const storeId = ctx.store.id;
  const { rows } = await getDb().execute<{ count: number }>(sql`
    with ${candidateCtes(storeId, [customerId])}
    select count(*)::int as count
    from candidates k
    join products p on p.store_id = ${storeId} and p.id = k.product_id and p.stock <= 0
    where not exists (select 1 from bought x where x.customer_id = k.customer_id and x.product_id = k.product_id)`);
  return rows[0]?.count ?? 0;
});

/** When the store's co-purchase counts were last rebuilt, and how many pairs they hold. */
export const coPurchaseStatus = reusePlans(async function coPurchaseStatus(ctx: StoreContext) {
  const { rows } = await getDb().execute<{ refreshed_at: string; pairs: number; capped_customers: number }>(sql`
    select refreshed_at, pairs, capped_customers from co_purchase_refreshes where store_id = ${ctx.store.id}`);
  const row = rows[0];
  return row ? { refreshedAt: new Date(row.refreshed_at), pairs: row.pairs, cappedCustomers: row.capped_customers } : null;
});

/** Who a campaign list is for: the high-value customers, or every customer of one tier. */
export type CampaignSegment = "highValue" | Tier;

export interface CampaignCustomer {
  id: number;
  externalId: string;
  name: string;
  tier: Tier;
  recommendations: Recommendation[];
}

/**
 * One page of a campaign list (owners only): the segment's customers by id after `afterId`,
 * each with their recommendations; customers with none are left out. `nextAfterId` is null
 * at the end. Pages keep an export of thousands of customers out of memory.
 */
export async function campaignPage(
  ctx: StoreContext,
  segment: CampaignSegment,
  options: { afterId?: number; pageSize?: number } = {},
): Promise<{ customers: CampaignCustomer[]; nextAfterId: number | null }> {
  assertRole(ctx, "owner");
  const pageSize = options.pageSize ?? 200;
  const storeId = ctx.store.id;
  const inSegment = segment === "highValue" ? sql`s.is_high_value` : sql`s.tier = ${segment}::tier`;
  const { rows } = await getDb().execute<{ id: number; external_id: string; name: string; tier: Tier }>(sql`
    select c.id::float8 as id, c.external_id, c.name, s.tier
    from customer_scores s
    join customers c on c.store_id = s.store_id and c.id = s.customer_id
    where s.store_id = ${storeId} and ${inSegment} and s.customer_id > ${options.afterId ?? 0}
    order by s.customer_id
    limit ${pageSize}`);
  const ids = rows.map((r) => Number(r.id));
  const recommendations = await recommendationsFor(storeId, ids);
  return {
    customers: rows
      .map((r) => ({
        id: Number(r.id),
        externalId: r.external_id,
        name: r.name,
        tier: r.tier,
        recommendations: recommendations.get(Number(r.id)) ?? [],
      }))
      .filter((c) => c.recommendations.length > 0),
    nextAfterId: rows.length === pageSize ? ids.at(-1)! : null,
  };
}
