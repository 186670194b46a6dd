import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { minorUnitDigits } from "@/lib/money";
import { findPointsRules, pointsExpiry, type PointsRulesView } from "./rules";

/** The rules a settlement works with, and the store's time zone, whose calendar expiries run on. */
type SettleRules = PointsRulesView & { timeZone: string };

export interface SettleResult {
  earned: number;
  reversed: number;
  /** Restores and amount changes. */
  corrected: number;
  /** Orders and returns whose points moved to the customer they are now of. */
  moved: number;
  expired: number;
}

/**
 * What changed since the last settlement, for a settlement of some customers alone: the
 * customers (an array expression) whose orders or returns were written since, or whose order or
 * return reached its time (an order placed ahead of the clock), and when the rules the last one
 * went by were saved. Their customers' orders and returns are all whose dues can have moved, as
 * long as the rules are the same: a due depends on the order's (the return's) own rows, its
 * entries, and the rules of its first earning.
 */
export interface ChangedSince {
  customers: SQL;
  rulesAt: Date | null;
}

/**
 * Brings the points ledger up to date with the store's orders and returns, set-based in SQL;
 * run by the recompute after the scores (every ingest batch, import and rescore). The ledger
 * follows each order's and each return's current status and amount, and stays append-only:
 * what a settlement finds changed it answers with one more entry (pointsChanges), so running it
 * again writes nothing. What is left of points past their expiry expires once. With points
 * switched off for the store no order earns (nor does a return without an order take points at
 * today's rates), but what is in the ledger is settled all the same: a cancellation or a return
 * still takes back what its order earned, so switching off never lets a customer keep them.
 *
 * Taking points back never takes a balance below zero: a reversal is capped at what the customer
 * has available (the balance less points past their expiry, as pointsBalance counts it) and
 * takes nothing of an order's points past their expiry, gone already. What it could not take is
 * not asked for again, and when the change is undone (the order paid again, the return
 * rejected) only what was taken is given back. So a customer keeps points redeemed in good
 * faith, and never gains by a status that went back and forth. The customers touched are locked
 * as redemptions lock them, so neither overspends the other.
 *
 * Expiry: every entry of an order (its earning, reversals, restores, amount changes, moves, its
 * returns' entries) carries the expiry of the order's earning, so points given back after that
 * date expire at once (in the same settlement): an order paid again after its points' expiry
 * never brings back points that expiry took, and one whose points expired while it was
 * cancelled gets nothing back (its reversal took nothing).
 *
 * An order upserted again with another customer is now that customer's (merchants correct a
 * wrong customer id so): movePoints first moves its points (and its returns') to them, and every
 * correction after that is reckoned on the entries of the customer the order is now of.
 */
export async function settlePoints(db: DbOrTx, storeId: number, now: Date, changed?: ChangedSince): Promise<SettleResult> {
  // In a transaction of its own (a savepoint in the recompute's), for its locks and its
  // temporary table when called on its own.
  return db.transaction((tx) => settle(tx, storeId, now, changed));
}

