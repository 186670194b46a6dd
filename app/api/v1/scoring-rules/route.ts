import { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { recomputeScores } from "@/lib/customers/recompute";
import { currentScoringRules, saveScoringRules } from "@/lib/customers/rules";

export const GET = apiRoute({}, async ({ ctx }) => (await currentScoringRules(ctx.store.id)).rules);

// Saving a new version recomputes the store's scores with it.
export const PUT = apiRoute({ body: z.unknown() }, async ({ ctx, body }) => {
  const saved = await saveScoringRules(ctx, body);
  await recomputeScores(ctx.store.id);
  return saved.rules;
});

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods("GET", "PUT");
