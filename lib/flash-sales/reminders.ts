import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Tier } from "@/db/schema";
import { activeAt } from "@/lib/memberships/enrolments";
import type { StoreContext } from "@/lib/stores/context";
import type { FlashSaleView } from "./queries";

// The reminder list (PRODUCT.md §5): the loyal customers to tell before the start — tier at or
// above the early-access tier, or the high-value customers for a sale without early access
// (the same audience as isReminderAudience in eligibility.ts, here in SQL). Customers with a
// compliance flag are left out: the store does not court confirmed fraud or malicious complaints.

export interface ReminderRow {
  customerId: number;
  externalId: string;
  name: string;
  tier: Tier;
  score: number | null;
  isHighValue: boolean;
  lastOrderAt: Date | null;
  /** Units this customer already claimed in the sale. */
  claimed: number;
}

export interface ReminderCursor {
  score: number;
  customerId: number;
}

/**
 * Who is reminded: those early access lets in (their tier as a claim sees it now: the score's,
 * or a paid membership's active now; see claims.ts), else the high-value customers.
 */
function audience(ctx: StoreContext, sale: FlashSaleView) {
  if (!sale.earlyAccess) return sql`s.is_high_value`;
  const tier = sql`${sale.earlyAccess.tier}::tier`;
  // The members as one set, not a lookup per customer: counting a store of 100,000 that way took
  // 50 ms, with a correlated EXISTS 320–380 ms.
  return sql`(s.score_tier >= ${tier} or s.customer_id in (
    select m.customer_id from customer_memberships m
     where m.store_id = ${ctx.store.id} and m.tier >= ${tier} and ${activeAt(new Date())}))`;
}

/** One page of the list, best score first (keyset on the index of customer_score_order). */
export async function reminderList(
  ctx: StoreContext,
  sale: FlashSaleView,
  options: { limit?: number; after?: ReminderCursor | null } = {},
): Promise<{ rows: ReminderRow[]; next: ReminderCursor | null }> {
  const limit = options.limit ?? 100;
  const storeId = ctx.store.id;
  const after = options.after
    ? sql`and (o.sort_score, -o.customer_id) < (${options.after.score}::numeric, ${-options.after.customerId}::bigint)`
    : sql``;
  const { rows } = await getDb().execute<Record<string, unknown>>(sql`
    select s.customer_id, c.external_id, c.name, s.tier, s.score, s.is_high_value, s.last_order_at,
           coalesce(b.units, 0)::int as claimed
      from customer_score_order o
      join customer_scores s on s.store_id = o.store_id and s.customer_id = o.customer_id
      join customers c on c.store_id = s.store_id and c.id = s.customer_id
      left join flash_sale_buyers b on b.store_id = s.store_id and b.sale_id = ${sale.id} and b.customer_id = s.customer_id
     where o.store_id = ${storeId} and ${audience(ctx, sale)}
       and not exists (select 1 from customer_flags f where f.store_id = s.store_id and f.customer_id = s.customer_id)
       ${after}
     order by o.sort_score desc, o.customer_id
     limit ${limit + 1}`);
  const list = rows.slice(0, limit).map((r) => ({
    customerId: Number(r.customer_id),
    externalId: String(r.external_id),
    name: String(r.name),
    tier: r.tier as Tier,
    score: r.score === null ? null : Number(r.score),
    isHighValue: Boolean(r.is_high_value),
    lastOrderAt: r.last_order_at === null ? null : new Date(r.last_order_at as string),
    claimed: Number(r.claimed),
  }));
  const last = list.at(-1);
  return { rows: list, next: rows.length > limit && last ? { score: last.score ?? -1, customerId: last.customerId } : null };
}

/** How many customers the list holds. */
export async function reminderCount(ctx: StoreContext, sale: FlashSaleView): Promise<number> {
  const { rows } = await getDb().execute<{ n: number }>(sql`
    select count(*)::int as n from customer_scores s
     where s.store_id = ${ctx.store.id} and ${audience(ctx, sale)}
       and not exists (select 1 from customer_flags f where f.store_id = s.store_id and f.customer_id = s.customer_id)`);
  return Number(rows[0]?.n ?? 0);
}
