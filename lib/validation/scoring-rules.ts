import { z } from "zod";

export const factorKeys = ["frequency", "monetary", "recency", "interaction", "sharing", "returns", "reputation"] as const;
export type FactorKey = (typeof factorKeys)[number];
export const cutoffKeys = ["silver", "gold", "diamond", "crown"] as const;

const weight = z.number().min(0).max(1000);
const percent = z.number().min(0).max(100);

export const scoringRulesSchema = z
  .object({
    windowDays: z.number().int().min(0).max(3650),
    weights: z.object({
      frequency: weight,
      monetary: weight,
      recency: weight,
      interaction: weight,
      sharing: weight,
      returns: weight,
      reputation: weight,
    }),
    cutoffs: z.object({ silver: percent, gold: percent, diamond: percent, crown: percent }),
    hysteresis: percent,
    gates: z.object({ maxReturnRate: z.number().min(0).max(1), complianceFlags: z.boolean() }),
  })
  .strict()
  .superRefine((rules, ctx) => {
    if (factorKeys.every((key) => rules.weights[key] === 0)) {
      ctx.addIssue({ code: "custom", path: ["weights"], message: "At least one weight must be above 0." });
    }
    for (let i = 1; i < cutoffKeys.length; i++) {
      const lower = cutoffKeys[i - 1]!;
      const upper = cutoffKeys[i]!;
      if (!(rules.cutoffs[upper] > rules.cutoffs[lower])) {
        ctx.addIssue({
          code: "custom",
          path: ["cutoffs", upper],
          message: `The ${upper} cutoff (${rules.cutoffs[upper]}) must be above the ${lower} cutoff (${rules.cutoffs[lower]}).`,
        });
      }
    }
  });

export type ScoringRules = z.infer<typeof scoringRulesSchema>;

/** PRODUCT.md §3's defaults. */
export const defaultScoringRules: ScoringRules = {
  windowDays: 365,
  weights: { frequency: 25, monetary: 30, recency: 10, interaction: 10, sharing: 10, returns: 10, reputation: 5 },
  cutoffs: { silver: 40, gold: 60, diamond: 75, crown: 90 },
  hysteresis: 5,
  gates: { maxReturnRate: 0.3, complianceFlags: true },
};

/** A PUT may send only the keys it changes. */
export const scoringRulesPatchSchema = z
  .object({
    windowDays: z.unknown(),
    weights: z.record(z.string(), z.unknown()),
    cutoffs: z.record(z.string(), z.unknown()),
    hysteresis: z.unknown(),
    gates: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();

export type ScoringRulesPatch = z.infer<typeof scoringRulesPatchSchema>;

export function mergeScoringRules(current: ScoringRules, patch: ScoringRulesPatch): unknown {
  return {
    ...current,
    ...(patch.windowDays !== undefined && { windowDays: patch.windowDays }),
    ...(patch.hysteresis !== undefined && { hysteresis: patch.hysteresis }),
    weights: { ...current.weights, ...patch.weights },
    cutoffs: { ...current.cutoffs, ...patch.cutoffs },
    gates: { ...current.gates, ...patch.gates },
  };
}

/** The settings form's fields (weight.frequency, cutoff.gold, …) turned into a full rules object. */
export const scoringRulesFormSchema = z
  .object({
    windowDays: z.coerce.number(),
    hysteresis: z.coerce.number(),
    maxReturnRate: z.coerce.number(),
    complianceFlags: z.literal("on").optional(),
    ...Object.fromEntries(factorKeys.map((key) => [`weight.${key}`, z.coerce.number()])),
    ...Object.fromEntries(cutoffKeys.map((key) => [`cutoff.${key}`, z.coerce.number()])),
  })
  .transform((form) => {
    const field = form as unknown as Record<string, number>;
    return {
      windowDays: form.windowDays,
      hysteresis: form.hysteresis,
      gates: { maxReturnRate: form.maxReturnRate, complianceFlags: form.complianceFlags === "on" },
      weights: Object.fromEntries(factorKeys.map((key) => [key, field[`weight.${key}`]])),
      cutoffs: Object.fromEntries(cutoffKeys.map((key) => [key, field[`cutoff.${key}`]])),
    };
  });
