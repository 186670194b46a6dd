import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import type { PointsEntryKind } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { formatMoney, minorUnitDigits } from "@/lib/money";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import { redeemStep } from "./redeem-step";
import { findPointsRules, pointsExpiry } from "./rules";
import { AVAILABLE, expirePoints, expiryLedger } from "./settle";

// 积分明细: every change of a customer's points is a ledger entry; the balance is their sum, less
// points past their expiry not yet written off, and never goes below zero. Debits (redeem,
// negative adjustment) lock the customer row first, as the recompute's reversals and expiries
// do, so two at once can never spend the same points.

export interface PointsEntryView {
  id: number;
  kind: PointsEntryKind;
  points: number;
  occurredAt: Date;
  expiresAt: Date | null;
  orderExternalId: string | null;
  returnExternalId: string | null;
  couponValue: number | null;
  reason: string | null;
  byEmail: string | null;
}

/** The points a customer can use at `at` (AVAILABLE). */
export const pointsBalance = reusePlans(async function pointsBalance(db: DbOrTx, storeId: number, customerId: number, at: Date = new Date()): Promise<number> {
  const { rows } = await db.execute<{ balance: number }>(sql`
    select (${AVAILABLE})::float8 as balance from (${expiryLedger(storeId, at, customerId)}) l`);
  return rows[0]?.balance ?? 0;
});

export const listPointsEntries = reusePlans(async function listPointsEntries(ctx: StoreContext, customerId: number, limit = 50): Promise<PointsEntryView[]> {
  const { rows } = await getDb().execute<Record<string, unknown>>(sql`
    select e.id::int as id, e.kind, e.points::float8 as points, e.occurred_at, e.expires_at, o.external_id as order_external_id,
           r.external_id as return_external_id, e.coupon_value::float8 as coupon_value, e.reason, u.email
    from points_entries e
    left join orders o on o.store_id = e.store_id and o.id = e.order_id
    left join returns r on r.store_id = e.store_id and r.id = e.return_id
    left join users u on u.id = e.created_by_user_id
    where e.store_id = ${ctx.store.id} and e.customer_id = ${customerId}
    order by e.occurred_at desc, e.id desc
    limit ${limit}`);
  return rows.map((r) => ({
    id: r.id as number,
    kind: r.kind as PointsEntryKind,
    points: r.points as number,
    occurredAt: new Date(r.occurred_at as string),
    expiresAt: r.expires_at ? new Date(r.expires_at as string) : null,
    orderExternalId: (r.order_external_id as string | null) ?? null,
    returnExternalId: (r.return_external_id as string | null) ?? null,
    couponValue: (r.coupon_value as number | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    byEmail: (r.email as string | null) ?? null,
  }));
});

/**
 * Locks the customer (the one lock every debit takes), writes off their points past expiry at
 * `at` (a redemption took them when only the recompute did), and returns the balance left.
 */
async function lockAndReadBalance(tx: DbOrTx, storeId: number, customerId: number, at: Date): Promise<number> {
  const { rows } = await tx.execute(
    sql`select 1 from customers where store_id = ${storeId} and id = ${customerId} for no key update`,
  );
  if (rows.length === 0) throw new AppError("not_found", "No such customer in this store.", "errors.noSuchCustomer");
  await expirePoints(tx, storeId, at, customerId);
  return pointsBalance(tx, storeId, customerId, at);
}

function insufficient(balance: number, wanted: number) {
  return new AppError(
    "conflict",
    `${balance === 0 ? "No points are" : balance === 1 ? "Only 1 point is" : `Only ${balance} points are`} available; ${wanted} cannot be taken.`,
    "pricing.errors.notEnoughPoints",
    { balance, points: wanted },
    // The form's points field is the one to change.
    [{ path: "points", message: `more than the ${balance} available` }],
  );
}

/** Converts points into a coupon value at the store's redemption rate and debits them. */
export async function redeemPoints(
  ctx: StoreContext,
  input: { customerId: number; points: number },
  at = new Date(),
): Promise<{ points: number; couponValue: number; balance: number }> {
  assertRole(ctx, "owner");
  const db = getDb();
  const rules = await findPointsRules(db, ctx.store.id);
  if (!rules) throw new AppError("conflict", "Set the points rules first.", "pricing.errors.noPointsRules");
  if (!rules.enabled) throw new AppError("conflict", "Points are switched off for this store; switch them on to redeem.", "pricing.errors.pointsOff");
  const unit = 10 ** minorUnitDigits(ctx.store.currency);
  const step = redeemStep(rules.redeemRate, ctx.store.currency);
  if (input.points % step !== 0) {
    throw new AppError(
      "invalid",
      `Redeem points in steps of ${step} (${formatMoney(1 * (step * unit) / rules.redeemRate, ctx.store.currency, "en")} each).`,
      "pricing.errors.redeemStep",
      { step },
    );
  }
  const couponValue = (input.points * unit) / rules.redeemRate;
  return db.transaction(async (tx) => {
    const balance = await lockAndReadBalance(tx, ctx.store.id, input.customerId, at);
    if (input.points > balance) throw insufficient(balance, input.points);
    await tx.execute(sql`
      insert into points_entries (store_id, customer_id, kind, points, occurred_at, coupon_value, created_by_user_id)
      values (${ctx.store.id}, ${input.customerId}, 'redeem', ${-input.points}, ${at}, ${couponValue}, ${ctx.userId})`);
    return { points: input.points, couponValue, balance: balance - input.points };
  });
}

/** A manual correction with its reason and who made it; a negative one may not exceed the balance. */
export async function adjustPoints(
  ctx: StoreContext,
  input: { customerId: number; points: number; reason: string },
  at = new Date(),
): Promise<{ balance: number }> {
  assertRole(ctx, "owner");
  const db = getDb();
  const rules = await findPointsRules(db, ctx.store.id);
  const months = rules?.expiryMonths ?? 0;
  return db.transaction(async (tx) => {
    const balance = await lockAndReadBalance(tx, ctx.store.id, input.customerId, at);
    if (balance + input.points < 0) throw insufficient(balance, -input.points);
    const expires = pointsExpiry(sql`${at}::timestamptz`, input.points > 0 ? months : 0, ctx.store.timezone);
    await tx.execute(sql`
      insert into points_entries (store_id, customer_id, kind, points, occurred_at, expires_at, reason, created_by_user_id)
      values (${ctx.store.id}, ${input.customerId}, 'adjustment', ${input.points}, ${at}, ${expires}, ${input.reason}, ${ctx.userId})`);
    return { balance: balance + input.points };
  });
}
