// The recommendations part of the bench: the co-purchase rebuild that every recompute runs
// (timed alone, forced, in its own transaction), the refresh after one new order (what an API
// order pays: that customer's basket and its products' partners), then the reads that use it — one customer's
// recommendations (the customer page) and a campaign list of high-value customers (the first
// CAMPAIGN_SAMPLE of them: at a million orders the whole list takes minutes, ~15 ms a customer).
// Run alone on a data directory: LAOKE_DATA_DIR=… npx tsx --conditions=react-server scripts/bench/recommendations.ts <slug>
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { MAX_PARTNERS_PER_PRODUCT, MAX_PRODUCTS_PER_CUSTOMER, MIN_SUPPORT, refreshCoPurchases, type CoPurchaseRefresh } from "@/lib/recommendations/co-purchases";
import { recommendationsFor } from "@/lib/recommendations/recommend";

export interface RecommendationsBench {
  /** The rebuild's time, first run and median of the following ones. */
  refreshFirstMs: number;
  refreshMedianMs: number;
  refresh: CoPurchaseRefresh;
  /** The refresh after one paid order that brings a customer a product new to them (median; rolled back); null without customers. */
  oneOrderMedianMs: number;
  oneOrder: CoPurchaseRefresh | null;
  /** Median time of one customer's recommendations, over up to 50 high-value customers. */
  customerMedianMs: number;
  /** The campaign list (each customer's top 5) of the first CAMPAIGN_SAMPLE high-value customers, in pages of 200. */
  campaignMs: number;
  campaignCustomers: number;
  campaignRows: number;
  /** All the store's high-value customers, the whole list's size. */
  highValueCustomers: number;
}