async function settle(tx: DbOrTx, storeId: number, now: Date, changed?: ChangedSince): Promise<SettleResult> {
  const found = await findPointsRules(tx, storeId);
  const nothing = { earned: 0, reversed: 0, corrected: 0, moved: 0, expired: 0 };
  if (!found) return nothing;
  // Switched off with an empty ledger there is nothing to settle: skip the pass over the orders.
  if (!found.enabled) {
    const { rows } = await tx.execute(sql`select 1 from points_entries where store_id = ${storeId} limit 1`);
    if (rows.length === 0) return nothing;
  }
  // JIT off for this transaction, as the recompute (which runs this) has it: compiling the pass
  // over the store's orders took PostgreSQL twice as long as running it (1.0 of 1.6 s at 100,000).
  const { rows: storeRows } = await tx.execute<{ currency: string; timezone: string }>(
    sql`select currency, timezone, set_config('jit', 'off', true) from stores where id = ${storeId}`,
  );
  const unit = 10 ** minorUnitDigits(storeRows[0]!.currency);
  const rules: SettleRules = { ...found, timeZone: storeRows[0]!.timezone };
  const insert = (changes: SQL, which: SQL, points: SQL, extra = sql``) => sql`
    with changes as (${changes}) ${extra},
    written as (
      insert into points_entries (store_id, customer_id, kind, points, occurred_at, expires_at, order_id, return_id, due, basis)
      select ${storeId}, customer_id, kind::points_entry_kind, ${points}, occurred_at, expires_at, order_id, return_id, due, basis
      from ${which}
      order by customer_id, order_id nulls last, return_id nulls first
      on conflict do nothing
      returning kind
    )
    select count(*) filter (where kind = 'earn')::int as earned,
           count(*) filter (where kind = 'reversal')::int as reversed,
           count(*) filter (where kind in ('restore', 'amount_change'))::int as corrected`;
  type Written = Omit<SettleResult, "expired" | "moved">;

  // Under the rules the last settlement went by, only the changed customers' orders and returns
  // can be due anything new: the passes below read them (and the entries of their moved orders)
  // instead of every order and entry of the store, 9 s at a million orders.
  const some = changed && changed.rulesAt?.getTime() === found.updatedAt.getTime() ? await changedCustomers(tx, storeId, changed.customers) : undefined;
  const moves = await movePoints(tx, storeId, now, rules, unit, some);
  const holders = some ? joinIds(some.movers, moves.holders) : moves.holders;

  // One pass over the store (or the changed customers): what adds points (or none) needs no lock
  // and is written at once; what is owed back comes out of it into _points_owed, for the lock of
  // its customers and the pass that caps and writes it. That pass worked the owing customers'
  // changes out again before: planned on the statistics of a much bigger store in the same
  // database (their orders taken for a few rows, nested loops over the working sets), it took a
  // small store's first settlement (30,000 entries) 83 s. The rows are those it would find: the
  // entries written in between (gains) change no due of an order or a return owed back.
  await tx.execute(sql`drop table if exists pg_temp._points_owed`);
  await tx.execute(sql`
    create temp table _points_owed (
      customer_id bigint, order_id bigint, return_id bigint, kind text, due numeric, granted numeric,
      expires_at timestamptz, basis numeric, occurred_at timestamptz
    ) on commit drop`);
  const changes = some ? pointsChanges(storeId, now, rules, unit, some.customers, sql`(${some.customers} || ${holders ?? "{}"}::bigint[])`) : pointsChanges(storeId, now, rules, unit);
  const { rows: gainRows } = await tx.execute<Written & { owing: string | null }>(sql`
    ${insert(
      changes,
      sql`(select * from changes where due >= granted) c`,
      sql`due - granted`,
      sql`,
      owed as (
        insert into _points_owed (customer_id, order_id, return_id, kind, due, granted, expires_at, basis, occurred_at)
        select customer_id, order_id, return_id, kind, due, granted, expires_at, basis, occurred_at
        from changes where due < granted
        returning customer_id
      )`,
    )},
           (select array_agg(distinct customer_id)::text from owed) as owing
    from written`);
  const gains = gainRows[0]!;
  // Planned with the statistics of before, when a store's first settlement (after an import)
  // had just written its earnings, the pass below took 11 minutes at 100,000 orders (nested
  // loops over what the planner took for a few rows); analyzed (in this transaction, which
  // ANALYZE allows and whose rows it counts), under a second.
  if (gains.earned + gains.reversed + gains.corrected >= 10_000 && gains.owing) await tx.execute(sql`analyze points_entries`);

  // Lock every customer a debit below may touch, in id order, before reading their balances.
  const owing = sql`${gains.owing ?? "{}"}::bigint[]`;
  await tx.execute(sql`
    select c.id from customers c
    where c.store_id = ${storeId} and (c.id = any(${owing})
      or c.id in (select customer_id from (${expiryLedger(storeId, now, mayHaveExpired(storeId, now))}) l where past_expiry > debits))
    order by c.id
    for no key update`);

  // Taken back, what the pass above found owed: at most what the customer has available
  // (cumulatively, in the order written; read under the lock, with the gains written above),
  // nothing of an order's points past their expiry.
  let taken: Written = { earned: 0, reversed: 0, corrected: 0 };
  if (gains.owing) {
    const { rows } = await tx.execute<Written>(sql`
      ${insert(
        sql`select * from _points_owed`,
        sql`capped`,
        sql`-least(owed, greatest(0, available - (running - owed)))`,
        sql`,
        owed as (
          select c.*, case when c.expires_at <= ${now} then 0 else c.granted - c.due end as owed
          from changes c where c.due < c.granted
        ),
        capped as (
          select o.*, coalesce(a.available, 0) as available,
                 sum(o.owed) over (partition by o.customer_id order by o.order_id nulls last, o.return_id nulls first) as running
          from owed o
          left join (select customer_id, ${AVAILABLE} as available from (${expiryLedger(storeId, now, owing)}) l) a using (customer_id)
        )`,
      )}
      from written`);
    taken = rows[0]!;
  }

  const expired = await expirePoints(tx, storeId, now);
  return {
    earned: gains.earned + taken.earned,
    reversed: gains.reversed + taken.reversed,
    corrected: gains.corrected + taken.corrected,
    moved: moves.moved,
    expired,
  };
}

