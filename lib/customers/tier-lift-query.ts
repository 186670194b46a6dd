import "server-only";
import { getDb } from "@/db";
import type { Tier } from "@/db/schema";
import { loadPricingCustomer } from "@/lib/pricing/effective-price";
import type { StoreContext } from "@/lib/stores/context";
import type { ScoringRules } from "@/lib/validation/scoring-rules";
import { explainTierLift, type TierLift } from "./tier-lift";

/**
 * For the customer page: what lifted or held this customer's tier (explainTierLift), from the
 * score's own tier and the membership in force, read as pricing reads them.
 */
export async function customerTierLift(
  ctx: StoreContext,
  customer: { id: number; score: number | null; tier: Tier },
  rules: Pick<ScoringRules, "cutoffs" | "hysteresis">,
  now = new Date(),
): Promise<TierLift[]> {
  const { scoreTier, membership } = await loadPricingCustomer(getDb(), ctx.store.id, customer.id, now);
  return explainTierLift({ ...customer, scoreTier, cutoffs: rules.cutoffs, hysteresis: rules.hysteresis, membership });
}