const CAMPAIGN_SAMPLE = 2000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** Times refreshCoPurchases (forced) `runs` times on the store, then the reads. */
export async function benchRecommendations(storeId: number, options: { runs?: number } = {}): Promise<RecommendationsBench> {
  const db = getDb();
  const times: number[] = [];
  let refresh: CoPurchaseRefresh | undefined;
  for (let run = 0; run < (options.runs ?? 3); run++) {
    const started = performance.now();
    refresh = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('jit', 'off', true)`);
      return refreshCoPurchases(tx, storeId, { force: true });
    });
    times.push(performance.now() - started);
  }
  const { rows } = await db.execute<{ id: number }>(sql`
    select customer_id::float8 as id from customer_scores where store_id = ${storeId} and is_high_value order by customer_id`);
  const highValue = rows.map((r) => Number(r.id));
  // Customers with paid orders, whenever placed (the Online Retail orders are all older than the
  // scoring window, so none of its customers is high-value today).
  const { rows: buyers } = await db.execute<{ id: number }>(sql`
    select customer_id::float8 as id from orders where store_id = ${storeId} and status = 'paid'
    group by customer_id order by customer_id limit ${options.runs ?? 3}`);
  const oneOrder = await timeOneOrder(storeId, buyers.map((r) => Number(r.id)));
  const single: number[] = [];
  for (const id of highValue.slice(0, 50)) {
    const started = performance.now();
    await recommendationsFor(storeId, [id]);
    single.push(performance.now() - started);
  }
  const campaignStarted = performance.now();
  const campaign = highValue.slice(0, CAMPAIGN_SAMPLE);
  let campaignRows = 0;
  for (let i = 0; i < campaign.length; i += 200) {
    const page = await recommendationsFor(storeId, campaign.slice(i, i + 200));
    for (const list of page.values()) campaignRows += list.length;
  }
  return {
    refreshFirstMs: Math.round(times[0]!),
    refreshMedianMs: Math.round(median(times.slice(1).length > 0 ? times.slice(1) : times)),
    refresh: refresh!,
    oneOrderMedianMs: oneOrder.medianMs,
    oneOrder: oneOrder.refresh,
    customerMedianMs: Math.round(median(single) * 10) / 10,
    campaignMs: Math.round(performance.now() - campaignStarted),
    campaignCustomers: campaign.length,
    campaignRows,
    highValueCustomers: highValue.length,
  };
}

/**
 * For each customer: in a transaction rolled back, one paid order of a product they never
 * bought (written as the API's merge writes it, so the triggers queue the customer), then the
 * refresh, timed.
 */
async function timeOneOrder(storeId: number, customerIds: number[]): Promise<{ medianMs: number; refresh: CoPurchaseRefresh | null }> {
  const times: number[] = [];
  let refresh: CoPurchaseRefresh | null = null;
  for (const customerId of customerIds) {
    await getDb()
      .transaction(async (tx) => {
        await tx.execute(sql`select set_config('jit', 'off', true)`);
        await tx.execute(sql`
          with product as (
            select p.id, p.price from products p
            where p.store_id = ${storeId} and not exists (
              select 1 from orders o join order_items i on i.store_id = o.store_id and i.order_id = o.id
              where o.store_id = ${storeId} and o.customer_id = ${customerId} and i.product_id = p.id)
            order by p.id limit 1
          ),
          placed as (
            insert into orders (store_id, external_id, customer_id, placed_at, status, group_buy, total)
            select ${storeId}, 'bench-one-order', ${customerId}, now(), 'paid', false, price from product
            returning id
          )
          insert into order_items (store_id, order_id, line_no, product_id, quantity, unit_price)
          select ${storeId}, placed.id, 1, product.id, 1, product.price from placed, product`);
        const started = performance.now();
        refresh = await refreshCoPurchases(tx, storeId);
        times.push(performance.now() - started);
        throw new RolledBack();
      })
      .catch((error) => {
        if (!(error instanceof RolledBack)) throw error;
      });
  }
  return { medianMs: Math.round(median(times)), refresh };
}

class RolledBack extends Error {}

export function describeRecommendationsBench(b: RecommendationsBench): string[] {
  return [
    `co-purchase rebuild: first ${b.refreshFirstMs} ms, median ${b.refreshMedianMs} ms (target ≤ 10 s embedded at Online Retail size); ` +
      `${b.refresh.basketLines} customer-product lines (≤ ${MAX_PRODUCTS_PER_CUSTOMER} per customer, ${b.refresh.cappedCustomers} customers capped), ` +
      `${b.refresh.pairs} (product, partner) counts kept (≥ ${MIN_SUPPORT} customers, ≤ ${MAX_PARTNERS_PER_PRODUCT} partners a product)`,
    b.oneOrder
      ? `co-purchases after one new order: median ${b.oneOrderMedianMs} ms (${b.oneOrder.basketsTaken} basket taken, ` +
        `${b.oneOrder.recounted} products' partners counted again)`
      : "co-purchases after one new order: no customer with a paid order",
    `recommendations: one customer median ${b.customerMedianMs} ms; campaign list of ${b.campaignCustomers} of the ` +
      `${b.highValueCustomers} high-value customers (${b.campaignRows} rows) in ${b.campaignMs} ms`,
  ];
}

async function main() {
  const slug = process.argv[2];
  if (!slug) throw new Error("Usage: scripts/bench/recommendations.ts <store slug> (LAOKE_DATA_DIR or DATABASE_URL names the database)");
  const { connectDatabase } = await import("@/db/connect");
  const connection = await connectDatabase(process.env.LAOKE_DATA_DIR ?? "data");
  try {
    const { rows } = await getDb().execute<{ id: number }>(sql`select id::float8 as id from stores where slug = ${slug}`);
    if (!rows[0]) throw new Error(`No store ${slug}.`);
    for (const line of describeRecommendationsBench(await benchRecommendations(Number(rows[0].id)))) console.log(line);
  } finally {
    await connection.close();
  }
}

if (process.argv[1]?.endsWith("recommendations.ts")) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
