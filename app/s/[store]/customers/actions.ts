"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { complianceFlags } from "@/db/schema";
import { storeAction } from "@/lib/actions/store-action";
import { clearComplianceFlag, setComplianceFlag } from "@/lib/customers/flags";
import { recomputeScores } from "@/lib/customers/recompute";
import { text } from "@/lib/validation/text";

export const recomputeAction = storeAction({ role: "owner", input: z.object({}) }, async (ctx) => {
  const result = await recomputeScores(ctx.store.id);
  revalidatePath(`/s/${ctx.store.slug}/customers`, "layout");
  return { customers: result.customers, highValue: result.highValue, tookMs: result.tookMs };
});

const flagInput = z.object({
  customerId: z.coerce.number().int().positive(),
  flag: z.enum(complianceFlags),
  reason: text({ min: 2, max: 500, multiline: true }),
});

export const setFlagAction = storeAction({ role: "staff", input: flagInput }, async (ctx, input) => {
  await setComplianceFlag(ctx, input.customerId, input.flag, input.reason);
  revalidatePath(`/s/${ctx.store.slug}/customers`, "layout");
});

export const clearFlagAction = storeAction({ role: "staff", input: flagInput }, async (ctx, input) => {
  await clearComplianceFlag(ctx, input.customerId, input.flag, input.reason);
  revalidatePath(`/s/${ctx.store.slug}/customers`, "layout");
});
