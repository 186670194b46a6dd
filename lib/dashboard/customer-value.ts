import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { tiers, type Tier } from "@/db/schema/scoring";
import { customersSinceRun } from "@/lib/customers/queries";
import { BUYERS_SPEND, type RunTotalsRow } from "@/lib/customers/recompute";
import { assertRole, type StoreContext } from "@/lib/stores/context";

// The owner's customer-value charts (PRODUCT.md §7), each one small aggregate over the store's
// customer_scores (one row per customer, written by the last recompute) or its score runs. The
// client gets the handful of rows these return, never customer rows.

export interface Headline {
  customers: number;
  /** Customers with a paid order in the scoring window (those with a score). */
  scored: number;
  repeatCustomers: number;
  /** Repeat customers over the customers who bought in the window; null when nobody bought. */
  repeatRate: number | null;
  highValue: number;
  netSpend: number;
  highValueNetSpend: number;
  /** The high-value customers' share of the store's net spend; null when there is none. */
  highValueShare: number | null;
  asOf: Date;
  windowDays: number;
}

/**
 * The latest recompute's store-wide figures (stored with the run), with the customers listed
 * since (customersSinceRun, as the customers page's strip), or null before the first.
 */
export async function getHeadline(ctx: StoreContext): Promise<Headline | null> {
  assertRole(ctx, "owner");
  const { rows } = await getDb().execute<RunTotalsRow & { as_of: Date | string; window_days: number | null }>(sql`
    select r.customers + ${customersSinceRun({ storeId: sql`r.store_id`, startedAt: sql`r.started_at` })} as customers, r.scored, r.repeat_customers, r.high_value, r.net_spend, r.high_value_net_spend, r.as_of,
           (select (s.rules ->> 'windowDays')::int from scoring_rules s
             where s.store_id = r.store_id and s.version = r.rule_version) as window_days
    from score_runs r
    where r.store_id = ${ctx.store.id} and r.took_ms is not null
    order by r.id desc
    limit 1`);
  const row = rows[0];
  if (!row) return null;
  const netSpend = Number(row.net_spend ?? 0);
  const highValueNetSpend = Number(row.high_value_net_spend ?? 0);
  return {
    customers: row.customers ?? 0,
    scored: row.scored ?? 0,
    repeatCustomers: row.repeat_customers ?? 0,
    repeatRate: row.scored > 0 ? row.repeat_customers / row.scored : null,
    highValue: row.high_value ?? 0,
    netSpend,
    highValueNetSpend,
    highValueShare: netSpend > 0 ? highValueNetSpend / netSpend : null,
    asOf: new Date(row.as_of),
    // Version 1 with no saved row is PRODUCT.md's default window.
    windowDays: row.window_days ?? 365,
  };
}

export interface TierRow {
  tier: Tier;
  customers: number;
  /** The tier's buyers' net spend, as the shares count it (BUYERS_SPEND). */
  netSpend: number;
  /** Shares of all customers and of the store's net spend (0 when the store has none). */
  customerShare: number;
  spendShare: number;
}

/** Customers and net spend per tier, every tier present (zero when empty), lowest tier first. */
export async function getTierBreakdown(ctx: StoreContext): Promise<TierRow[]> {
  assertRole(ctx, "owner");
  const { rows } = await getDb().execute<{ tier: Tier; customers: number; net_spend: string }>(sql`
    select tier::text as tier, count(*)::int as customers, coalesce(sum(${BUYERS_SPEND}), 0)::bigint as net_spend
    from customer_scores
    where store_id = ${ctx.store.id}
    group by tier`);
  const byTier = new Map(rows.map((r) => [r.tier, r]));
  const totalCustomers = rows.reduce((sum, r) => sum + r.customers, 0);
  const totalSpend = rows.reduce((sum, r) => sum + Number(r.net_spend), 0);
  return tiers.map((tier) => {
    const customers = byTier.get(tier)?.customers ?? 0;
    const netSpend = Number(byTier.get(tier)?.net_spend ?? 0);
    return {
      tier,
      customers,
      netSpend,
      customerShare: totalCustomers > 0 ? customers / totalCustomers : 0,
      spendShare: totalSpend > 0 ? netSpend / totalSpend : 0,
    };
  });
}

export interface ScoreBucket {
  /** Scores from `min` (inclusive) to `max` (exclusive; the last bucket includes 100). */
  min: number;
  max: number;
  customers: number;
}

export interface ScoreHistogram {
  buckets: ScoreBucket[];
  /** Customers with no paid order in the scoring window, so no score. */
  unscored: number;
}

