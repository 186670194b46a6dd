import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import { pointsRules, tiers, type Tier } from "@/db/schema";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import type { PointsRulesInput } from "@/lib/validation/pricing";

// 积分规则 (PRODUCT.md §4): earn rate, tier multipliers, expiry and redemption rate, one set per store.

export interface PointsRulesView {
  enabled: boolean;
  /** Points per major currency unit of a paid order. */
  earnRate: number;
  tierMultipliers: Record<Tier, number>;
  /** 0 = points never expire. */
  expiryMonths: number;
  /** Points per major currency unit of coupon value. */
  redeemRate: number;
  earnFrom: Date;
}

/** What the form shows before the owner ever saved rules. */
export const defaultPointsRules: Omit<PointsRulesView, "earnFrom" | "enabled"> = {
  earnRate: 1,
  tierMultipliers: { ordinary: 1, silver: 1.2, gold: 1.5, diamond: 2, crown: 3 },
  expiryMonths: 12,
  redeemRate: 100,
};

function completeMultipliers(stored: Record<string, number>): Record<Tier, number> {
  return Object.fromEntries(tiers.map((tier) => [tier, stored[tier] ?? 1])) as Record<Tier, number>;
}

/** The store's rules, or null when it has no points programme yet. */
export const findPointsRules = reusePlans(async function findPointsRules(db: DbOrTx, storeId: number): Promise<PointsRulesView | null> {
  const [row] = await db.select().from(pointsRules).where(eq(pointsRules.storeId, storeId));
  if (!row) return null;
  return {
    enabled: row.enabled,
    earnRate: Number(row.earnRate),
    tierMultipliers: completeMultipliers(row.tierMultipliers),
    expiryMonths: row.expiryMonths,
    redeemRate: row.redeemRate,
    earnFrom: row.earnFrom,
  };
});

/**
 * Saves the rules. The first save starts the programme: orders placed from then on earn points
 * (history before it does not, so switching points on never hands out years of back pay). So does
 * switching it on again: orders placed while it was off earn nothing then either.
 */
export async function savePointsRules(ctx: StoreContext, input: PointsRulesInput, at = new Date()): Promise<PointsRulesView> {
  assertRole(ctx, "owner");
  const values = {
    enabled: input.enabled,
    earnRate: input.earnRate,
    tierMultipliers: Object.fromEntries(tiers.map((tier) => [tier, input[tier]])),
    expiryMonths: input.expiryMonths,
    redeemRate: input.redeemRate,
    updatedAt: at,
    updatedByUserId: ctx.userId,
  };
  await getDb()
    .insert(pointsRules)
    .values({ storeId: ctx.store.id, earnFrom: at, ...values })
    .onConflictDoUpdate({
      target: pointsRules.storeId,
      set: {
        ...values,
        earnFrom: sql`case when not ${pointsRules.enabled} and excluded.enabled then excluded.earn_from else ${pointsRules.earnFrom} end`,
      },
    });
  return (await findPointsRules(getDb(), ctx.store.id))!;
}
