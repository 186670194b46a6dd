import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { minorUnitDigits } from "@/lib/money";
import { findPointsRules } from "./rules";

export interface SettleResult {
  earned: number;
  reversed: number;
  expired: number;
}

/**
 * Brings the points ledger up to date with the store's orders and returns, set-based in SQL;
 * run by the recompute after the scores (every ingest batch, import and rescore), so it can be
 * run any number of times: each order earns exactly once (a unique index per order), a
 * cancelled order or a completed return is reversed once, and what is left of points past
 * their expiry expires once. Reversals never take a balance below zero (capped at it), and the
 * customers touched are locked as redemptions lock them, so neither overspends the other.
 *
 * Earning uses the tier in force after this recompute (membership included) for the multiplier.
 * Expiry: see expiryLedger.
 */
export async function settlePoints(tx: DbOrTx, storeId: number, now: Date): Promise<SettleResult> {
  const rules = await findPointsRules(tx, storeId);
  if (!rules || !rules.enabled) return { earned: 0, reversed: 0, expired: 0 };
  const { rows: storeRows } = await tx.execute<{ currency: string }>(sql`select currency from stores where id = ${storeId}`);
  const unit = 10 ** minorUnitDigits(storeRows[0]!.currency);
  const multipliers = JSON.stringify(rules.tierMultipliers);
  const months = rules.expiryMonths;
  const expiresAt = (from: ReturnType<typeof sql>) =>
    months > 0 ? sql`${from} + make_interval(months => ${months})` : sql`null::timestamptz`;
  // floor(minor / unit × rate × multiplier of the customer's tier)
  const pointsFor = (amount: ReturnType<typeof sql>, tier: ReturnType<typeof sql>) =>
    sql`floor(${amount}::numeric * ${rules.earnRate}::numeric
      * coalesce((${multipliers}::jsonb ->> coalesce(${tier}::text, 'ordinary'))::numeric, 1) / ${unit})::bigint`;

  const earned = await tx.execute(sql`
    insert into points_entries (store_id, customer_id, kind, points, occurred_at, expires_at, order_id)
    select o.store_id, o.customer_id, 'earn', e.points, o.placed_at, ${expiresAt(sql`o.placed_at`)}, o.id
    from orders o
    left join customer_scores cs on cs.store_id = o.store_id and cs.customer_id = o.customer_id
    cross join lateral (select ${pointsFor(sql`o.total`, sql`cs.tier`)} as points) e
    where o.store_id = ${storeId} and o.status = 'paid'
      and o.placed_at >= ${rules.earnFrom} and o.placed_at <= ${now}
      and e.points > 0
      and not exists (select 1 from points_entries p
                      where p.store_id = o.store_id and p.order_id = o.id and p.kind = 'earn')
    on conflict do nothing`);

  // Lock every customer a debit below may touch, in id order, before reading their balances.
  const cancelledEarnings = sql`
    select e.customer_id, e.order_id, e.points, e.expires_at
    from points_entries e
    join orders o on o.store_id = e.store_id and o.id = e.order_id
    where e.store_id = ${storeId} and e.kind = 'earn' and o.status = 'cancelled'
      and not exists (select 1 from points_entries r where r.store_id = e.store_id and r.order_id = e.order_id
                      and r.kind = 'reversal' and r.return_id is null)`;
  const unreversedReturns = sql`
    select r.id, r.customer_id, r.order_id, r.amount, o.total, e.points as earned, e.expires_at, cs.tier
    from returns r
    left join orders o on o.store_id = r.store_id and o.id = r.order_id
    left join points_entries e on e.store_id = r.store_id and e.order_id = r.order_id and e.kind = 'earn'
    left join customer_scores cs on cs.store_id = r.store_id and cs.customer_id = r.customer_id
    where r.store_id = ${storeId} and r.status = 'completed' and r.amount > 0
      and (e.points is not null or (r.order_id is null and r.requested_at >= ${rules.earnFrom} and r.requested_at <= ${now}))
      and not exists (select 1 from points_entries x where x.store_id = r.store_id and x.return_id = r.id and x.kind = 'reversal')`;
  const ledger = expiryLedger(storeId, now);
  await tx.execute(sql`
    select c.id from customers c
    where c.store_id = ${storeId} and c.id in (
      select customer_id from (${cancelledEarnings}) a
      union select customer_id from (${unreversedReturns}) b
      union select customer_id from (${ledger}) l where past_expiry > debits)
    order by c.id
    for no key update`);

  const balances = sql`
    select customer_id, sum(points) as balance from points_entries
    where store_id = ${storeId} group by customer_id`;
  // A cancelled order gives back what it earned, up to the balance left. Points past their
  // expiry are no longer there to give back (spent or expired, first in first out): such a
  // reversal takes nothing, where it took the customer's other, live points.
  const lapsed = (points: string, expiresAt: string) =>
    sql`case when ${sql.raw(expiresAt)} <= ${now.toISOString()}::timestamptz then 0 else ${sql.raw(points)} end`;
  const cancelled = await tx.execute(sql`
    with wanted as (
      select w.customer_id, w.order_id, w.expires_at, ${lapsed("w.points", "w.expires_at")} as points, b.balance,
             sum(${lapsed("w.points", "w.expires_at")}) over (partition by w.customer_id order by w.order_id) as running
      from (${cancelledEarnings}) w
      join (${balances}) b using (customer_id)
    )
    insert into points_entries (store_id, customer_id, kind, points, occurred_at, expires_at, order_id)
    select ${storeId}, customer_id, 'reversal', -least(points, greatest(0, balance - (running - points))), ${now}, expires_at, order_id
    from wanted
    on conflict do nothing`);

  // A completed return gives back the points its order earned in proportion to the amount
  // (never more than the order earned in all); one with no order, points at today's rates.
  const returned = await tx.execute(sql`
    with proposed as (
      select r.id, r.customer_id, r.order_id, r.expires_at,
             case when r.earned is not null
                  then least(r.earned, round(r.earned::numeric * r.amount / nullif(r.total, 0)))::bigint
                  else ${pointsFor(sql`r.amount`, sql`r.tier`)} end as points,
             r.earned - coalesce((select -sum(x.points) from points_entries x
                                  where x.store_id = ${storeId} and x.order_id = r.order_id and x.kind = 'reversal'), 0) as order_left
      from (${unreversedReturns}) r
    ),
    per_order as (
      select p.*, case when p.order_id is null then p.points
                       else ${lapsed(`least(p.points, greatest(0, p.order_left
                         - (sum(p.points) over (partition by p.order_id order by p.id) - p.points)))`, "p.expires_at")} end as want
      from proposed p
    ),
    wanted as (
      select o.*, coalesce(b.balance, 0) as balance,
             sum(o.want) over (partition by o.customer_id order by o.id) as running
      from per_order o
      left join (${balances}) b using (customer_id)
    )
    insert into points_entries (store_id, customer_id, kind, points, occurred_at, expires_at, order_id, return_id)
    select ${storeId}, customer_id, 'reversal', -least(want, greatest(0, balance - (running - want))), ${now}, expires_at, order_id, id
    from wanted
    on conflict do nothing`);

  const expired = await expirePoints(tx, storeId, now);

  return { earned: earned.rowCount ?? 0, reversed: (cancelled.rowCount ?? 0) + (returned.rowCount ?? 0), expired };
}