/** The condition of points_entries_moves_idx (db/schema/pricing.ts), for a query to use it. */
const MOVES_AND_CORRECTIONS = sql.raw("kind not in ('earn', 'reversal', 'redeem', 'expiry', 'adjustment')");

/** Two id lists as Postgres array texts ('{1,2}'), together; null when both are. */
function joinIds(a: string | null, b: string | null): string | null {
  const ids = [a, b].flatMap((list) => (list && list !== "{}" ? [list.slice(1, -1)] : []));
  return ids.length > 0 ? `{${ids.join(",")}}` : null;
}

/**
 * The customers a settlement of `customers` goes over: them, and the customer each of their
 * returns' orders is now of (a return's points are its order's, and a return written under its
 * own customer queues that one); with every customer who holds move entries (`movers`), whose
 * entries of orders moved away from them the passes read too.
 */
async function changedCustomers(tx: DbOrTx, storeId: number, customers: SQL): Promise<{ customers: SQL; movers: string | null }> {
  const { rows } = await tx.execute<{ customers: string; movers: string | null }>(sql`
    with changed as (select unnest(${customers})::bigint as customer_id)
    select array(
             select customer_id from changed
             union
             select ro.customer_id from returns r
             join orders ro on ro.store_id = r.store_id and ro.id = r.order_id
             where r.store_id = ${storeId} and r.customer_id in (select customer_id from changed)
           )::text as customers,
           (select array_agg(distinct customer_id)::text from points_entries
            where store_id = ${storeId} and ${MOVES_AND_CORRECTIONS} and kind in ('move_out', 'move_in')) as movers`);
  return { customers: sql`${rows[0]!.customers}::bigint[]`, movers: rows[0]!.movers };
}

/**
 * Moves the points of every order (and return) now of another customer than the one whose
 * entries hold them: an order upserted again with another customerExternalId, a return whose
 * order did so (a return's points are its order's, so they follow the order; a return without
 * an order follows its own customer). Two entries, written together and never again (the old
 * customer's last entry of it is then the move_out): move_out takes what the old customer holds
 * of it off them, at most their own latest due for it, and move_in gives the customer it is now
 * of what its entries are due (the due of the latest entry's customer). Entries from before
 * migration 0035 carry no due, and are reckoned as pointsChanges deems them settled: a reversal
 * of an order still cancelled to what its returns took (nothing more of a capped one), anything
 * else to what they add up to. Before 0037 a correction went to the order's customer alone, so
 * each customer's own due counts: the old one's, not a later one's of the same order. Both carry the order's
 * expiry, so points past it move as gone: taken from no one, and expired again at once for the
 * customer given them (in this settlement).
 *
 * What moves, when the old customer can no longer give it all back (they redeemed it): the
 * move_out is a debit like a reversal, capped at what they have available (counting what this
 * settlement gives them: its moves, as a return's points coming back with its order, and the
 * pass after the moves, as a new order's earning; a reversal counts those, and the order of
 * the steps must not decide what the merchant loses), so their balance never goes below zero, and what it could not take is not asked for again. The new
 * customer gets the order's points in full all the same: the order is theirs and earned them, and
 * the points the old customer spent in good faith on the merchant's wrong customer id are the
 * merchant's loss, as a cancellation capped at the balance is. A reversal the old customer could
 * not pay in full (the order cancelled after they spent its points) is not asked for by the move
 * either: it takes at most what the order is due (nothing of a cancelled order's). An order moved
 * back counts what its customer kept of it (spent, so not taken) toward what they are due again,
 * so it never earns twice. Likewise a completed return's reversal: the old customer gets back
 * what it took (a gain, never capped), and the new customer's move_in takes the return's share,
 * capped at their balance like the reversal it stands for.
 *
 * Found cheaply in one pass over the store's entries: an order's (a return's) latest entry is
 * under the customer it is now of, unless it moved since (a move writes the move_in last), or its
 * entries were written under more than one customer before moves were (then it moves once).
 *
 * Returns how many orders and returns moved, and every customer who holds move entries (the
 * entries of a moved order are read from all of them).
 */
