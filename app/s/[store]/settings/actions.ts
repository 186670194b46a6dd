"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { storeAction } from "@/lib/actions/store-action";
import { createApiToken, revokeApiToken, tokenNameSchema } from "@/lib/api-tokens/tokens";
import { recomputeScores } from "@/lib/customers/recompute";
import { saveScoringRules } from "@/lib/customers/rules";
import { updateStoreSettings } from "@/lib/stores/commands";
import { addStaff, removeStaff } from "@/lib/users/commands";
import { scoringRulesFormSchema } from "@/lib/validation/scoring-rules";
import { storeSettingsFormSchema } from "@/lib/validation/stores";
import { addStaffSchema } from "@/lib/validation/users";

const settingsPath = (slug: string) => `/s/${slug}/settings`;

export const updateStoreAction = storeAction({ role: "owner", input: storeSettingsFormSchema }, async (ctx, { seen, ...input }) => {
  await updateStoreSettings(ctx, input, { seen });
  revalidatePath(`/s/${ctx.store.slug}`, "layout");
});

export const addStaffAction = storeAction({ role: "owner", input: addStaffSchema }, async (ctx, input) => {
  const result = await addStaff(ctx, input);
  revalidatePath(settingsPath(ctx.store.slug));
  return { email: input.email, existing: !result.created };
});

export const removeStaffAction = storeAction(
  { role: "owner", input: z.object({ userId: z.coerce.number().int().positive() }) },
  async (ctx, { userId }) => {
    const removed = await removeStaff(ctx, userId);
    revalidatePath(settingsPath(ctx.store.slug));
    return removed;
  },
);

export const createTokenAction = storeAction(
  { role: "owner", input: z.object({ name: tokenNameSchema }) },
  async (ctx, { name }) => {
    const created = await createApiToken(ctx, name);
    revalidatePath(settingsPath(ctx.store.slug));
    return { token: created.token, name: created.name };
  },
);

export const revokeTokenAction = storeAction(
  { role: "owner", input: z.object({ tokenId: z.coerce.number().int().positive() }) },
  async (ctx, { tokenId }) => {
    await revokeApiToken(ctx, tokenId);
    revalidatePath(settingsPath(ctx.store.slug));
  },
);

// `version`: the rules' version the form showed (saveScoringRules refuses a save over a newer one).
const rulesForm = z.object({ version: z.coerce.number().int().positive().optional() }).and(scoringRulesFormSchema);

export const saveScoringRulesAction = storeAction({ role: "owner", input: rulesForm }, async (ctx, { version, ...rules }) => {
  const saved = await saveScoringRules(ctx, rules, { baseVersion: version });
  if (!saved.changed) return { version: saved.version, changed: false as const };
  const scored = await recomputeScores(ctx.store.id);
  revalidatePath(`/s/${ctx.store.slug}`, "layout");
  return { version: saved.version, changed: true as const, customers: scored.customers, ms: scored.tookMs };
});