/** Customers per 10-point score band (0–10 … 90–100), every band present. */
export async function getScoreHistogram(ctx: StoreContext): Promise<ScoreHistogram> {
  assertRole(ctx, "owner");
  const { rows } = await getDb().execute<{ bucket: number; customers: number }>(sql`
    select case when score is null then -1 else least(floor(score / 10), 9)::int end as bucket,
           count(*)::int as customers
    from customer_scores
    where store_id = ${ctx.store.id}
    group by 1`);
  const counts = new Map(rows.map((r) => [Number(r.bucket), r.customers]));
  return {
    buckets: Array.from({ length: 10 }, (_, i) => ({ min: i * 10, max: i * 10 + 10, customers: counts.get(i) ?? 0 })),
    unscored: counts.get(-1) ?? 0,
  };
}

export interface ConcentrationPoint {
  /** The top `topPercent`% of buying customers, ranked by net spend… */
  topPercent: number;
  customers: number;
  /** …bring this share of the net spend. */
  spendShare: number;
}

/**
 * How concentrated net spend is (a Pareto curve): for each whole percent p of the customers who
 * bought in the window, ranked by net spend, the share of net spend the top p% bring. Customers
 * whose refunds exceed their spend count as zero, so the curve never passes 100%.
 */
export async function getSpendConcentration(ctx: StoreContext): Promise<ConcentrationPoint[]> {
  assertRole(ctx, "owner");
  const { rows } = await getDb().execute<{ pct: number; customers: number; share: number }>(sql`
    with ranked as (
      select ${BUYERS_SPEND} as spend,
             -- Ties need no tie-break: customers with equal spend add the same to any bucket.
             ceil(100.0 * row_number() over (order by net_spend desc) / count(*) over ())::int as pct
      from customer_scores
      where store_id = ${ctx.store.id} and orders > 0
    ),
    by_pct as (
      select pct, count(*) as customers, sum(spend) as spend from ranked group by pct
    )
    select pct,
           (sum(customers) over (order by pct))::int as customers,
           coalesce((sum(spend) over (order by pct))::float8 / nullif(sum(spend) over (), 0), 0) as share
    from by_pct
    order by pct`);
  if (rows.length === 0 || rows.every((r) => r.share === 0)) return [];
  return rows.map((r) => ({ topPercent: r.pct, customers: r.customers, spendShare: r.share }));
}

export interface TierMove {
  /** The tier after the previous recompute; null for a customer new since then. */
  from: Tier | null;
  to: Tier;
  customers: number;
  direction: "up" | "down" | "new";
}

export interface TierMovement {
  /** When the two recomputes compared were as of (ISO); previous is null after the first. */
  latestAsOf: string;
  previousAsOf: string | null;
  moves: TierMove[];
  /** Customers whose tier stayed the same. */
  unchanged: number;
}

/**
 * Tier movement between the last two recomputes: every customer's tier now against the tier the
 * previous recompute left them (kept on their score row), counted per (from, to) pair.
 */
export async function getTierMovement(ctx: StoreContext): Promise<TierMovement | null> {
  assertRole(ctx, "owner");
  const storeId = ctx.store.id;
  const runs = await getDb().execute<{ as_of: Date | string }>(sql`
    select as_of from score_runs
    where store_id = ${storeId} and took_ms is not null
    order by id desc
    limit 2`);
  const pairs = await getDb().execute<{ from_tier: Tier | null; to_tier: Tier; customers: number }>(sql`
    select previous_tier::text as from_tier, tier::text as to_tier, count(*)::int as customers
    from customer_scores
    where store_id = ${storeId}
    group by 1, 2`);
  const latest = runs.rows[0];
  if (!latest) return null;
  const previous = runs.rows[1];
  const rank = (tier: Tier) => tiers.indexOf(tier);
  let unchanged = 0;
  const moves: TierMove[] = [];
  for (const row of pairs.rows) {
    if (row.from_tier === row.to_tier) unchanged += row.customers;
    // On the first recompute every customer is "new"; that is no movement to show.
    else if (row.from_tier === null && !previous) unchanged += row.customers;
    else {
      const direction = row.from_tier === null ? "new" : rank(row.to_tier) > rank(row.from_tier) ? "up" : "down";
      moves.push({ from: row.from_tier, to: row.to_tier, customers: row.customers, direction });
    }
  }
  // Biggest moves first; ties in tier order so the output is stable.
  moves.sort(
    (a, b) =>
      b.customers - a.customers || (a.from ? rank(a.from) : -1) - (b.from ? rank(b.from) : -1) || rank(a.to) - rank(b.to),
  );
  return {
    latestAsOf: new Date(latest.as_of).toISOString(),
    previousAsOf: previous ? new Date(previous.as_of).toISOString() : null,
    moves,
    unchanged,
  };
}