async function movePoints(
  tx: DbOrTx,
  storeId: number,
  now: Date,
  rules: SettleRules,
  unit: number,
  some?: { customers: SQL; movers: string | null },
): Promise<{ moved: number; holders: string | null }> {
  // Of some customers: an order that moved since the last settlement was written with its new
  // customer, and both were queued; its entries are with the old one (or with movers).
  const whose = some ? sql`and customer_id = any(${some.customers} || ${some.movers ?? "{}"}::bigint[])` : sql``;
  const { rows: found } = await tx.execute<{ orders: string | null; returns: string | null; holders: string | null }>(sql`
    with grouped as (
      select return_id, case when return_id is null then order_id end as order_id,
             (max(array[id, customer_id]))[2] as last_holder, min(customer_id) as lo, max(customer_id) as hi,
             array_agg(customer_id) filter (where kind in ('move_out', 'move_in')) as movers
      from points_entries
      where store_id = ${storeId} and (order_id is not null or return_id is not null) ${whose}
      group by return_id, case when return_id is null then order_id end
    ),
    pending as (
      select g.order_id, g.return_id from grouped g
      left join orders o on o.store_id = ${storeId} and o.id = g.order_id
      left join returns r on r.store_id = ${storeId} and r.id = g.return_id
      left join orders ro on ro.store_id = ${storeId} and ro.id = r.order_id
      cross join lateral (select coalesce(ro.customer_id, r.customer_id, o.customer_id) as owner) w
      where g.last_holder <> w.owner or (g.movers is null and (g.lo <> w.owner or g.hi <> w.owner))
    )
    select (select array_agg(order_id)::text from pending where return_id is null) as orders,
           (select array_agg(return_id)::text from pending where return_id is not null) as returns,
           (select array_agg(distinct c)::text from grouped, unnest(movers) c where movers is not null) as holders`);
  const { orders, returns, holders } = found[0]!;
  if (!orders && !returns) return { moved: 0, holders };
  const pending = { orders: sql`${orders ?? "{}"}::bigint[]`, returns: sql`${returns ?? "{}"}::bigint[]` };
  const { rows: lockedRows } = await tx.execute<{ locked: string | null }>(sql`
    ${pointsMoves(storeId, pending)},
    locked as (
      select c.id from customers c
      where c.store_id = ${storeId} and c.id in (select customer_id from moves)
      order by c.id
      for no key update
    )
    select array_agg(id)::text as locked from locked`);
  const locked = lockedRows[0]!.locked;
  if (!locked) return { moved: 0, holders };
  const customers = sql`${locked}::bigint[]`;
  // Only a customer whose moves take more than they have needs what the pass after the moves
  // gives them (read for all of them, it took a settlement of 2,000 moves from 0.6 to 2 s).
  const short = sql`(select coalesce(array_agg(customer_id), '{}') from short)::bigint[]`;
  const entriesOf = holders ? sql`(${short} || ${holders}::bigint[])` : short;
  const { rows } = await tx.execute<{ moved: number }>(sql`
    ${pointsMoves(storeId, pending, customers)},
    owing as (
      select m.*, coalesce(a.available, 0) + coalesce(g.gained, 0) as available_before
      from (select m.*, case when m.amount >= 0 or m.expires_at <= ${now} then 0 else -m.amount end as owed from moves m) m
      left join (select customer_id, ${AVAILABLE} as available from (${expiryLedger(storeId, now, customers)}) l) a using (customer_id)
      left join (
        select customer_id, sum(amount) as gained from moves
        where amount > 0 and (expires_at is null or expires_at > ${now}) group by customer_id
      ) g using (customer_id)
    ),
    short as (select customer_id from owing group by customer_id having sum(owed) > max(available_before)),
    capped as (
      select o.*, o.available_before + coalesce(s.gaining, 0) as available,
             sum(o.owed) over (partition by o.customer_id order by o.order_id nulls last, o.return_id nulls first) as running
      from owing o
      -- What this settlement's pass after the moves gives them of their other orders and returns.
      left join (
        select customer_id, sum(due - granted) as gaining
        from (${pointsChanges(storeId, now, rules, unit, short, entriesOf)}) c
        where due > granted and (expires_at is null or expires_at > ${now})
          and not (return_id is null and order_id = any(${pending.orders})) and not (return_id = any(${pending.returns}))
          -- Gates the pass: with no one short it is not run at all.
          and exists (select 1 from short)
        group by customer_id
      ) s using (customer_id)
    ),
    written as (
      insert into points_entries (store_id, customer_id, kind, points, occurred_at, expires_at, order_id, return_id, due)
      select ${storeId}, customer_id, kind::points_entry_kind,
             case when amount >= 0 then amount else -least(owed, greatest(0, available - (running - owed))) end,
             ${now}, expires_at, order_id, return_id, due
      from capped
      -- Every move_in after every move_out: an order's latest entry is then its customer's.
      order by kind = 'move_in', customer_id, order_id nulls last, return_id nulls first
      returning kind
    )
    select count(*) filter (where kind = 'move_in')::int as moved from written`);
  // Those just moved hold move entries now too.
  return { moved: rows[0]!.moved, holders: joinIds(holders, locked) };
}