/**
 * Per customer (or for one), the points past their expiry at `now` and the debits that count
 * against them; what expires is the difference, when positive. First in, first out: a
 * redemption, a negative adjustment, an expiry or a reversal of a return without an order
 * counts against the oldest points first. A reversal of an order's points (cancelled, returned)
 * counts against that order's points alone, carrying their expiry: counted against the oldest, a
 * later order's cancellation kept points that were due to expire alive until the later order's
 * expiry. One pass over the store's entries, no join: joined to their orders' earnings, the
 * reversals got a plan from stale statistics that took a recompute from 3 to 15 s.
 */
export function expiryLedger(storeId: number, now: Date, customerId?: number) {
  const one = customerId === undefined ? sql`` : sql`and customer_id = ${customerId}`;
  return sql`
    select customer_id, sum(points) as balance,
           coalesce(sum(points) filter (where expires_at <= ${now}), 0) as past_expiry,
           -coalesce(sum(points) filter (where points < 0 and not (kind = 'reversal' and order_id is not null)), 0) as debits
    from points_entries
    where store_id = ${storeId} ${one}
    group by customer_id`;
}

/**
 * A row of expiryLedger's: the points the customer can use, the ledger's sum less what is past
 * its expiry and not yet written off (the recompute and every debit write expiries; until then
 * such points count as gone).
 */
export const AVAILABLE = sql.raw("balance - greatest(0, past_expiry - debits)");

/**
 * Writes the expiry of what is left of points past their expiry at `now`; returns how many
 * customers' points expired. Run by the recompute for the store and by every debit for its
 * customer (under the customer's lock), so points past their expiry are never spent.
 */
export async function expirePoints(tx: DbOrTx, storeId: number, now: Date, customerId?: number): Promise<number> {
  const expired = await tx.execute(sql`
    insert into points_entries (store_id, customer_id, kind, points, occurred_at)
    select ${storeId}, customer_id, 'expiry', -(past_expiry - debits)::bigint, ${now}
    from (${expiryLedger(storeId, now, customerId)}) l
    where past_expiry > debits`);
  return expired.rowCount ?? 0;
}
