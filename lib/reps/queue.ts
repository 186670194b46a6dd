import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Tier } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";

/** Until a rep first marks the queue as seen, it shows this many days back. */
export const FIRST_LOOK_DAYS = 30;

export interface QueueCustomer {
  id: number;
  externalId: string;
  name: string;
  tier: Tier;
  isHighValue: boolean;
  newOrders: number;
  newReturns: number;
  newReviews: number;
  /** The latest tier change since the rep last looked, if any. */
  tierChange: { from: Tier | null; to: Tier } | null;
  lastActivityAt: Date | null;
}

export interface RepQueue {
  since: Date;
  /** Whether the rep has ever marked the queue as seen (else `since` is FIRST_LOOK_DAYS back). */
  looked: boolean;
  customers: number;
  /** Customers with something new, most recent activity first (at most `limit`). */
  active: QueueCustomer[];
  activeTotal: number;
  /** Their customers who are no longer high-value (the owner reviews them). */
  needsReview: number;
}

/**
 * The signed-in rep's customers with what happened since they last looked: new orders (by
 * when they were placed), returns (requested), reviews (written) and tier changes (when the
 * recompute made them). Each count reads one index range of one customer.
 */
export async function myCustomersQueue(ctx: StoreContext, options: { limit?: number; now?: Date } = {}): Promise<RepQueue> {
  const userId = ctx.userId ?? -1;
  const storeId = ctx.store.id;
  const now = options.now ?? new Date();
  const { rows: seen } = await getDb().execute<{ last_looked_at: string }>(sql`
    select last_looked_at from rep_queue_views where store_id = ${storeId} and user_id = ${userId}`);
  const looked = seen.length > 0;
  const since = looked ? new Date(seen[0]!.last_looked_at) : new Date(now.getTime() - FIRST_LOOK_DAYS * 86_400_000);
  const sinceText = since.toISOString();
  const { rows } = await getDb().execute<{
    id: number;
    external_id: string;
    name: string;
    tier: Tier;
    is_high_value: boolean;
    new_orders: number;
    new_returns: number;
    new_reviews: number;
    tier_from: Tier | null;
    tier_to: Tier | null;
    last_activity_at: string | null;
  }>(sql`
    with mine as (
      select a.customer_id, c.external_id, c.name, coalesce(s.tier, 'ordinary') as tier, coalesce(s.is_high_value, false) as is_high_value,
             o.n as new_orders, o.last_at as order_at, r.n as new_returns, r.last_at as return_at,
             v.n as new_reviews, v.last_at as review_at, t.from_tier, t.to_tier, t.at as tier_at
      from rep_assignments a
      join customers c on c.store_id = a.store_id and c.id = a.customer_id
      left join customer_scores s on s.store_id = a.store_id and s.customer_id = a.customer_id
      cross join lateral (
        select count(*)::int as n, max(placed_at) as last_at from orders
        where store_id = ${storeId} and customer_id = a.customer_id and placed_at > ${sinceText}::timestamptz
      ) o
      cross join lateral (
        select count(*)::int as n, max(requested_at) as last_at from returns
        where store_id = ${storeId} and customer_id = a.customer_id and requested_at > ${sinceText}::timestamptz
      ) r
      cross join lateral (
        select count(*)::int as n, max(created_at) as last_at from reviews
        where store_id = ${storeId} and customer_id = a.customer_id and created_at > ${sinceText}::timestamptz
      ) v
      left join lateral (
        select tc.from_tier, tc.to_tier, sr.started_at as at
        from tier_changes tc
        join score_runs sr on sr.store_id = tc.store_id and sr.id = tc.run_id
        -- A first tier (from none) is where the customer started, not a move the rep should act on:
        -- counted, every newly scored customer showed as "tier changed" on their first import.
        where tc.store_id = ${storeId} and tc.customer_id = a.customer_id and sr.started_at > ${sinceText}::timestamptz
          and tc.from_tier is not null
        order by tc.run_id desc limit 1
      ) t on true
      where a.store_id = ${storeId} and a.user_id = ${userId}
    )
    select customer_id::float8 as id, external_id, name, tier, is_high_value, new_orders, new_returns, new_reviews,
           from_tier as tier_from, to_tier as tier_to,
           greatest(order_at, return_at, review_at, tier_at) as last_activity_at
    from mine
    order by greatest(order_at, return_at, review_at, tier_at) desc nulls last, customer_id`);
  const all = rows.map(
    (r): QueueCustomer => ({
      id: Number(r.id),
      externalId: r.external_id,
      name: r.name,
      tier: r.tier,
      isHighValue: r.is_high_value,
      newOrders: r.new_orders,
      newReturns: r.new_returns,
      newReviews: r.new_reviews,
      tierChange: r.tier_to ? { from: r.tier_from, to: r.tier_to } : null,
      lastActivityAt: r.last_activity_at ? new Date(r.last_activity_at) : null,
    }),
  );
  const active = all.filter((c) => c.lastActivityAt !== null);
  return {
    since,
    looked,
    customers: all.length,
    active: active.slice(0, options.limit ?? 20),
    activeTotal: active.length,
    needsReview: all.filter((c) => !c.isHighValue).length,
  };
}