/**
 * The move entries due (movePoints) of the `pending` orders and returns, one row each:
 * customer_id, kind (move_out, move_in), amount (the points wanted, before a debit's cap), due,
 * expires_at, order_id, return_id. With `customers`, only moves between them.
 */
function pointsMoves(storeId: number, pending: { orders: SQL; returns: SQL }, customers?: SQL) {
  return sql`
    with held as (
      select return_id, case when return_id is null then order_id end as order_key, max(order_id) as order_id, customer_id,
             sum(points) as held,
             max(id) as last_id,
             max(id) filter (where kind = 'move_out') as last_out,
             (max(array[id, due]))[2] as last_due,
             count(*) filter (where kind = 'reversal') > count(*) filter (where kind = 'restore') as reversed,
             max(expires_at) as expires_at
      from points_entries
      where store_id = ${storeId} and (return_id = any(${pending.returns}) or (return_id is null and order_id = any(${pending.orders})))
      group by return_id, case when return_id is null then order_id end, customer_id
    ),
    owned as (
      select h.*, coalesce(ro.customer_id, r.customer_id, o.customer_id) as owner,
             coalesce(h.last_due, case
               when h.return_id is null and h.reversed and o.status <> 'paid'
                 then -coalesce(sum(h.held) filter (where h.return_id is not null) over (partition by h.order_id, h.customer_id), 0)
               else h.held end) as own_due
      from held h
      left join orders o on o.store_id = ${storeId} and o.id = h.order_key
      left join returns r on r.store_id = ${storeId} and r.id = h.return_id
      left join orders ro on ro.store_id = ${storeId} and ro.id = r.order_id
    ),
    groups as (
      select coalesce(order_key, 0) as order_key, coalesce(return_id, 0) as return_key, owner,
             max(order_id) as order_id, max(return_id) as return_id,
             (max(array[last_id, own_due]))[2] as due,
             max(expires_at) as expires_at,
             coalesce(sum(held) filter (where customer_id = owner), 0) as owner_held
      from owned
      group by 1, 2, 3
      having bool_or(customer_id <> owner and last_out is distinct from last_id)
         ${customers ? sql`and owner = any(${customers})` : sql``}
    ),
    moves as (
      select o.customer_id, 'move_out' as kind, -least(o.held, greatest(o.own_due, 0)) as amount,
             g.due, g.expires_at, g.order_id, g.return_id
      from groups g
      join owned o on coalesce(o.order_key, 0) = g.order_key and coalesce(o.return_id, 0) = g.return_key
      where o.customer_id <> g.owner and o.last_out is distinct from o.last_id
      union all
      select owner, 'move_in',
             case when due >= 0 then greatest(0, due - owner_held) else least(0, due - owner_held) end,
             due, expires_at, order_id, return_id
      from groups
    )`;
}

/**
 * The most points one order earns or one return takes back. The rules allow up to 10,000 points
 * a currency unit and a multiplier of 100, so an order at the money caps (500 lines of
 * MAX_MONEY_MINOR, in a currency without minor units) was worth 5 × 10^18 points, and a
 * customer's two of them overflowed the bigint that the expiry of their points is written in,
 * failing the recompute. At 10^15 a customer needs over 9,000 such entries for that.
 */
const MAX_POINTS_PER_ENTRY = 1e15;

