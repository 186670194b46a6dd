import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import { assertUnchanged, unchangedSince } from "@/db/unchanged";
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
  /** When points were switched off, [from, to): orders placed then earn nothing. */
  paused: { from: Date; to: Date }[];
  /**
   * When they were last saved: the form sends it back (savePointsRules' `seen`), and a
   * settlement after a save goes over every order again (lib/points/settle.ts).
   */
  updatedAt: Date;
}

/**
 * When points earned at `at` expire: `months` later on the store's calendar, at the same hour of
 * its clock (31 March 02:00 in Shanghai + 1 is 30 April 02:00, where in UTC's calendar, the
 * session's, it was 1 May); never (null) with 0 months.
 */
export function pointsExpiry(at: SQL, months: number, timeZone: string): SQL {
  return months > 0 ? sql`((${at} at time zone ${timeZone}) + make_interval(months => ${months})) at time zone ${timeZone}` : sql`null::timestamptz`;
}

/** What the form shows before the owner ever saved rules. */
export const defaultPointsRules: Omit<PointsRulesView, "earnFrom" | "enabled" | "paused" | "updatedAt"> = {
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
    paused: row.paused.map(([from, to]) => ({ from: new Date(from), to: new Date(to) })),
    updatedAt: row.updatedAt,
  };
});

/**
 * Saves the rules. The first save starts the programme: orders placed from then on earn points
 * (history before it does not, so switching points on never hands out years of back pay).
 * Switching it off and on again pauses it: orders placed while it was off earn nothing, and
 * those placed while it was on earn whenever they arrive (an import while off, or late), once it
 * is on. A store already off when the pause began to be kept (migration 0038) has no off_since:
 * switched on, its programme starts again then, as it used to. `seen`: when the rules the form
 * showed were saved (null: none yet); the form sends every rate, so a save over newer rules (another
 * owner's) would put theirs back: it is refused instead.
 */
export async function savePointsRules(
  ctx: StoreContext,
  input: PointsRulesInput,
  at = new Date(),
  options: { seen?: Date | null } = {},
): Promise<PointsRulesView> {
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
  const saved = await getDb()
    .insert(pointsRules)
    .values({ storeId: ctx.store.id, earnFrom: at, offSince: input.enabled ? null : at, ...values })
    .onConflictDoUpdate({
      target: pointsRules.storeId,
      set: {
        ...values,
        earnFrom: sql`case when not ${pointsRules.enabled} and excluded.enabled and ${pointsRules.offSince} is null
          then excluded.earn_from else ${pointsRules.earnFrom} end`,
        paused: sql`case when not ${pointsRules.enabled} and excluded.enabled and ${pointsRules.offSince} is not null
          then ${pointsRules.paused} || jsonb_build_array(jsonb_build_array(${pointsRules.offSince}, excluded.earn_from))
          else ${pointsRules.paused} end`,
        offSince: sql`case when excluded.enabled then null when ${pointsRules.enabled} then excluded.earn_from else ${pointsRules.offSince} end`,
      },
      setWhere: unchangedSince(pointsRules.updatedAt, options.seen),
    })
    .returning({ storeId: pointsRules.storeId });
  assertUnchanged(
    saved,
    "The points rules were changed meanwhile by another owner; reload the page and make your change again.",
    "pricing.errors.pointsRulesChangedMeanwhile",
  );
  return (await findPointsRules(getDb(), ctx.store.id))!;
}
