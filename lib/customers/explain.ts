import type { CustomerScore } from "@/db/schema";
import { factorKeys, type FactorKey, type ScoringRules } from "@/lib/validation/scoring-rules";

/** Why a factor did not count for a customer. */
export type LeftOutReason = "no_paid_orders" | "no_reviews_in_store" | "no_shares_in_store" | "no_reviews";

export interface FactorExplanation {
  key: FactorKey;
  /** 0–100, or null when left out. */
  value: number | null;
  weight: number;
  /** What the factor brought to the score: weight × value / Σ weights used. */
  points: number;
  used: boolean;
  reason?: LeftOutReason;
}

type ScoreFactors = Pick<
  CustomerScore,
  "orders" | "reviews" | "frequency" | "monetary" | "recency" | "interaction" | "sharing" | "returnsFactor" | "reputation"
>;

const valueOf = (row: ScoreFactors, key: FactorKey): number | null =>
  ({
    frequency: row.frequency,
    monetary: row.monetary,
    recency: row.recency,
    interaction: row.interaction,
    sharing: row.sharing,
    returns: row.returnsFactor,
    reputation: row.reputation,
  })[key];

function reasonLeftOut(row: ScoreFactors, key: FactorKey): LeftOutReason {
  if (row.orders === 0) return "no_paid_orders";
  if (key === "interaction") return "no_reviews_in_store";
  if (key === "sharing") return "no_shares_in_store";
  // Reputation: the store has reviews (interaction counted) but this customer wrote none, or
  // the store has none at all.
  return row.interaction === null ? "no_reviews_in_store" : "no_reviews";
}

/** The score taken apart factor by factor, with the rules it was computed with. */
export function explainScore(row: ScoreFactors, rules: ScoringRules): FactorExplanation[] {
  const used = factorKeys.filter((key) => valueOf(row, key) !== null);
  const weightUsed = used.reduce((sum, key) => sum + rules.weights[key], 0);
  return factorKeys.map((key) => {
    const value = valueOf(row, key);
    const weight = rules.weights[key];
    if (value === null) return { key, value: null, weight, points: 0, used: false, reason: reasonLeftOut(row, key) };
    return { key, value, weight, points: weightUsed > 0 ? (weight * value) / weightUsed : 0, used: true };
  });
}

/**
 * The factors' points added up, as the page's total row shows them: the score before it is
 * rounded. Summed in floating point, points making 2.35 came to 2.3499…, shown as 2.3 under a
 * score of 2.4 (the score is rounded exactly, in SQL): the sum is taken to nine decimals.
 */
export function pointsTotal(factors: Pick<FactorExplanation, "points">[]): number {
  return Math.round(factors.reduce((sum, f) => sum + f.points, 0) * 1e9) / 1e9;
}
