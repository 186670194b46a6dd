"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "@/lib/i18n/server";
import { z } from "zod";
import { storeAction } from "@/lib/actions/store-action";
import { cancelMembership, enrolCustomer, renewMembership } from "@/lib/memberships/enrolments";
import { checkNewPlanForm, createPlan, feeOf, setPlanArchived } from "@/lib/memberships/plans";
import { adjustPoints, redeemPoints } from "@/lib/points/ledger";
import { savePointsRules } from "@/lib/points/rules";
import {
  adjustInput,
  enrolInput,
  membershipIdInput,
  planIdInput,
  planInput,
  pointsRulesFormInput,
  redeemInput,
  renewInput,
} from "@/lib/validation/pricing";

const refresh = (slug: string) => revalidatePath(`/s/${slug}/members`);

// The fee's bound is named in the reader's locale.
export const createPlanAction = storeAction(
  { role: "owner", input: planInput, check: async (ctx, form) => checkNewPlanForm(ctx, form, await getLocale()) },
  async (ctx, input) => {
    const fee = feeOf(ctx, input.fee, "fee", await getLocale());
    await createPlan(ctx, { name: input.name, fee, lengthDays: input.lengthDays, tier: input.tier });
    refresh(ctx.store.slug);
  },
);

export const archivePlanAction = storeAction(
  { role: "owner", input: planIdInput.extend({ archived: z.enum(["true", "false"]).transform((v) => v === "true") }) },
  async (ctx, input) => {
    await setPlanArchived(ctx, input.planId, input.archived);
    refresh(ctx.store.slug);
  },
);

export const enrolAction = storeAction({ role: "owner", input: enrolInput }, async (ctx, input) => {
  const result = await enrolCustomer(ctx, input, new Date(), await getLocale());
  refresh(ctx.store.slug);
  return { endsAt: result.endsAt.toISOString(), customer: result.customer, plan: result.plan };
});

// Done from the customer's page: it shows the membership (and the tier it lifts) again, as the list does.
const refreshMember = (slug: string) => {
  refresh(slug);
  revalidatePath(`/s/${slug}/customers`, "layout");
};

export const renewAction = storeAction({ role: "owner", input: renewInput }, async (ctx, input) => {
  const result = await renewMembership(ctx, input, new Date(), await getLocale());
  refreshMember(ctx.store.slug);
  return { endsAt: result.endsAt.toISOString() };
});

export const cancelAction = storeAction({ role: "owner", input: membershipIdInput }, async (ctx, input) => {
  await cancelMembership(ctx, input.membershipId);
  refreshMember(ctx.store.slug);
});

export const savePointsRulesAction = storeAction({ role: "owner", input: pointsRulesFormInput }, async (ctx, { seen, ...input }) => {
  await savePointsRules(ctx, input, new Date(), { seen });
  refresh(ctx.store.slug);
});

export const redeemPointsAction = storeAction({ role: "owner", input: redeemInput }, async (ctx, input) => {
  const result = await redeemPoints(ctx, input);
  revalidatePath(`/s/${ctx.store.slug}/customers/${input.customerId}`);
  return result;
});

export const adjustPointsAction = storeAction({ role: "owner", input: adjustInput }, async (ctx, input) => {
  const result = await adjustPoints(ctx, input);
  revalidatePath(`/s/${ctx.store.slug}/customers/${input.customerId}`);
  return result;
});