/**
 * The orders and returns whose ledger entries no longer add up to what they are due, one row
 * each: customer_id, order_id, return_id, the kind of entry to write, due (what the entries
 * should add up to), granted (what they add up to), expires_at, basis, occurred_at.
 *
 * Due: a paid order its points, at the rate its first earning fixed (points / basis, so neither
 * the tier it has since reached nor new rules move it): the first earning takes today's rules
 * and the customer's tier, and only for an order placed since the programme started. A
 * completed return of a paid order takes back its share of them (in proportion to the amount,
 * its order's returns never more than the order's points in all); one without an order at the
 * rate its first reversal fixed. A cancelled order is due nothing: its own entries give back what
 * its returns had not taken already, and its returns' entries stay as they are meanwhile.
 *
 * Each entry records what was due when it was written (due), and only a change of that writes
 * again, so a capped reversal is not retried. Entries from before (migration 0035) carry no due:
 * a reversal that still matches the status (of a cancelled order, of a completed return) is
 * deemed settled to today's due, as what a capped one could not take is unknown and not asked
 * for again; anything else to what the entries add up to. So an earning of a paid order is
 * settled to its points on the basis 0035 gave it, and a later change of the total is followed.
 * Its returns' reversals likewise: deemed settled to their due on that basis (the order's total
 * when 0035 ran, which is today's until it is corrected), so they follow that change too.
 * A return's amount then is not known: a change of it since is not followed.
 *
 * What an order's (a return's) entries add up to (granted) is what they add up to for the
 * customer it is now of (a return of an order: the order's customer, as its points are the
 * order's; movePoints has moved them there); entries left with a customer it was of before are
 * theirs. Its first earning, its dues and its reversals count wherever they are.
 * With `customers`, only orders and returns now of them; `entriesOf` are the customers whose
 * entries that reads (them, and those who hold entries of orders moved since).
 */
