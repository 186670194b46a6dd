import "server-only";
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { flashSales, type Tier } from "@/db/schema";

export interface FlashOffer {
  saleId: number;
  /** The flash price, in minor units. */
  price: number;
  endsAt: Date;
}

/**
 * The flash price open to this customer for this product at `at`: a sale not cancelled, with
 * units left, whose window is open to them (live, or early access reached by their tier).
 * Null when there is none. The pricing layer compares it with the regular and member prices.
 * `isHighValue` is taken for symmetry with the reminder audience; claiming goes by tier.
 */
export async function findEligibleFlashOffer(
  db: DbOrTx,
  storeId: number,
  productId: number,
  customer: { tier: Tier; isHighValue: boolean },
  at: Date,
): Promise<FlashOffer | null> {
  // The tier enum orders ordinary < silver < gold < diamond < crown, so `<=` compares tiers.
  const windowOpen = or(
    sql`${flashSales.startsAt} <= ${at}`,
    and(
      sql`${flashSales.earlyAccessTier} <= ${customer.tier}::tier`,
      sql`${flashSales.startsAt} - make_interval(mins => ${flashSales.earlyAccessMinutes}) <= ${at}`,
    ),
  );
  const [offer] = await db
    .select({ saleId: flashSales.id, price: flashSales.price, endsAt: flashSales.endsAt })
    .from(flashSales)
    .where(
      and(
        eq(flashSales.storeId, storeId),
        eq(flashSales.productId, productId),
        isNull(flashSales.cancelledAt),
        isNull(flashSales.settledAt),
        sql`exists (select 1 from flash_sale_stock st where st.store_id = ${flashSales.storeId} and st.sale_id = ${flashSales.id} and st.remaining > 0)`,
        gt(flashSales.endsAt, at),
        windowOpen,
      ),
    )
    .orderBy(asc(flashSales.price))
    .limit(1);
  return offer ?? null;
}
