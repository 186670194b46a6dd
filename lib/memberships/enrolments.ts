import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { customerMemberships, type Tier } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recomputeAfterWrite } from "@/lib/imports/recompute-after-write";
import { addStoreDays, storeDate } from "@/lib/store-time";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import { findCustomerByKey } from "./customers";
import { feeOf, findPlan } from "./plans";

// 会员费: the platform collects the fee; Laoke records what was paid and the period it buys.
// A membership is active at t when starts_at <= t < ends_at and it was not cancelled by t. A
// plan's days are days of the store's calendar (addStoreDays), as a dispute's deadline's are.

/** SQL condition: membership row `m` is active at `at`. */
export const activeAt = (at: Date) =>
  sql`m.starts_at <= ${at} and m.ends_at > ${at} and (m.cancelled_at is null or m.cancelled_at > ${at})`;

export interface ActiveMembership {
  id: number;
  planName: string;
  tier: Tier;
  endsAt: Date;
}

/** The customer's active membership with the highest tier at `at`, or null. */
export async function activeMembership(db: DbOrTx, storeId: number, customerId: number, at: Date): Promise<ActiveMembership | null> {
  const { rows } = await db.execute<{ id: number; plan_name: string; tier: Tier; ends_at: string | Date }>(sql`
    select m.id::int as id, p.name as plan_name, m.tier, m.ends_at
    from customer_memberships m
    join membership_plans p on p.store_id = m.store_id and p.id = m.plan_id
    where m.store_id = ${storeId} and m.customer_id = ${customerId} and ${activeAt(at)}
    order by m.tier desc, m.ends_at desc
    limit 1`);
  const row = rows[0];
  return row ? { id: row.id, planName: row.plan_name, tier: row.tier, endsAt: new Date(row.ends_at) } : null;
}

/** The fee paid as typed; blank is the plan's fee. `locale`: the reader's, for the bound a refusal names. */
function feePaidOf(ctx: StoreContext, fee: string | undefined, planFee: number, locale: string): number {
  return fee === undefined || fee.trim() === "" ? planFee : feeOf(ctx, fee, "feePaid", locale);
}

/** Enrols a customer in a plan from `at` for the plan's length; refused while they already hold one. */
export async function enrolCustomer(
  ctx: StoreContext,
  input: { planId: number; customer: string; feePaid?: string },
  at = new Date(),
  locale = "en",
): Promise<{ id: number; endsAt: Date; customer: string; plan: string }> {
  assertRole(ctx, "owner");
  const plan = await findPlan(ctx, input.planId);
  if (plan.archived) {
    throw new AppError("conflict", `The plan "${plan.name}" is archived.`, "pricing.errors.planArchived", { name: plan.name });
  }
  const feePaid = feePaidOf(ctx, input.feePaid, plan.fee, locale);
  const enrolled = await getDb().transaction(async (tx) => {
    const customer = await findCustomerByKey(tx, ctx.store.id, input.customer);
    // One enrolment at a time per customer: the customer row is the lock.
    await lockMemberships(tx, ctx.store.id, customer.id);
    const { rows } = await tx.execute<{ ends_at: string | Date }>(sql`
      select max(m.ends_at) as ends_at from customer_memberships m
      where m.store_id = ${ctx.store.id} and m.customer_id = ${customer.id}
        and m.ends_at > ${at} and (m.cancelled_at is null or m.cancelled_at > ${at})`);
    const current = rows[0]?.ends_at;
    if (current) {
      const until = storeDate(new Date(current), ctx.store.timezone);
      throw new AppError(
        "conflict",
        `${customer.name || customer.externalId} is already a member until ${until}; renew instead.`,
        "pricing.errors.alreadyMember",
        { customer: customer.name || customer.externalId },
        [{ path: "customer", message: "already a member" }],
        // "Renew instead" said where: the customer's name leads to their membership, where renewing is.
        [{ text: customer.name || customer.externalId, href: `/s/${ctx.store.slug}/customers/${customer.id}#membership` }],
      ).withTimes({ until: { at: new Date(current), day: true } });
    }
    const endsAt = addStoreDays(at, plan.lengthDays, ctx.store.timezone);
    const [row] = await tx
      .insert(customerMemberships)
      .values({
        storeId: ctx.store.id,
        customerId: customer.id,
        planId: plan.id,
        tier: plan.tier,
        feePaid,
        startsAt: at,
        endsAt,
        createdByUserId: ctx.userId,
      })
      .returning({ id: customerMemberships.id });
    // Who and what, as the owner knows them: the form's confirmation names them.
    return { id: row!.id, endsAt, customer: customer.name || customer.externalId, plan: plan.name };
  });
  await liftInForce(ctx, "enrolment");
  return enrolled;
}

/**
 * A membership lifts the tier in force, which the list, the high-value mark and the charts read
 * from the scores: they are recomputed now, as after a compliance flag, not at the next import.
 * The membership stays whatever happens to the recompute (see recomputeAfterWrite).
 */
async function liftInForce(ctx: StoreContext, what: string): Promise<void> {
  await recomputeAfterWrite(ctx.store.id, `membership ${what} in store ${ctx.store.id}`);
}

/** Locks the customer's memberships: enrolments, renewals and cancellations of one customer take turns. */
async function lockMemberships(tx: DbOrTx, storeId: number, customerId: number): Promise<void> {
  await tx.execute(sql`select 1 from customers where store_id = ${storeId} and id = ${customerId} for no key update`);
}

