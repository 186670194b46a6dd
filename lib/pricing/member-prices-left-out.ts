import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { tiers, type Tier } from "@/db/schema";
import { resolveMemberPrice } from "./member-prices";
import { withinPriceLimits, type PriceLimits } from "./price-guard";

// A product's regular price lowered (or its floor raised) past a member price leaves that price
// stored but no longer used (effective-price.ts skips it): the save says which, so the owner
// learns it then, not from a customer charged the regular price.

export interface MemberPriceLeftOut {
  productId: number;
  tier: Tier;
  /** What the member price stands for at the new regular price, in minor units. */
  price: number;
  /** Which limit it is now past. */
  past: "regular" | "floor";
}

/**
 * The member prices that applied under each product's limits `before` and no longer do under
 * `after`: in the order of `changes`, each product's in tier order. Read in the transaction that moved the prices.
 */
export async function memberPricesLeftOut(
  db: DbOrTx,
  storeId: number,
  changes: { productId: number; before: PriceLimits; after: PriceLimits }[],
): Promise<MemberPriceLeftOut[]> {
  const moved = changes.filter((c) => c.before.price !== c.after.price || (c.before.floorPrice ?? 0) !== (c.after.floorPrice ?? 0));
  if (moved.length === 0) return [];
  const { rows } = await db.execute<{ product_id: number; tier: Tier; price: number | null; percent_off: number | null }>(sql`
    select product_id::int as product_id, tier, price::float8 as price, percent_off from member_prices
    where store_id = ${storeId} and product_id = any(${sql.param(moved.map((c) => c.productId))}::bigint[])`);
  const byTier = rows.sort((a, b) => tiers.indexOf(a.tier) - tiers.indexOf(b.tier));
  const out: MemberPriceLeftOut[] = [];
  for (const change of moved) {
    for (const row of byTier.filter((r) => r.product_id === change.productId)) {
      const stored = { price: row.price, percentOff: row.percent_off };
      const now = resolveMemberPrice(change.after.price, stored);
      if (withinPriceLimits(resolveMemberPrice(change.before.price, stored), change.before) && !withinPriceLimits(now, change.after)) {
        out.push({ productId: change.productId, tier: row.tier, price: now, past: now > change.after.price ? "regular" : "floor" });
      }
    }
  }
  return out;
}
