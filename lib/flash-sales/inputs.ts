import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { products } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import type { FlashSaleApiCreate, FlashSaleForm } from "@/lib/validation/flash-sales";
import { FlashSaleRulesError, type FlashSaleDraft } from "./rules";
import { parseMajorPrice, parseStoreTime } from "./times";

// From what the form and the API send to the domain's draft: times read in the store's zone,
// the form's price from major units, the API's product by its external id.

export function draftFromForm(ctx: StoreContext, form: FlashSaleForm): FlashSaleDraft {
  const tz = ctx.store.timezone;
  const tier = form.earlyAccessTier || null;
  const minutes = form.earlyAccessMinutes === "" || form.earlyAccessMinutes === undefined ? null : form.earlyAccessMinutes;
  return {
    price: parseMajorPrice(form.price, ctx.store.currency),
    quantity: form.quantity,
    perCustomerLimit: form.perCustomerLimit,
    startsAt: parseStoreTime("startsAt", form.startsAt, tz),
    endsAt: parseStoreTime("endsAt", form.endsAt, tz),
    earlyAccessTier: tier,
    earlyAccessMinutes: minutes,
  };
}

/** The store's product with this external id; a broken rule (worded for the form and the API) when there is none. */
export async function saleProductId(ctx: StoreContext, externalId: string): Promise<number> {
  const [product] = await getDb()
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.storeId, ctx.store.id), eq(products.externalId, externalId)));
  if (!product) {
    throw new FlashSaleRulesError([
      {
        rule: "productNotFound",
        path: "productExternalId",
        message: `No product with external id "${externalId}" in this store.`,
        key: "flashSales.rules.productNotFound",
        values: { id: externalId },
      },
    ]);
  }
  return product.id;
}

export async function draftFromApi(ctx: StoreContext, body: FlashSaleApiCreate): Promise<{ productId: number; draft: FlashSaleDraft }> {
  const productId = await saleProductId(ctx, body.productExternalId);
  const tz = ctx.store.timezone;
  return {
    productId,
    draft: {
      price: body.price,
      quantity: body.quantity,
      perCustomerLimit: body.perCustomerLimit,
      startsAt: parseStoreTime("startsAt", body.startsAt, tz),
      endsAt: parseStoreTime("endsAt", body.endsAt, tz),
      earlyAccessTier: body.earlyAccess?.tier ?? null,
      earlyAccessMinutes: body.earlyAccess?.minutes ?? null,
    },
  };
}
