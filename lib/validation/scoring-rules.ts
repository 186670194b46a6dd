import { z } from "zod";
import { wholeNumber } from "./numbers";
import { formNumber } from "./form-number";
import { keyedIssue } from "./keyed";
import { malformed } from "./malformed";

export const factorKeys = ["frequency", "monetary", "recency", "interaction", "sharing", "returns", "reputation"] as const;
export type FactorKey = (typeof factorKeys)[number];
export const cutoffKeys = ["silver", "gold", "diamond", "crown"] as const;

/** The largest value each rule takes, for the schema and the settings form's inputs alike. */
export const ruleMaxima = { weight: 1000, cutoff: 100, hysteresis: 100, windowDays: 3650, maxReturnRate: 1 } as const;

const weight = z.number().min(0).max(ruleMaxima.weight);
const percent = z.number().min(0).max(ruleMaxima.cutoff);

/** The factors every customer with a paid order has; the others can be left out (PRODUCT.md §3). */
export const alwaysUsedFactors = ["frequency", "monetary", "recency", "returns"] as const satisfies readonly FactorKey[];

/**
 * A refinement's issue with its catalogue key (messages under "rules.issues") beside its English,
 * so a page can word it in its reader's language.
 */
function issue(path: PropertyKey[], message: string, key: string, values: Record<string, string | number> = {}) {
  return keyedIssue(message, `rules.issues.${key}`, values, path);
}

export const scoringRulesSchema = z
  .object({
    windowDays: wholeNumber(0, ruleMaxima.windowDays),
    // Strict throughout: a misspelt key (`frequncy`) is refused, not silently dropped.
    weights: z.strictObject({
      frequency: weight,
      monetary: weight,
      recency: weight,
      interaction: weight,
      sharing: weight,
      returns: weight,
      reputation: weight,
    }),
    cutoffs: z.strictObject({ silver: percent, gold: percent, diamond: percent, crown: percent }),
    hysteresis: z.number().min(0).max(ruleMaxima.hysteresis),
    gates: z.strictObject({ maxReturnRate: z.number().min(0).max(ruleMaxima.maxReturnRate), complianceFlags: z.boolean() }),
  })
  .strict()
  .superRefine((rules, ctx) => {
    if (factorKeys.every((key) => rules.weights[key] === 0)) {
      ctx.addIssue(issue(["weights"], "At least one weight must be above 0.", "weightsAllZero"));
    } else if (alwaysUsedFactors.every((key) => rules.weights[key] === 0)) {
      // Interaction, sharing and reputation can each be left out for a customer; with only
      // those weighted, a customer without reviews or shares would have nothing to score.
      ctx.addIssue(
        issue(
          ["weights"],
          "Give frequency, spend, recency or returns a weight above 0: the other factors can be left out for a customer, who would then have no score.",
          "needsAlwaysUsedFactor",
        ),
      );
    }
    for (let i = 1; i < cutoffKeys.length; i++) {
      const lower = cutoffKeys[i - 1]!;
      const upper = cutoffKeys[i]!;
      if (!(rules.cutoffs[upper] > rules.cutoffs[lower])) {
        ctx.addIssue(
          issue(
            ["cutoffs", upper],
            `The ${upper} cutoff (${rules.cutoffs[upper]}) must be above the ${lower} cutoff (${rules.cutoffs[lower]}).`,
            "cutoffOrder",
            { upper, lower, upperValue: rules.cutoffs[upper], lowerValue: rules.cutoffs[lower] },
          ),
        );
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

/**
 * A group of the rules as sent (weights, cutoffs, gates), kept as it is for the merge and the full
 * schema to judge each key: zod's record assigned a key `__proto__` as the object's prototype,
 * so `{"weights":{"__proto__":{…}}}` was let through as no change at all (200) instead of refused
 * as a key the rules do not take.
 */
const group = z.custom<Record<string, unknown>>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  malformed("Invalid input: expected object"),
);

/** A PUT may send only the keys it changes. */
export const scoringRulesPatchSchema = z
  .object({
    windowDays: z.unknown(),
    weights: group,
    cutoffs: group,
    hysteresis: z.unknown(),
    gates: group,
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

/** A percentage as the share the rules keep (30 → 0.3), without binary noise (33.3 → 0.333). */
const fromPercent = (percent: number) => Number((percent / 100).toFixed(8));

/** The share the rules keep as the form's percentage (0.3 → 30, not 30.000000000000004). */
export const asPercent = (share: number) => Number((share * 100).toFixed(6));

/**
 * The settings form, its fields named by the rules' own paths (weights.frequency, cutoffs.gold,
 * gates.maxReturnRate…), turned into a full rules object and checked as the API checks it: a
 * refusal names the field it is about.
 */
export const scoringRulesFormSchema = z
  .object({
    windowDays: formNumber(z.coerce.number()),
    hysteresis: formNumber(z.coerce.number()),
    // A percentage on the form, as every return rate on the pages is; 0–1 in the rules (and the API).
    "gates.maxReturnRate": formNumber(z.coerce.number().min(0).max(ruleMaxima.maxReturnRate * 100)),
    "gates.complianceFlags": z.literal("on").optional(),
    ...Object.fromEntries(factorKeys.map((key) => [`weights.${key}`, formNumber(z.coerce.number())])),
    ...Object.fromEntries(cutoffKeys.map((key) => [`cutoffs.${key}`, formNumber(z.coerce.number())])),
  })
  .transform((form) => {
    const field = form as unknown as Record<string, number>;
    return {
      windowDays: form.windowDays,
      hysteresis: form.hysteresis,
      gates: { maxReturnRate: fromPercent(form["gates.maxReturnRate"]), complianceFlags: form["gates.complianceFlags"] === "on" },
      weights: Object.fromEntries(factorKeys.map((key) => [key, field[`weights.${key}`]])),
      cutoffs: Object.fromEntries(cutoffKeys.map((key) => [key, field[`cutoffs.${key}`]])),
    };
  })
  .pipe(scoringRulesSchema);
