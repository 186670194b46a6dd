import { apiRoute, otherMethods } from "@/lib/api/route";
import { recomputeScores } from "@/lib/customers/recompute";
import { currentScoringRules, saveScoringRules } from "@/lib/customers/rules";
import { scoringRulesPatchSchema } from "@/lib/validation/scoring-rules";

export const GET = apiRoute({}, async ({ ctx }) => (await currentScoringRules(ctx.store.id)).rules);

// Saving a new version recomputes the store's scores with it. A body of the wrong shape is a 400
// as in every other route; rules that do not hold together (cutoffs out of order…) a 422.
export const PUT = apiRoute({ body: scoringRulesPatchSchema }, async ({ ctx, body }) => {
  const saved = await saveScoringRules(ctx, body);
  if (saved.changed) await recomputeScores(ctx.store.id);
  return saved.rules;
});

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods("GET", "PUT");
