import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { customerFlagEvents, customerFlags, customers, type ComplianceFlag } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { StoreContext } from "@/lib/stores/context";
import { recomputeScores } from "./recompute";

async function assertCustomer(ctx: StoreContext, customerId: number) {
  const [row] = await getDb()
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.storeId, ctx.store.id), eq(customers.id, customerId)));
  if (!row) throw new AppError("not_found", "No such customer in this store.", "errors.noSuchCustomer");
}

/**
 * Staff and owners set a compliance flag (with a reason) on a customer; it is recorded in the
 * flag history and the store's scores are recomputed, since a flag closes the high-value gate.
 */
export async function setComplianceFlag(ctx: StoreContext, customerId: number, flag: ComplianceFlag, reason: string) {
  await assertCustomer(ctx, customerId);
  await getDb().transaction(async (tx) => {
    const inserted = await tx
      .insert(customerFlags)
      .values({ storeId: ctx.store.id, customerId, flag, reason, setByUserId: ctx.userId })
      .onConflictDoNothing()
      .returning({ flag: customerFlags.flag });
    if (inserted.length === 0) throw new AppError("conflict", "This customer already has that flag.", "errors.flagAlreadySet");
    await tx.insert(customerFlagEvents).values({ storeId: ctx.store.id, customerId, flag, action: "set", reason, byUserId: ctx.userId });
  });
  return recomputeScores(ctx.store.id);
}

export async function clearComplianceFlag(ctx: StoreContext, customerId: number, flag: ComplianceFlag, reason: string) {
  await assertCustomer(ctx, customerId);
  await getDb().transaction(async (tx) => {
    const removed = await tx
      .delete(customerFlags)
      .where(and(eq(customerFlags.storeId, ctx.store.id), eq(customerFlags.customerId, customerId), eq(customerFlags.flag, flag)))
      .returning({ flag: customerFlags.flag });
    if (removed.length === 0) throw new AppError("not_found", "This customer does not have that flag.", "errors.flagNotSet");
    await tx.insert(customerFlagEvents).values({ storeId: ctx.store.id, customerId, flag, action: "clear", reason, byUserId: ctx.userId });
  });
  return recomputeScores(ctx.store.id);
}
