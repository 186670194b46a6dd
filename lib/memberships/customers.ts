import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { customers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { normalizeExternalId, normalizeText } from "@/lib/validation/text";

/** A customer of the store by buyer id (external id) or, failing that, by exact name. */
export async function findCustomerByKey(db: DbOrTx, storeId: number, key: string): Promise<{ id: number; externalId: string; name: string }> {
  const byExternal = await db
    .select({ id: customers.id, externalId: customers.externalId, name: customers.name })
    .from(customers)
    .where(and(eq(customers.storeId, storeId), eq(customers.externalId, normalizeExternalId(key))))
    .limit(1);
  if (byExternal[0]) return byExternal[0];
  const byName = await db
    .select({ id: customers.id, externalId: customers.externalId, name: customers.name })
    .from(customers)
    .where(and(eq(customers.storeId, storeId), eq(customers.name, normalizeText(key))))
    .limit(2);
  if (byName.length === 1) return byName[0]!;
  // The form's field is `customer` in both forms that ask (enrolment, the price lookup).
  if (byName.length > 1) {
    const message = `Several customers are called "${key}": give the buyer ID.`;
    throw new AppError("invalid", message, "pricing.errors.customerNameShared", { key }, [{ path: "customer", message }]);
  }
  const message = `No customer "${key}" in this store.`;
  throw new AppError("not_found", message, "pricing.errors.noSuchCustomer", { key }, [{ path: "customer", message }]);
}