/** Locks the memberships of the customer whose membership `membershipId` is (404 when the store has none such). */
async function lockMembershipsOf(tx: DbOrTx, storeId: number, membershipId: number): Promise<void> {
  const { rows } = await tx.execute<{ customer_id: number }>(sql`
    select customer_id::int from customer_memberships where store_id = ${storeId} and id = ${membershipId}`);
  if (!rows[0]) throw noSuchMembership();
  await lockMemberships(tx, storeId, rows[0].customer_id);
}

/**
 * Renews a membership: a new paid period of the same plan, starting when the customer's last one
 * ends (or now). `after`: the end the renewal is meant to follow (the page's "until" or "renewed
 * until"): when another renewal was recorded meanwhile (a second owner, a second tab) it is
 * refused, not charged a second time. A membership cancelled meanwhile is not renewed either.
 */
export async function renewMembership(
  ctx: StoreContext,
  input: { membershipId: number; feePaid?: string; after?: Date },
  at = new Date(),
  locale = "en",
): Promise<{ id: number; startsAt: Date; endsAt: Date }> {
  assertRole(ctx, "owner");
  const renewed = await getDb().transaction(async (tx) => {
    await lockMembershipsOf(tx, ctx.store.id, input.membershipId);
    // Read again under the lock: a cancellation or renewal that held it is seen.
    const { rows } = await tx.execute<{ customer_id: number; plan_id: number; cancelled: boolean }>(sql`
      select customer_id::int, plan_id::int, cancelled_at is not null as cancelled from customer_memberships
      where store_id = ${ctx.store.id} and id = ${input.membershipId}`);
    const membership = rows[0]!;
    if (membership.cancelled) {
      throw new AppError("conflict", "This membership was cancelled; enrol the customer again instead.", "pricing.errors.membershipCancelled");
    }
    const plan = await findPlan(ctx, membership.plan_id, tx);
    if (plan.archived) {
      // Not the enrolment's "takes no new members": this customer is one, and the way on differs.
      throw new AppError(
        "conflict",
        `The plan "${plan.name}" is archived and takes no renewals: reopen it to renew, or enrol the customer on another plan.`,
        "pricing.errors.planArchivedRenewal",
        { name: plan.name },
      );
    }
    const feePaid = feePaidOf(ctx, input.feePaid, plan.fee, locale);
    const { rows: last } = await tx.execute<{ ends_at: string | Date | null }>(sql`
      select max(m.ends_at) as ends_at from customer_memberships m
      where m.store_id = ${ctx.store.id} and m.customer_id = ${membership.customer_id} and m.cancelled_at is null`);
    const lastEnd = last[0]?.ends_at ? new Date(last[0].ends_at) : null;
    if (input.after && lastEnd && lastEnd.getTime() !== input.after.getTime()) {
      const until = storeDate(lastEnd, ctx.store.timezone);
      throw new AppError(
        "conflict",
        `This membership was renewed meanwhile, until ${until}; renew again if another period was paid for.`,
        "pricing.errors.renewedMeanwhile",
      ).withTimes({ until: { at: lastEnd, day: true } });
    }
    const startsAt = lastEnd && lastEnd > at ? lastEnd : at;
    const endsAt = addStoreDays(startsAt, plan.lengthDays, ctx.store.timezone);
    const [row] = await tx
      .insert(customerMemberships)
      .values({
        storeId: ctx.store.id,
        customerId: membership.customer_id,
        planId: plan.id,
        tier: plan.tier,
        feePaid,
        startsAt,
        endsAt,
        renewsMembershipId: input.membershipId,
        createdByUserId: ctx.userId,
      })
      .returning({ id: customerMemberships.id });
    return { id: row!.id, startsAt, endsAt };
  });
  // A renewal queued after the current period changes no tier now.
  if (renewed.startsAt <= at) await liftInForce(ctx, "renewal");
  return renewed;
}

/**
 * Cancels a membership and the renewals queued after it: it stops counting at once. One that has
 * ended or was cancelled is refused: "the renewals after it" then took the customer's current
 * membership with it (a page left open past the end).
 */
export async function cancelMembership(ctx: StoreContext, membershipId: number, at = new Date()): Promise<{ cancelled: number }> {
  assertRole(ctx, "owner");
  const rows = await getDb().transaction(async (tx) => {
    // After a renewal being recorded: its period, unseen by the update otherwise, stayed paid for after the cancellation.
    await lockMembershipsOf(tx, ctx.store.id, membershipId);
    const { rows: cancelled } = await tx.execute<{ id: number }>(sql`
      update customer_memberships m set cancelled_at = ${at}
      from customer_memberships c
      where c.store_id = ${ctx.store.id} and c.id = ${membershipId} and c.cancelled_at is null and c.ends_at > ${at}
        and m.store_id = c.store_id and m.customer_id = c.customer_id
        and m.cancelled_at is null and m.ends_at > ${at} and m.starts_at >= c.starts_at
      returning m.id::int as id`);
    return cancelled;
  });
  if (rows.length === 0) {
    throw new AppError("conflict", "This membership has already ended or been cancelled.", "pricing.errors.membershipOver");
  }
  await liftInForce(ctx, "cancellation");
  return { cancelled: rows.length };
}

const noSuchMembership = () => new AppError("not_found", "No such membership in this store.", "pricing.errors.noSuchMembership");
