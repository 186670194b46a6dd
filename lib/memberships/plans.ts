import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { membershipPlans, type Tier } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { amountAsTyped, assertMoneyWithinBound, majorToMinor } from "@/lib/money";
import { assertRole, type StoreContext } from "@/lib/stores/context";

export type PlanView = {
  id: number;
  name: string;
  fee: number;
  lengthDays: number;
  tier: Tier;
  archived: boolean;
  activeMembers: number;
};

/** The store's plans with how many customers each has active now. */
export async function listPlans(ctx: StoreContext, at = new Date()): Promise<PlanView[]> {
  const { rows } = await getDb().execute<PlanView>(sql`
    select p.id::int as id, p.name, p.fee::bigint::float8 as fee, p.length_days as "lengthDays", p.tier,
           p.archived, count(m.id)::int as "activeMembers"
    from membership_plans p
    left join customer_memberships m
      on m.store_id = p.store_id and m.plan_id = p.id
     and m.starts_at <= ${at} and m.ends_at > ${at} and (m.cancelled_at is null or m.cancelled_at > ${at})
    where p.store_id = ${ctx.store.id}
    group by p.store_id, p.id
    order by p.archived, p.fee, p.name`);
  return rows;
}

/**
 * A fee as a form has it (a plan's `fee`, an enrolment's `feePaid`), in major units → minor units
 * of the store's currency; refused at that field, a fee above the bound of every amount too (named
 * in the reader's `locale`).
 */
export function feeOf(ctx: StoreContext, text: string, field: "fee" | "feePaid", locale = "en"): number {
  // Read as every money field reads it: "９９" (a full-width input method) and "¥99" are 99.
  const fee = majorToMinor(amountAsTyped(text, ctx.store.currency), ctx.store.currency);
  if (fee === null) {
    throw new AppError("invalid", `"${text}" is not an amount.`, "pricing.errors.notAnAmount", { value: text }, [{ path: field, message: "not an amount" }]);
  }
  return assertMoneyWithinBound(fee, { path: field, currency: ctx.store.currency, locale });
}

const planExists = (name: string) =>
  new AppError("conflict", `A plan named "${name}" already exists.`, "pricing.errors.planExists", { name }, [{ path: "name", message: "taken" }]);

/**
 * Every reason to refuse a new plan's form, on what it could read (the name and fee the form's
 * schema took): a fee the currency cannot hold and a name another plan has, together.
 */
export async function checkNewPlanForm(ctx: StoreContext, form: { name?: string; fee?: string }, locale = "en"): Promise<void> {
  assertRole(ctx, "owner");
  const refusals: AppError[] = [];
  if (form.fee !== undefined) {
    try {
      feeOf(ctx, form.fee, "fee", locale);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusals.push(error);
    }
  }
  if (form.name !== undefined) {
    const [taken] = await getDb()
      .select({ id: membershipPlans.id })
      .from(membershipPlans)
      .where(and(eq(membershipPlans.storeId, ctx.store.id), eq(membershipPlans.name, form.name)));
    if (taken) refusals.push(planExists(form.name));
  }
  if (refusals.length > 0) throw new AggregateError(refusals, refusals.map((refusal) => refusal.message).join(" "));
}

export async function createPlan(
  ctx: StoreContext,
  input: { name: string; fee: number; lengthDays: number; tier: Tier },
): Promise<{ id: number }> {
  assertRole(ctx, "owner");
  if (input.tier === "ordinary") {
    throw new AppError("invalid", "A plan must grant a tier above ordinary.", "pricing.errors.planTier");
  }
  const [row] = await getDb()
    .insert(membershipPlans)
    .values({ storeId: ctx.store.id, ...input })
    .onConflictDoNothing()
    .returning({ id: membershipPlans.id });
  if (!row) throw planExists(input.name);
  return row;
}

/** Archived plans take no new enrolments; memberships already sold run to their end. */
export async function setPlanArchived(ctx: StoreContext, planId: number, archived: boolean): Promise<void> {
  assertRole(ctx, "owner");
  const updated = await getDb()
    .update(membershipPlans)
    .set({ archived })
    .where(and(eq(membershipPlans.storeId, ctx.store.id), eq(membershipPlans.id, planId)))
    .returning({ id: membershipPlans.id });
  if (updated.length === 0) throw noSuchPlan();
}

export async function findPlan(ctx: StoreContext, planId: number, db: DbOrTx = getDb()) {
  const [plan] = await db
    .select()
    .from(membershipPlans)
    .where(and(eq(membershipPlans.storeId, ctx.store.id), eq(membershipPlans.id, planId)))
    .orderBy(asc(membershipPlans.id));
  if (!plan) throw noSuchPlan();
  return plan;
}

export const noSuchPlan = () => new AppError("not_found", "No such membership plan in this store.", "pricing.errors.noSuchPlan");
