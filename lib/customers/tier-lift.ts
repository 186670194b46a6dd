import { tiers, type Tier } from "@/db/schema";

// Why a customer's tier is above what their score earns today (PRODUCT.md §3): a tier shown
// alone read as a scoring error when a paid membership lifted it, or hysteresis held it.

export interface TierCutoffs {
  silver: number;
  gold: number;
  diamond: number;
  crown: number;
}

export type TierLift =
  /** An active paid membership lifts the tier in force to at least its plan's tier. */
  | { kind: "membership"; scoreTier: Tier; tier: Tier; planName: string; endsAt: Date }
  /**
   * The score is under the held tier's cutoff, but not yet `hysteresis` under it: the tier is kept
   * until the score falls to `dropsAt` or below.
   */
  | { kind: "held"; cutoffTier: Tier; heldTier: Tier; score: number; cutoff: number; dropsAt: number };

/** The tier the cutoffs alone give a score (a cutoff at or under the score counts), as the recompute reads them. */
export function tierByCutoffs(score: number | null, cutoffs: TierCutoffs): Tier {
  if (score === null) return "ordinary";
  let tier: Tier = "ordinary";
  for (const t of tiers) if (t !== "ordinary" && score >= cutoffs[t]) tier = t;
  return tier;
}

const rank = (tier: Tier) => tiers.indexOf(tier);

/**
 * What lifted or held the customer's tier, if anything: hysteresis (their score's tier above the
 * cutoffs' tier) and a paid membership (the tier in force above the score's tier) may both apply.
 */
export function explainTierLift(customer: {
  score: number | null;
  /** The tier the score earns, hysteresis included (customer_scores.score_tier). */
  scoreTier: Tier;
  /** The tier in force. */
  tier: Tier;
  cutoffs: TierCutoffs;
  hysteresis: number;
  /** The customer's active membership with the highest tier (activeMembership), or null. */
  membership: { planName: string; tier: Tier; endsAt: Date } | null;
}): TierLift[] {
  const lifts: TierLift[] = [];
  const cutoffTier = tierByCutoffs(customer.score, customer.cutoffs);
  if (customer.score !== null && customer.scoreTier !== "ordinary" && rank(customer.scoreTier) > rank(cutoffTier)) {
    const cutoff = customer.cutoffs[customer.scoreTier];
    lifts.push({
      kind: "held",
      cutoffTier,
      heldTier: customer.scoreTier,
      score: customer.score,
      cutoff,
      // Decimal steps of 0.1 (scores have one decimal): 60 − 5 is 55, never 54.99999.
      dropsAt: Math.round((cutoff - customer.hysteresis) * 10) / 10,
    });
  }
  const plan = customer.membership;
  if (rank(customer.tier) > rank(customer.scoreTier) && plan && rank(plan.tier) >= rank(customer.tier)) {
    lifts.push({ kind: "membership", scoreTier: customer.scoreTier, tier: customer.tier, planName: plan.planName, endsAt: plan.endsAt });
  }
  return lifts;
}
