import "server-only";
import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { flashSaleBuyers, flashSales, type Tier } from "@/db/schema";

export interface FlashOffer {
  saleId: number;
  /** The flash price, in minor units. */
  price: number;
  endsAt: Date;
}

/** A sale whose window is open to the customer, but who already holds its per-customer limit. */
export interface SpentFlashOffer {
  saleId: number;
  price: number;
  perCustomerLimit: number;
}

export interface FlashOffers {
  /** Per product, the flash price the customer may still claim. */
  open: Map<number, FlashOffer>;
  /** Per product without one, a sale that would be open to them but for its per-customer limit. */
  limitReached: Map<number, SpentFlashOffer>;
}

/**
 * The flash prices open to this customer for these products at `at`, by product: per product the
 * lowest of its sales not cancelled, with units left, whose window is open to them (live, or
 * early access reached by their tier) and of which they hold fewer units than its per-customer
 * limit (§4: the flash price counts only when the customer may claim it); products with none are
 * absent. A sale left out for its limit alone is named in `limitReached`, for the price to say
 * why. One query for all, as a customer's page prices several products. The pricing layer
 * compares them with the regular and member prices. `id` null prices for no customer, who holds
 * nothing; `isHighValue` is taken for symmetry with the reminder audience; claiming goes by tier.
 */
export async function findEligibleFlashOffers(
  db: DbOrTx,
  storeId: number,
  productIds: number[],
  customer: { id: number | null; tier: Tier; isHighValue: boolean },
  at: Date,
): Promise<FlashOffers> {
  const found: FlashOffers = { open: new Map(), limitReached: new Map() };
  if (productIds.length === 0) return found;
  // The tier enum orders ordinary < silver < gold < diamond < crown, so `<=` compares tiers.
  const windowOpen = or(
    sql`${flashSales.startsAt} <= ${at}`,
    and(
      sql`${flashSales.earlyAccessTier} <= ${customer.tier}::tier`,
      sql`${flashSales.startsAt} - make_interval(mins => ${flashSales.earlyAccessMinutes}) <= ${at}`,
    ),
  );
  const limitReached = sql<boolean>`coalesce(${flashSaleBuyers.units}, 0) >= ${flashSales.perCustomerLimit}`;
  const offers = await db
    .selectDistinctOn([flashSales.productId], {
      productId: flashSales.productId,
      saleId: flashSales.id,
      price: flashSales.price,
      endsAt: flashSales.endsAt,
      perCustomerLimit: flashSales.perCustomerLimit,
      limitReached,
    })
    .from(flashSales)
    .leftJoin(
      flashSaleBuyers,
      and(
        eq(flashSaleBuyers.storeId, flashSales.storeId),
        eq(flashSaleBuyers.saleId, flashSales.id),
        customer.id === null ? sql`false` : eq(flashSaleBuyers.customerId, customer.id),
      ),
    )
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
    // A sale still open to them before one whose limit they hold, then the lowest price.
    .orderBy(asc(flashSales.productId), asc(limitReached), asc(flashSales.price));
  for (const { productId, saleId, price, endsAt, perCustomerLimit, limitReached: spent } of offers) {
    if (spent) found.limitReached.set(productId, { saleId, price, perCustomerLimit });
    else found.open.set(productId, { saleId, price, endsAt });
  }
  return found;
}
