import "server-only";
import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { flashSales, type Tier } from "@/db/schema";

export interface FlashOffer {
  saleId: number;
  /** The flash price, in minor units. */
  price: number;
  endsAt: Date;
}

/**
 * The flash prices open to this customer for these products at `at`, by product: per product the
 * lowest of its sales not cancelled, with units left, whose window is open to them (live, or
 * early access reached by their tier); products with none are absent. One query for all, as a
 * customer's page prices several products. The pricing layer compares them with the regular and
 * member prices. `isHighValue` is taken for symmetry with the reminder audience; claiming goes by tier.
 */
export async function findEligibleFlashOffers(
  db: DbOrTx,
  storeId: number,
  productIds: number[],
  customer: { tier: Tier; isHighValue: boolean },
  at: Date,
): Promise<Map<number, FlashOffer>> {
  if (productIds.length === 0) return new Map();
  // The tier enum orders ordinary < silver < gold < diamond < crown, so `<=` compares tiers.
  const windowOpen = or(
    sql`${flashSales.startsAt} <= ${at}`,
    and(
      sql`${flashSales.earlyAccessTier} <= ${customer.tier}::tier`,
      sql`${flashSales.startsAt} - make_interval(mins => ${flashSales.earlyAccessMinutes}) <= ${at}`,
    ),
  );
  const offers = await db
    .selectDistinctOn([flashSales.productId], {
      productId: flashSales.productId,
      saleId: flashSales.id,
      price: flashSales.price,
      endsAt: flashSales.endsAt,
    })
    .from(flashSales)
    .where(
      and(
        eq(flashSales.storeId, storeId),
        inArray(flashSales.productId, productIds),
        isNull(flashSales.cancelledAt),
        isNull(flashSales.settledAt),
        sql`exists (select 1 from flash_sale_stock st where st.store_id = ${flashSales.storeId} and st.sale_id = ${flashSales.id} and st.remaining > 0)`,
        gt(flashSales.endsAt, at),
        windowOpen,
      ),
    )
    .orderBy(asc(flashSales.productId), asc(flashSales.price));
  return new Map(offers.map(({ productId, ...offer }) => [productId, offer]));
}
