import "server-only";
import { getDb } from "@/db";
import { findCustomerByKey } from "@/lib/memberships/customers";
import type { StoreContext } from "@/lib/stores/context";
import { effectivePrice, type EffectivePrice } from "./effective-price";
import { findProduct } from "./member-prices";

/**
 * "Price for customer…": the effective price of a product (by external id) for a customer (by
 * buyer id or exact name; none = a customer without a tier). Staff may look prices up too.
 */
export async function lookUpPrice(
  ctx: StoreContext,
  input: { product: { externalId: string } | { id: number }; customer?: string | null; at?: Date; locale?: string },
): Promise<EffectivePrice & { product: { externalId: string; name: string }; customer: { externalId: string; name: string } | null }> {
  const db = getDb();
  const product = await findProduct(ctx, input.product);
  const customer = input.customer ? await findCustomerByKey(db, ctx.store.id, input.customer) : null;
  const result = await effectivePrice(db, ctx.store, product.id, customer?.id ?? null, { at: input.at, locale: input.locale });
  return {
    ...result,
    product: { externalId: product.externalId, name: product.name },
    customer: customer ? { externalId: customer.externalId, name: customer.name } : null,
  };
}
