import { sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { retryOnDeadlock } from "@/db/retry";
import { maintainTables } from "@/db/maintenance";
import { analyzeWhenStoreUnseen, STORE_INPUTS, STORE_SCORES } from "@/db/store-statistics";
import { tiers } from "@/db/schema";
import type { ScoringRules } from "@/lib/validation/scoring-rules";
import { currentScoringRules, scoringRulesByVersion } from "./rules";
import { sharedRuns } from "./shared-runs";
import { holdStoreForRecompute } from "./store-lock";
import { settleEndedFlashSales } from "@/lib/flash-sales/settle";
import { refreshCoPurchases } from "@/lib/recommendations/co-purchases";
import { findPointsRules } from "@/lib/points/rules";
import { settlePoints } from "@/lib/points/settle";

export interface RecomputeResult {
  runId: number;
  customers: number;
  scored: number;
  highValue: number;
  /** Customers whose metrics this run aggregated from their raw rows again (the rest were unchanged). */
  rescored: number;
  ruleVersion: number;
  asOf: Date;
  tookMs: number;
}

/** A run's totals as score_runs keeps them (the scoring statement counts them from its rows). */
export type RunTotalsRow = {
  customers: number;
  scored: number;
  repeat_customers: number;
  high_value: number;
  net_spend: string;
  high_value_net_spend: string;
};

/** Whether a recompute's co-purchase counts and upkeep run with it, or wait for catchUpAfterScores. */
export type FollowUps = "now" | "later";

/**
 * Scores every customer of the store at `asOf` with the store's current rules (PRODUCT.md §3),
 * entirely in SQL: per-customer aggregates, percent_rank windows, factors, score, tier with
 * hysteresis, gates and the high-value flag, written by one set-based upsert. No customer row
 * passes through JavaScript. Recomputes of one store are serialised (the store row is locked
 * for the transaction), so each sees the tiers the previous one left; writes of the store's
 * other rows go on meanwhile. Without `asOf` or `db`, calls that come while one runs in this
 * process share the next run (as API batches landing together do). With `followUps: "later"`
 * (a file import) the co-purchase counts and the upkeep wait for catchUpAfterScores.
 */
export async function recomputeScores(
  storeId: number,
  options: { asOf?: Date; db?: DbOrTx; followUps?: FollowUps } = {},
): Promise<RecomputeResult> {
  if (options.db) return scoreStore(storeId, options.asOf ?? new Date(), options.db);
  if (options.followUps === "later") return ownRecompute(storeId, options.asOf ?? new Date(), "later");
  if (options.asOf) return ownRecompute(storeId, options.asOf);
  // At now: callers that come while one runs share the next (see sharedRuns).
  return recomputeNow(storeId);
}

const recomputeNow = sharedRuns((storeId) => ownRecompute(storeId, new Date()));

/**
 * A recompute in its own transaction, then the embedded database's upkeep. With followUps
 * "later" (an import's: see catchUpAfterScores) the co-purchase counts and the upkeep are left
 * to the caller, who runs catchUpAfterScores once it has said what it came to say.
 */
async function ownRecompute(storeId: number, asOf: Date, followUps: FollowUps = "now"): Promise<RecomputeResult> {
  // A store new or grown since the planner's statistics is planned as it is, not as a few rows.
  await analyzeWhenStoreUnseen(getDb(), storeId, STORE_INPUTS);
  // Run again when PostgreSQL breaks a deadlock with it (its settle of points locks customers
  // in id order, an import's merge in the file's).
  const result = await retryOnDeadlock(() => scoreStore(storeId, asOf, getDb(), followUps));
  await analyzeWhenStoreUnseen(getDb(), storeId, STORE_SCORES);
  // The rewritten scores leave dead row versions behind, which the embedded database has no
  // autovacuum to reclaim. VACUUM needs no transaction, hence only here.
  if (followUps === "now") await maintainTables(getDb());
  return result;
}

/**
 * What a recompute with `followUps: "later"` left: the store's co-purchase counts (see
 * refreshCoPurchases), in a transaction of their own that holds the store as a recompute does,
 * then the embedded database's upkeep. An import runs it after it has said it succeeded: the
 * counts of a whole file take seconds (2–3 s for the Online Retail file), which the merchant
 * waiting for the scores on PostgreSQL need not wait for, recommendations being read from the
 * previous counts meanwhile (the embedded database, one session, answers nothing else while a
 * transaction runs, so there the import is seen done once they are). A failure here loses
 * nothing: the customers stay queued (co_purchase_queue) for the store's next recompute.
 */
export async function catchUpAfterScores(storeId: number): Promise<void> {
  await retryOnDeadlock(() =>
    getDb().transaction(async (tx) => {
      await holdStoreForRecompute(tx, storeId);
      await tx.execute(sql`select set_config('jit', 'off', true)`);
      await refreshCoPurchases(tx, storeId);
    }),
  );
  await maintainTables(getDb());
}

async function scoreStore(storeId: number, asOf: Date, db: DbOrTx, followUps: FollowUps = "now"): Promise<RecomputeResult> {
  return db.transaction(async (tx) => {
    await holdStoreForRecompute(tx, storeId);
    // The run's time is its work's, not the wait for the store's previous recompute (batches
    // that queue up showed 6 s for half a second's work).
    const started = performance.now();
    // For this transaction only: JIT compiling the big statement cost PostgreSQL more than
    // running it (17.8 of 25 s at 1M orders), and the percent_rank sorts fit in memory.
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
    const { version, rules } = await currentScoringRules(storeId, tx);
    const { scope, queued, pointsRulesAt } = await rescoreScope(tx, storeId, asOf, rules);
    const { rows: runRows } = await tx.execute<{ id: number }>(sql`
      insert into score_runs (store_id, rule_version, as_of, started_at)
      values (${storeId}, ${version}, ${asOf.toISOString()}, now())
      returning id::int as id`);
    const runId = runRows[0]!.id;
    const { rows: summaryRows } = await tx.execute<RunTotalsRow>(scoreAllCustomers(storeId, runId, version, asOf, rules, scope));
    const summary = summaryRows[0]!;
    // Work that follows the scores (points earned on new paid orders, co-purchase counts) runs
    // here, in the same transaction, so every ingest batch and rescore brings it up to date
    // (the co-purchase counts of a file import follow in catchUpAfterScores).
    // Flash sales that ended since the last look give their unsold units back to stock.
    await settleEndedFlashSales(tx, storeId, new Date());
    // The customers rescored are all whose orders and returns changed or reached their time
    // since the last run (whose settlement saw the rest): its points settle theirs alone, under
    // the rules that run went by. The rules' time is read before the settlement: a save landing
    // meanwhile makes the next run settle every order again, never fewer.
    const rulesAt = (await findPointsRules(tx, storeId))?.updatedAt ?? null;
    await settlePoints(
      tx,
      storeId,
      asOf,
      scope === "queued" ? { customers: sql`array(select customer_id from _rescore)`, rulesAt: pointsRulesAt } : undefined,
    );
    if (followUps === "now") await refreshCoPurchases(tx, storeId);
    await tx.execute(sql`
      update score_runs set
        customers = ${summary.customers}, scored = ${summary.scored}, repeat_customers = ${summary.repeat_customers},
        high_value = ${summary.high_value}, net_spend = ${summary.net_spend},
        high_value_net_spend = ${summary.high_value_net_spend}, points_rules_at = ${rulesAt?.toISOString() ?? null},
        took_ms = ${Math.round(performance.now() - started)}
      where store_id = ${storeId} and id = ${runId}`);
    return {
      runId,
      customers: summary.customers,
      scored: summary.scored,
      highValue: summary.high_value,
      rescored: scope === "everyone" ? summary.customers : queued,
      ruleVersion: version,
      asOf,
      tookMs: Math.round(performance.now() - started),
    };
  });
}

/**
 * The tables whose rows make the metrics, each with the column that places a row in the window.
 * The aggregates, the no-signal check and the scan for rows that crossed the window's edges all
 * read it here: a customer whose row crossed on another column would keep stale metrics.
 */
const EVENT_TIME = { orders: "placed_at", returns: "requested_at", reviews: "created_at", shares: "shared_at" } as const;
type EventTable = keyof typeof EVENT_TIME;

/** Whose metrics the recompute aggregates from the raw rows again: everyone's, or only those in _rescore. */
type Scope = "everyone" | "queued";

/**
 * Takes the store's rescore queue (its rows go with this transaction) and decides whose
 * metrics must be aggregated again. Everyone's when there is no earlier run to build on, when
 * the window's length changed, when asOf went back, or when more than a quarter of the
 * customers changed (one pass over every order is then cheaper). Otherwise only the queued
 * customers and those with an order, return, review or share that left the window or entered
 * it since the last run, written to the temporary table _rescore; every other customer's
 * metrics are the ones customer_scores holds, which that run computed at its asOf.
 */
async function rescoreScope(
  tx: DbOrTx,
  storeId: number,
  asOf: Date,
  rules: ScoringRules,
): Promise<{ scope: Scope; queued: number; pointsRulesAt: Date | null }> {
  const { rows: previousRows } = await tx.execute<{ as_of: Date | string; rule_version: number; customers: number | null; points_rules_at: Date | string | null }>(sql`
    select as_of, rule_version, customers, points_rules_at from score_runs
    where store_id = ${storeId} and took_ms is not null order by id desc limit 1`);
  const previous = previousRows[0];
  const previousRules = previous ? (await scoringRulesByVersion(storeId, [previous.rule_version], tx)).get(previous.rule_version) : undefined;
  const previousAsOf = previous ? new Date(previous.as_of) : null;
  const buildsOnPrevious =
    previous !== undefined && previousRules?.windowDays === rules.windowDays && previousAsOf !== null && asOf >= previousAsOf;

  await tx.execute(sql`drop table if exists pg_temp._rescore`);
  await tx.execute(sql`create temp table _rescore (customer_id bigint primary key) on commit drop`);
  let crossed = sql``;
  if (buildsOnPrevious) {
    // An event counts when windowStart < time <= asOf: it left the window when its time is in
    // (previous start, start], and entered it when its time is in (previous asOf, asOf].
    const start = windowStart(asOf, rules);
    const previousStart = windowStart(previousAsOf!, rules);
    const moved = Object.entries(EVENT_TIME).map(([table, time]) => {
      const column = sql.raw(time);
      return sql`
        union select customer_id from ${sql.raw(table)} where store_id = ${storeId} and (
          (${column} > ${previousStart}::timestamptz and ${column} <= ${start}::timestamptz)
          or (${column} > ${previousAsOf!.toISOString()}::timestamptz and ${column} <= ${asOf.toISOString()}::timestamptz))`;
    });
    crossed = sql.join(moved, sql` `);
  }
  const taken = await tx.execute(sql`
    with queued as (delete from rescore_queue where store_id = ${storeId} returning customer_id)
    insert into _rescore select distinct customer_id from queued ${crossed}`);
  const queued = taken.rowCount ?? 0;
  return {
    scope: buildsOnPrevious && queued <= (previous!.customers ?? 0) / 4 ? "queued" : "everyone",
    queued,
    pointsRulesAt: previous?.points_rules_at ? new Date(previous.points_rules_at) : null,
  };
}

const DAY_MS = 86_400_000;

/**
 * A customer's part of the net spend that shares are taken of (the high-value customers' share,
 * revenue by tier, the concentration curve): what customers who bought in the window spent, net
 * of refunds, a customer whose refunds exceed their spend counting as none. Summed as it is, a
 * refund in the window of an order before it made shares negative or over 100%.
 */
export const BUYERS_SPEND = sql.raw("case when orders > 0 then greatest(net_spend, 0) else 0 end");

/** Events count when windowStart < time <= asOf; a window of 0 days means all history. */
function windowStart(asOf: Date, rules: ScoringRules): string {
  return rules.windowDays > 0 ? new Date(asOf.getTime() - rules.windowDays * DAY_MS).toISOString() : "-infinity";
}

// A rank factor as the update compares it: to one decimal, as the pages show it, and to two (two
// elements of the compared rows). See `updated`. To two decimals alone, 1.0526 and 1.0471 were the
// same, and a kept row showed 1.1 where the exact figure shows 1.0. Halves go up, as the pages
// round them (a factor is never negative; round() on a float8 takes a half to the even side).
const shown = (column: string) => sql.raw(`floor(${column} * 10 + 0.5), floor(${column} * 100 + 0.5)`);
// Tier as an index into `tiers` (0 = ordinary … 4 = crown).
const tierArray = sql.raw(`array[${tiers.map((t) => `'${t}'`).join(",")}]::tier[]`);
// A row of `fresh`'s tiers and high-value flag, from its subquery `g`: `fresh` writes them, and
// `mayHaveChanged` compares them with the stored ones.
const freshScoreTier = sql`(${tierArray})[g.tier_index + 1]`;
const freshTier = sql`(${tierArray})[greatest(g.tier_index, g.member_index) + 1]`;
const freshIsHighValue = sql`g.orders >= 2 and greatest(g.tier_index, g.member_index) >= 2 and cardinality(g.gates) = 0`;

/** Every customer of the store with their four aggregates (the `everyone` scope). */
function everyonesMetrics(storeId: number): SQL {
  return sql`
        select c.id as customer_id,
               coalesce(p.orders, 0) as orders, coalesce(p.spend, 0) as spend, p.last_order_at,
               coalesce(r.returns, 0) as returns, coalesce(r.refunded, 0) as refunded,
               coalesce(v.reviews, 0) as reviews, coalesce(v.photo_reviews, 0) as photo_reviews,
               coalesce(v.positive_reviews, 0) as positive_reviews, coalesce(s.shares, 0) as shares,
               f.customer_id is not null as has_flag,
               coalesce(ms.member_index, 0) as member_index,
               old.score_tier as held_tier,
               old.tier as previous_tier,
               old.customer_id is not null as scored_before
        from customers c
        left join paid p on p.customer_id = c.id
        left join ret r on r.customer_id = c.id
        left join rev v on v.customer_id = c.id
        left join shr s on s.customer_id = c.id
        left join flagged f on f.customer_id = c.id
        left join member ms on ms.customer_id = c.id
        left join customer_scores old on old.store_id = c.store_id and old.customer_id = c.id
        where c.store_id = ${storeId}`;
}

/**
 * The `queued` scope: the queued customers with the aggregates just taken, and everyone else
 * ("kept") with the metrics their customer_scores row holds, read straight from it rather than
 * joined to every customer (a tenth of the statement at 100,000 customers). Every customer
 * without a row is queued (a new customer is queued by the trigger of migration 0020).
 * A kept row also brings its stored values that can change without its metrics changing, for
 * `mayHaveChanged`, and its ctid, for the update to fetch it again.
 */
function queuedAndKeptMetrics(storeId: number): SQL {
  return sql`
        select u.*, f.customer_id is not null as has_flag, coalesce(ms.member_index, 0) as member_index
        from (
          select old.customer_id, old.orders, old.spend, old.last_order_at, old.returns, old.refunded, old.reviews,
                 old.photo_reviews, old.positive_reviews, old.shares, old.score_tier as held_tier, old.tier as previous_tier,
                 true as scored_before, true as kept, old.ctid as old_ctid, old.rule_version as kept_rule_version,
                 old.recency_days as kept_recency_days, old.f_frequency as kept_f_frequency, old.f_monetary as kept_f_monetary,
                 old.f_recency as kept_f_recency, old.f_interaction as kept_f_interaction, old.f_sharing as kept_f_sharing,
                 old.score as kept_score, old.previous_tier as kept_previous_tier, old.gates as kept_gates,
                 old.is_high_value as kept_is_high_value
          from customer_scores old
          where old.store_id = ${storeId} and not exists (select 1 from _rescore r where r.customer_id = old.customer_id)
          union all
          select d.customer_id, coalesce(d.orders, 0), coalesce(d.spend, 0), d.last_order_at, coalesce(d.returns, 0),
                 coalesce(d.refunded, 0), coalesce(d.reviews, 0), coalesce(d.photo_reviews, 0), coalesce(d.positive_reviews, 0),
                 coalesce(d.shares, 0), old.score_tier, old.tier, old.customer_id is not null, false, old.ctid,
                 null::int, null::int, null::float8, null::float8, null::float8, null::float8, null::float8, null::numeric,
                 null::tier, null::text[], null::boolean
          from queued d
          join customers c on c.store_id = ${storeId} and c.id = d.customer_id
          left join customer_scores old on old.store_id = ${storeId} and old.customer_id = d.customer_id
        ) u
        left join flagged f on f.customer_id = u.customer_id
        left join member ms on ms.customer_id = u.customer_id`;
}

/**
 * Whether a row of `fresh` (columns of `g`) may differ from the one stored. A kept row's metrics
 * are its stored ones, and so is everything worked out from them alone (rates, spend, the
 * returns and reputation factors). What else can move is compared here: recency (asOf), the
 * rank factors (other customers), interaction and sharing (the store's signals), score, tiers,
 * gates and the high-value flag (flags, memberships, held tiers). The update then fetches only
 * the rows that may have changed, by ctid, and compares them whole, instead of joining every
 * customer's fresh row with their stored one (a ninth of the statement at 100,000 customers).
 * Queued and new customers' rows always go to that comparison.
 */
function mayHaveChanged(ruleVersion: number): SQL {
  return sql`not g.kept or g.kept_rule_version <> ${ruleVersion} or (
               g.kept_recency_days, ${shown("g.kept_f_frequency")}, ${shown("g.kept_f_monetary")}, ${shown("g.kept_f_recency")},
               g.kept_f_interaction, g.kept_f_sharing, g.kept_score, g.held_tier, g.previous_tier, g.kept_previous_tier,
               g.kept_gates, g.kept_is_high_value)
             is distinct from (
               g.recency_days, ${shown("g.f_frequency")}, ${shown("g.f_monetary")}, ${shown("g.f_recency")},
               g.f_interaction, g.f_sharing, g.score, ${freshScoreTier}, ${freshTier}, g.previous_tier, g.gates,
               ${freshIsHighValue})`;
}

function scoreAllCustomers(storeId: number, runId: number, ruleVersion: number, asOf: Date, rules: ScoringRules, scope: Scope) {
  const asOfText = asOf.toISOString();
  const start = windowStart(asOf, rules);
  const inWindow = (table: EventTable) => {
    const column = sql.raw(EVENT_TIME[table]);
    return sql`${column} <= ${asOfText}::timestamptz and ${column} > ${start}::timestamptz`;
  };
  // A table's rows in the window, aggregated per customer: in one pass over the store's rows for
  // everyone; for a queued customer, from their own index entries (a few among many: no pass at
  // all), as a subquery that `queued` below joins laterally to each of them.
  const perCustomer = (table: EventTable, columns: SQL, where: SQL = sql`true`) => {
    const rows = sql`${sql.raw(table)} where store_id = ${storeId} and ${inWindow(table)} and ${where}`;
    return scope === "everyone"
      ? sql`select customer_id, ${columns} from ${rows} group by customer_id`
      : sql`(select ${columns} from ${rows} and customer_id = d.customer_id)`;
  };
  const w = rules.weights;
  const c = rules.cutoffs;
  const h = rules.hysteresis;
  const num = (n: number) => sql`${String(n)}::float8`;
  // Scores, cutoffs and rates compare as exact decimals, as in the merchant's spreadsheet.
  const dec = (n: number) => sql`${String(n)}::numeric`;
  // width_bucket(score, cutoffArray) is the tier index the cutoffs give (cutoffs at or under the score).
  const cutoffArray = sql`array[${dec(c.silver)}, ${dec(c.gold)}, ${dec(c.diamond)}, ${dec(c.crown)}]`;
  // The index of the highest tier whose cutoff is strictly under `value`.
  const heldWithin = (value: SQL) =>
    sql`((${value}) > ${dec(c.silver)})::int + ((${value}) > ${dec(c.gold)})::int + ((${value}) > ${dec(c.diamond)})::int + ((${value}) > ${dec(c.crown)})::int`;
  const paid = perCustomer("orders", sql`count(*)::int as orders, sum(total)::bigint as spend, max(placed_at) as last_order_at`, sql`status = 'paid'`);
  const ret = perCustomer(
    "returns",
    sql`count(*) filter (where status <> 'rejected')::int as returns,
        coalesce(sum(amount) filter (where status = 'completed'), 0)::bigint as refunded`,
  );
  const rev = perCustomer(
    "reviews",
    sql`count(*)::int as reviews, count(*) filter (where has_photos)::int as photo_reviews,
        count(*) filter (where rating >= 4)::int as positive_reviews`,
  );
  const shr = perCustomer("shares", sql`count(*)::int as shares`);
  // Everyone: four aggregates, each joined to the customers. Queued: one row per queued customer
  // with all four.
  const aggregates =
    scope === "everyone"
      ? sql`paid as (${paid}), ret as (${ret}), rev as (${rev}), shr as (${shr}),`
      : sql`queued as (
          select d.customer_id, p.*, r.*, v.*, s.* from _rescore d
          cross join lateral ${paid} p cross join lateral ${ret} r cross join lateral ${rev} v cross join lateral ${shr} s
        ),`;
  // Each customer's metrics, flag, membership and stored tiers.
  const customerMetrics = scope === "everyone" ? everyonesMetrics(storeId) : queuedAndKeptMetrics(storeId);
  return sql`
    with
    ${aggregates}
    flagged as (
      select distinct customer_id from customer_flags where store_id = ${storeId}
    ),
    -- An active paid membership at asOf lifts the tier in force to at least the plan's tier.
    member as (
      select customer_id, max(array_position(${tierArray}, tier) - 1) as member_index
      from customer_memberships
      where store_id = ${storeId} and starts_at <= ${asOfText}::timestamptz and ends_at > ${asOfText}::timestamptz
        and (cancelled_at is null or cancelled_at > ${asOfText}::timestamptz)
      group by customer_id
    ),
    -- A signal the store has no data for at all in the window is left out for everyone.
    signals as (
      select exists (select 1 from reviews where store_id = ${storeId} and ${inWindow("reviews")}) as has_reviews,
             exists (select 1 from shares where store_id = ${storeId} and ${inWindow("shares")}) as has_shares
    ),
    metrics as (
      select m.*,
             -- date_part, not extract: extract's numeric arithmetic cost 2 % of the statement, and a
             -- float8 holds a year of seconds to the microsecond exactly (whole days divide exactly).
             floor(date_part('epoch', ${asOfText}::timestamptz - m.last_order_at) / 86400)::int as recency_days,
             m.spend - m.refunded as net_spend
      from (${customerMetrics}
      ) m
    ),
    -- percent_rank over the customers with a paid order in the window, from each metric's value
    -- counts: a customer's rank - 1 is the number of customers below their value. Counting and
    -- joining back by value (few distinct orders and recency values) never sorts customer rows.
    orders_rank as (
      select orders, (sum(count(*)) over (order by orders) - count(*))::float8 as below, sum(count(*)) over () as n
      from metrics where orders > 0 group by orders
    ),
    spend_rank as (
      select net_spend, (sum(count(*)) over (order by net_spend) - count(*))::float8 as below
      from metrics where orders > 0 group by net_spend
    ),
    recency_rank as (
      select recency_days, (sum(count(*)) over (order by recency_days) - count(*))::float8 as below
      from metrics where orders > 0 group by recency_days
    ),
    active as (select coalesce(max(n), 0)::float8 as n from orders_rank),
    factored as (
      select m.*,
             case when m.orders > 0 then least(1, m.returns::float8 / m.orders) end as return_rate,
             case when m.orders > 0 then least(1, (m.reviews + m.photo_reviews)::float8 / m.orders) end as interaction_rate,
             case when m.orders > 0 then least(1, m.shares::float8 / m.orders) end as share_rate,
             case when m.reviews > 0 then m.positive_reviews::float8 / m.reviews end as positive_review_rate,
             case when m.orders > 0 then coalesce(ro.below / nullif(a.n - 1, 0), 0) * 100 end as f_frequency,
             case when m.orders > 0 then coalesce(rs.below / nullif(a.n - 1, 0), 0) * 100 end as f_monetary,
             case when m.orders > 0 then (1 - coalesce(rr.below / nullif(a.n - 1, 0), 0)) * 100 end as f_recency,
             case when m.orders > 0 and sg.has_reviews
                  then least(1, (m.reviews + m.photo_reviews)::float8 / m.orders) * 100 end as f_interaction,
             case when m.orders > 0 and sg.has_shares then least(1, m.shares::float8 / m.orders) * 100 end as f_sharing,
             case when m.orders > 0 then (1 - least(1, m.returns::float8 / m.orders)) * 100 end as f_returns,
             case when m.orders > 0 and m.reviews > 0 then m.positive_reviews::float8 / m.reviews * 100 end as f_reputation,
             -- The return-rate gate compares the exact fraction, as the merchant's spreadsheet does.
             m.orders > 0 and least(1, m.returns::numeric / m.orders) > ${dec(rules.gates.maxReturnRate)} as over_return_rate
      from metrics m
      left join orders_rank ro on m.orders > 0 and ro.orders = m.orders
      left join spend_rank rs on m.orders > 0 and rs.net_spend = m.net_spend
      left join recency_rank rr on m.orders > 0 and rr.recency_days = m.recency_days
      cross join signals sg cross join active a
      -- A node of its own (as scored below): flattened into it, every factor the score reads
      -- would be computed again for the score.
      offset 0
    ),
    -- Computed once a row: the tier, the high-value flag and the write below read each row's score
    -- several times, and flattened into fresh, every reading would compute all the factors and the
    -- score again. OFFSET 0 keeps it a subquery of its own without storing its rows, as MATERIALIZED
    -- did (a tenth of the statement's time on the 1M-order store).
    scored as not materialized (
      select f.*,
             case when f.orders > 0 then round((
               (${num(w.frequency)} * f.f_frequency + ${num(w.monetary)} * f.f_monetary + ${num(w.recency)} * f.f_recency
                + ${num(w.interaction)} * coalesce(f.f_interaction, 0) + ${num(w.sharing)} * coalesce(f.f_sharing, 0)
                + ${num(w.returns)} * f.f_returns + ${num(w.reputation)} * coalesce(f.f_reputation, 0))
               / nullif(${num(w.frequency + w.monetary + w.recency + w.returns)}
                 + case when f.f_interaction is null then 0 else ${num(w.interaction)} end
                 + case when f.f_sharing is null then 0 else ${num(w.sharing)} end
                 + case when f.f_reputation is null then 0 else ${num(w.reputation)} end, 0)
             )::numeric, 1) end as score
      from factored f
      offset 0
    ),
    -- Every customer's new row, once: both the update and the insert below read it.
    fresh as materialized (
      select g.customer_id, g.scored_before,
             g.orders, g.spend, case when g.orders > 0 then g.spend::float8 / g.orders end as average_order_value,
             g.last_order_at, g.recency_days, g.returns, g.return_rate, g.refunded, g.net_spend,
             g.reviews, g.photo_reviews, g.positive_reviews, g.interaction_rate, g.shares, g.share_rate,
             g.positive_review_rate, g.orders >= 2 as is_repeat,
             g.f_frequency, g.f_monetary, g.f_recency, g.f_interaction, g.f_sharing, g.f_returns, g.f_reputation,
             g.score, ${freshScoreTier} as score_tier, ${freshTier} as tier,
             g.previous_tier, g.gates,
             ${freshIsHighValue} as is_high_value
             ${scope === "everyone" ? sql`` : sql`, g.old_ctid, ${mayHaveChanged(ruleVersion)} as may_have_changed`}
      from (
        select s.*,
               -- The tier the cutoffs give, or a higher one the customer already held until the
               -- score falls the hysteresis under that tier's cutoff (kept while score + h > cutoff:
               -- at gold's 60 and 5 points, 55.1 keeps gold and 55.0 drops).
               -- (Most customers hold no tier above the cutoffs': the hysteresis is worked out only
               -- for those who do.)
               case when s.score is null then 0
                    when s.held_tier is null or s.held_tier <= (${tierArray})[width_bucket(s.score, ${cutoffArray}) + 1]
                    then width_bucket(s.score, ${cutoffArray})
                    else greatest(
                      width_bucket(s.score, ${cutoffArray}),
                      least(array_position(${tierArray}, s.held_tier) - 1, ${heldWithin(sql`s.score + ${dec(h)}`)}))
               end as tier_index,
               -- An array built only for the few a gate holds back.
               case when s.over_return_rate or (${rules.gates.complianceFlags}::boolean and s.has_flag) then array_remove(array[
                 case when s.over_return_rate then 'return_rate' end,
                 case when ${rules.gates.complianceFlags}::boolean and s.has_flag then 'compliance_flag' end
               ], null) else '{}'::text[] end as gates
        from scored s
        offset 0 -- tier_index is read four times
      ) g
    ),
    -- Only rows with a changed value are written (run_id, rule_version and as_of then name the
    -- run that last changed the row). An unchanged row is not even locked, as an upsert would
    -- lock it: after the first computation most rows stay as they are and cost no write.
    -- The three rank factors count as changed when they move at one decimal or at two: each is
    -- a share of all active customers, so one customer more or less in the window moves every
    -- customer's by a few thousandths, and compared exactly every such run rewrote all 100,000
    -- rows (then vacuumed them) for no figure anyone sees. A row kept is its own run's, whole: its
    -- factors add up to its score, show as the latest run's would, and differ from them by less
    -- than 0.01. New rules rewrite every row.
    updated as (
      update customer_scores cs set
        run_id = ${runId}, rule_version = ${ruleVersion}, as_of = ${asOfText}::timestamptz,
        orders = f.orders, spend = f.spend, average_order_value = f.average_order_value,
        last_order_at = f.last_order_at, recency_days = f.recency_days, returns = f.returns,
        return_rate = f.return_rate, refunded = f.refunded, net_spend = f.net_spend,
        reviews = f.reviews, photo_reviews = f.photo_reviews, positive_reviews = f.positive_reviews,
        interaction_rate = f.interaction_rate, shares = f.shares, share_rate = f.share_rate,
        positive_review_rate = f.positive_review_rate, is_repeat = f.is_repeat,
        f_frequency = f.f_frequency, f_monetary = f.f_monetary, f_recency = f.f_recency,
        f_interaction = f.f_interaction, f_sharing = f.f_sharing, f_returns = f.f_returns,
        f_reputation = f.f_reputation, score = f.score, score_tier = f.score_tier, tier = f.tier,
        previous_tier = f.previous_tier, gates = f.gates, is_high_value = f.is_high_value
      from fresh f
      where ${
        scope === "everyone"
          ? sql`cs.store_id = ${storeId} and cs.customer_id = f.customer_id`
          : sql`cs.store_id = ${storeId} and cs.ctid = any(array(select old_ctid from fresh where scored_before and may_have_changed))
            and cs.ctid = f.old_ctid and f.may_have_changed`
      } and f.scored_before
        and (cs.rule_version <> ${ruleVersion} or (cs.orders, cs.spend, cs.average_order_value, cs.last_order_at, cs.recency_days,
             cs.returns, cs.return_rate, cs.refunded, cs.net_spend, cs.reviews, cs.photo_reviews,
             cs.positive_reviews, cs.interaction_rate, cs.shares, cs.share_rate,
             cs.positive_review_rate, cs.is_repeat, ${shown("cs.f_frequency")}, ${shown("cs.f_monetary")}, ${shown("cs.f_recency")},
             cs.f_interaction, cs.f_sharing, cs.f_returns, cs.f_reputation, cs.score, cs.score_tier,
             cs.tier, cs.previous_tier, cs.gates, cs.is_high_value)
        is distinct from (f.orders, f.spend, f.average_order_value, f.last_order_at, f.recency_days, f.returns,
             f.return_rate, f.refunded, f.net_spend, f.reviews, f.photo_reviews, f.positive_reviews,
             f.interaction_rate, f.shares, f.share_rate, f.positive_review_rate, f.is_repeat,
             ${shown("f.f_frequency")}, ${shown("f.f_monetary")}, ${shown("f.f_recency")}, f.f_interaction, f.f_sharing, f.f_returns,
             f.f_reputation, f.score, f.score_tier, f.tier, f.previous_tier, f.gates, f.is_high_value))
      returning cs.customer_id, cs.previous_tier, cs.tier, cs.score
    ),
    inserted as (
      insert into customer_scores (store_id, customer_id, run_id, rule_version, as_of,
        orders, spend, average_order_value, last_order_at, recency_days, returns, return_rate,
        refunded, net_spend, reviews, photo_reviews, positive_reviews, interaction_rate, shares,
        share_rate, positive_review_rate, is_repeat, f_frequency, f_monetary, f_recency, f_interaction,
        f_sharing, f_returns, f_reputation, score, score_tier, tier, previous_tier, gates,
        is_high_value)
      select ${storeId}, f.customer_id, ${runId}, ${ruleVersion}, ${asOfText}::timestamptz,
             f.orders, f.spend, f.average_order_value, f.last_order_at, f.recency_days, f.returns,
             f.return_rate, f.refunded, f.net_spend, f.reviews, f.photo_reviews, f.positive_reviews,
             f.interaction_rate, f.shares, f.share_rate, f.positive_review_rate, f.is_repeat,
             f.f_frequency, f.f_monetary, f.f_recency, f.f_interaction, f.f_sharing, f.f_returns,
             f.f_reputation, f.score, f.score_tier, f.tier, f.previous_tier, f.gates, f.is_high_value
      from fresh f
      where not f.scored_before
      returning customer_id, previous_tier, tier, score
    ),
    written as (select * from updated union all select * from inserted),
    -- Only the rows written can have changed tier.
    moved as (
      insert into tier_changes (store_id, customer_id, run_id, from_tier, to_tier, score, as_of)
      select ${storeId}, customer_id, ${runId}, previous_tier, tier, score, ${asOfText}::timestamptz
      from written
      where previous_tier is distinct from tier and not (previous_tier is null and tier = 'ordinary')
    )
    -- The run's totals from the rows just computed: the same as counting customer_scores after
    -- the write (every customer of the store has one row), without reading the table again.
    -- The net spend shares are taken of is the buyers' (BUYERS_SPEND).
    select count(*)::int as customers,
           count(*) filter (where score is not null)::int as scored,
           count(*) filter (where is_repeat)::int as repeat_customers,
           count(*) filter (where is_high_value)::int as high_value,
           coalesce(sum(${BUYERS_SPEND}), 0)::bigint as net_spend,
           coalesce(sum(${BUYERS_SPEND}) filter (where is_high_value), 0)::bigint as high_value_net_spend
    from fresh`;
}