function pointsChanges(storeId: number, now: Date, rules: SettleRules, unit: number, customers?: SQL, entriesOf = customers) {
  const only = (column: string) => (customers ? sql`and ${sql.raw(column)} = any(${customers})` : sql``);
  // Only an order or a return that has been of more than one customer needs its customer's own sum.
  const grantedTo = (owner: SQL, ofGroup: SQL) => sql`case when g.granted is null then null
    when g.lo = ${owner} and g.hi = ${owner} then g.granted
    else coalesce((select sum(e.points) from points_entries e where e.store_id = ${storeId} and e.customer_id = ${owner} and ${ofGroup}), 0) end`;
  const multipliers = JSON.stringify(rules.tierMultipliers);
  // floor(minor / unit × rate × multiplier of the customer's tier), at most MAX_POINTS_PER_ENTRY
  const pointsFor = (amount: ReturnType<typeof sql>) =>
    sql`least(floor(${amount}::numeric * ${rules.earnRate}::numeric
      * coalesce((${multipliers}::jsonb ->> coalesce(cs.tier::text, 'ordinary'))::numeric, 1) / ${unit}), ${MAX_POINTS_PER_ENTRY})::bigint`;
  // Switched off, nothing earns anew; what was earned is still reversed, corrected, moved and expired.
  // Nor does what was placed while it was off.
  const since = (at: ReturnType<typeof sql>) =>
    rules.enabled
      ? sql`${at} >= ${rules.earnFrom} and ${at} <= ${now}${sql.join(rules.paused.map((p) => sql` and not (${at} >= ${p.from} and ${at} < ${p.to})`))}`
      : sql`false`;
  // What the entries were settled to: the latest entry's due; none, nothing.
  const settledTo = (legacyMatches: ReturnType<typeof sql>, deemed = sql`due`) =>
    sql`case when granted is null then 0 else coalesce(last_due, case when ${legacyMatches} then ${deemed} else granted end) end`;
  return sql`
    with grouped as (
      select max(order_id) as order_id, return_id,
             sum(points) as granted,
             (max(array[id, due]))[2] as last_due,
             count(*) filter (where kind = 'reversal') > count(*) filter (where kind = 'restore') as reversed,
             max(points) filter (where kind = 'earn') as earn_points,
             max(basis) filter (where kind = 'earn') as earn_basis,
             max(expires_at) filter (where kind = 'earn') as earn_expires_at,
             (min(array[id, coalesce(due, points)]))[2] as first_due,
             (min(array[id, basis]))[2] as first_basis,
             min(customer_id) as lo, max(customer_id) as hi
      from points_entries
      where store_id = ${storeId} and (order_id is not null or return_id is not null)
            ${entriesOf ? sql`and customer_id = any(${entriesOf})` : sql``}
      group by return_id, case when return_id is null then order_id end
    ),
    orders_due as (
      select o.id as order_id, o.customer_id, o.status = 'paid' as paid, o.total, o.placed_at,
             ${grantedTo(sql`o.customer_id`, sql`e.order_id = o.id and e.return_id is null`)} as granted,
             g.last_due, g.reversed, g.earn_points, g.earn_basis,
             case when g.earn_points is not null then g.earn_expires_at
                  else ${pointsExpiry(sql`o.placed_at`, rules.expiryMonths, rules.timeZone)} end as expires_at,
             case when g.earn_points is null then case when ${since(sql`o.placed_at`)} then ${pointsFor(sql`o.total`)} else 0 end
                  when g.earn_basis > 0 then least(floor(o.total::numeric * g.earn_points / g.earn_basis), ${MAX_POINTS_PER_ENTRY})::bigint
                  else g.earn_points end as worth
      from orders o
      left join grouped g on g.order_id = o.id and g.return_id is null
      left join customer_scores cs on cs.store_id = o.store_id and cs.customer_id = o.customer_id
      where o.store_id = ${storeId} and (g.granted is not null or o.status = 'paid') ${only("o.customer_id")}
    ),
    returns_due as (
      select r.id as return_id, coalesce(ro.customer_id, r.customer_id) as customer_id, r.order_id, r.amount,
             r.status = 'completed' and r.amount > 0 as active,
             ${grantedTo(sql`coalesce(ro.customer_id, r.customer_id)`, sql`e.return_id = r.id`)} as granted, g.last_due, coalesce(g.reversed, false) as reversed, od.paid as order_paid, od.worth, od.expires_at,
             case when r.status = 'completed' and r.amount > 0 and od.paid
                  then least(od.worth, round(od.worth::numeric * r.amount / nullif(od.total, 0)))::bigint else 0 end as share,
             od.earn_points, od.earn_basis,
             case when r.status = 'completed' and r.amount > 0 and od.paid and od.earn_basis > 0
                  then least(od.earn_points, round(od.earn_points::numeric * r.amount / od.earn_basis))::bigint else 0 end as share_then,
             case when r.order_id is not null or r.status <> 'completed' or r.amount <= 0 then 0
                  when g.granted is not null then case when g.first_basis > 0 then round(g.first_due::numeric * r.amount / g.first_basis)::bigint
                                                       else g.first_due end
                  when ${since(sql`r.requested_at`)} then -${pointsFor(sql`r.amount`)}
                  else 0 end as due_without_order
      from returns r
      left join orders ro on ro.store_id = r.store_id and ro.id = r.order_id
      left join grouped g on g.return_id = r.id
      left join orders_due od on od.order_id = r.order_id
      left join customer_scores cs on cs.store_id = r.store_id and cs.customer_id = coalesce(ro.customer_id, r.customer_id)
      where r.store_id = ${storeId} and (g.granted is not null or (r.status = 'completed' and r.amount > 0))
            ${only("coalesce(ro.customer_id, r.customer_id)")}
    ),
    returns_want as (
      select d.*,
             case when d.order_id is null then d.due_without_order
                  when d.order_paid then -least(d.share, greatest(0, d.worth
                    - (sum(d.share) over (partition by d.order_id order by d.return_id) - d.share)))
             end as due,
             case when d.order_paid and d.earn_basis > 0 then -least(d.share_then, greatest(0, d.earn_points
                    - (sum(d.share_then) over (partition by d.order_id order by d.return_id) - d.share_then)))
             end as due_then
      from returns_due d
    ),
    orders_want as (
      select o.*, case when o.paid then o.worth else -coalesce(h.granted, 0) end as due
      from orders_due o
      left join (select order_id, sum(granted) as granted from returns_due where order_id is not null group by order_id) h using (order_id)
    )
    select customer_id, order_id, null::bigint as return_id,
           case when earn_points is null then 'earn' when paid and reversed then 'restore'
                when not paid and not reversed then 'reversal' else 'amount_change' end as kind,
           due, coalesce(granted, 0) as granted, expires_at, total as basis,
           case when earn_points is null then placed_at else ${now} end as occurred_at
    from orders_want
    where due is distinct from ${settledTo(sql`reversed and not paid`)}
    union all
    select customer_id, order_id, return_id,
           case when active and not reversed then 'reversal' when not active and reversed then 'restore' else 'amount_change' end,
           due, coalesce(granted, 0), expires_at, amount, ${now}
    from returns_want
    where due is not null and due is distinct from ${settledTo(sql`reversed = active`, sql`coalesce(due_then, due)`)}`;
}

/**
 * Per customer (or for some), the points past their expiry at `now` and the debits that count
 * against them; what expires is the difference, when positive. First in, first out: a
 * redemption, a negative adjustment, an expiry or a reversal of a return without an order
 * counts against the oldest points first (and that reversal's restore or amount change gives
 * back to them what it gives back). Every entry of an order's after its earning (reversals,
 * restores, amount changes, its returns') counts against or adds to that order's points alone,
 * carrying their expiry: counted against the oldest, a
 * later order's cancellation kept points that were due to expire alive until the later order's
 * expiry. One pass over the store's entries, no join: joined to their orders' earnings, the
 * reversals got a plan from stale statistics that took a recompute from 3 to 15 s.
 */
