import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { customerScores, type Tier } from "@/db/schema";
import { customerMembershipHistory } from "@/lib/memberships/queries";
import type { StoreContext } from "@/lib/stores/context";
import type { ScoringRules } from "@/lib/validation/scoring-rules";
import { explainTierLift, type TierLift } from "./tier-lift";

/** For the customer page: what lifted or held this customer's tier (explainTierLift), read from the store. */
export async function customerTierLift(
  ctx: StoreContext,
  customer: { id: number; score: number | null; tier: Tier },
  rules: Pick<ScoringRules, "cutoffs" | "hysteresis">,
  now = new Date(),
): Promise<TierLift[]> {
  const [[row], history] = await Promise.all([
    getDb()
      .select({ scoreTier: customerScores.scoreTier })
      .from(customerScores)
      .where(and(eq(customerScores.storeId, ctx.store.id), eq(customerScores.customerId, customer.id))),
    customerMembershipHistory(ctx, customer.id),
  ]);
  if (!row) return [];
  const active = history.filter((m) => m.startsAt <= now && m.endsAt > now && (!m.cancelledAt || m.cancelledAt > now));
  return explainTierLift({ ...customer, scoreTier: row.scoreTier, cutoffs: rules.cutoffs, hysteresis: rules.hysteresis, memberships: active });
}