export function expiryLedger(storeId: number, now: Date, customers?: number | SQL) {
  const one =
    customers === undefined ? sql`` : typeof customers === "number" ? sql`and customer_id = ${customers}` : sql`and customer_id = any(${customers})`;
  return sql`
    select customer_id, sum(points) as balance,
           coalesce(sum(points) filter (where expires_at <= ${now}), 0) as past_expiry,
           -coalesce(sum(points) filter (where order_id is null and (points < 0 or return_id is not null)), 0) as debits
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
 * The customers whose points may be past their expiry and not written off at `now`: those whose
 * points_balances row (kept by triggers on points_entries, migration 0045) says so from a time
 * not after it. Everyone else's ledger has nothing past its expiry left at `now`.
 */
export function mayHaveExpired(storeId: number, now: Date, customerId?: number): SQL {
  return sql`array(select customer_id from points_balances where store_id = ${storeId} and due_at <= ${now}
    ${customerId === undefined ? sql`` : sql`and customer_id = ${customerId}`})`;
}

/**
 * Per customer of `customers` (an array expression), the earliest time at which some of their
 * points are past their expiry and not written off as their ledger stands (pointsBalance's
 * past_expiry > debits): the first expiry at which what expired by then (net) outgrows the
 * debits, -infinity when the debits alone are below zero, null when never; with the balances
 * row's write count when it was read (migration 0045 backfilled it with this reckoning).
 */
function pointsDue(storeId: number, customers: SQL): SQL {
  return sql`
    with per_expiry as (
      select customer_id, expires_at, sum(points) as points,
             coalesce(sum(points) filter (where order_id is null and (points < 0 or return_id is not null)), 0) as debit_points
      from points_entries
      where store_id = ${storeId} and customer_id = any(${customers})
      group by customer_id, expires_at
    ),
    running as (
      select *, sum(debit_points) over (partition by customer_id) as less_debits,
             sum(points) filter (where expires_at is not null)
               over (partition by customer_id order by expires_at rows unbounded preceding) as expired_by
      from per_expiry
    )
    select pb.customer_id, pb.writes,
           case when min(r.less_debits) > 0 then '-infinity'::timestamptz
                else min(r.expires_at) filter (where r.expired_by + r.less_debits > 0) end as due_at
    from points_balances pb
    left join running r on r.customer_id = pb.customer_id
    where pb.store_id = ${storeId} and pb.customer_id = any(${customers})
    group by pb.customer_id, pb.writes`;
}

/**
 * Writes the expiry of what is left of points past their expiry at `now`; returns how many
 * customers' points expired. Run by the recompute for the store and by every debit for its
 * customer (under the customer's lock), so points past their expiry are never spent. Then moves
 * those customers' due time (points_balances.due_at) to when any of their points can next be,
 * unless an entry of theirs was written meanwhile (its own write moved the time, if earlier).
 */
export async function expirePoints(tx: DbOrTx, storeId: number, now: Date, customerId?: number): Promise<number> {
  const { rows } = await tx.execute<{ customers: string }>(sql`select ${mayHaveExpired(storeId, now, customerId)}::text as customers`);
  if (rows[0]!.customers === "{}") return 0;
  const customers = sql`${rows[0]!.customers}::bigint[]`;
  const expired = await tx.execute(sql`
    insert into points_entries (store_id, customer_id, kind, points, occurred_at)
    select ${storeId}, customer_id, 'expiry', -(past_expiry - debits)::bigint, ${now}
    from (${expiryLedger(storeId, now, customers)}) l
    where past_expiry > debits`);
  // The due times worked out once, then matched to the rows: joined as a subquery, it was worked
  // out again for each of the store's rows when the statistics knew none of them (a small store's
  // first settlement beside a big one: 2,900 times over 19,000 entries, 25 s).
  await tx.execute(sql`
    with d as materialized (${pointsDue(storeId, customers)})
    update points_balances b set due_at = d.due_at
    from d
    where b.store_id = ${storeId} and b.customer_id = any(${customers})
      and b.customer_id = d.customer_id and b.writes = d.writes and b.due_at is distinct from d.due_at`);
  return expired.rowCount ?? 0;
}
