import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
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
 * Sets a flag and writes its history entry, in `tx`: false, writing nothing, when the customer
 * already has that flag. `disputeId` names the dispute when Laoke set it (no user then).
 */
async function insertFlag(
  tx: Tx,
  row: { storeId: number; customerId: number; flag: ComplianceFlag; reason: string; byUserId: number | null; disputeId?: number; at?: Date },
): Promise<boolean> {
  const { storeId, customerId, flag, reason, byUserId, disputeId = null, at } = row;
  const inserted = await tx
    .insert(customerFlags)
    .values({ storeId, customerId, flag, reason, setByUserId: byUserId, disputeId, setAt: at })
    .onConflictDoNothing()
    .returning({ flag: customerFlags.flag });
  if (inserted.length === 0) return false;
  await tx.insert(customerFlagEvents).values({ storeId, customerId, flag, action: "set", reason, byUserId, disputeId, at });
  return true;
}

/**
 * Staff and owners set a compliance flag (with a reason) on a customer; it is recorded in the
 * flag history and the store's scores are recomputed, since a flag closes the high-value gate.
 */
export async function setComplianceFlag(ctx: StoreContext, customerId: number, flag: ComplianceFlag, reason: string) {
  await assertCustomer(ctx, customerId);
  await getDb().transaction(async (tx) => {
    if (!(await insertFlag(tx, { storeId: ctx.store.id, customerId, flag, reason, byUserId: ctx.userId }))) {
      throw new AppError("conflict", "This customer already has that flag.", "errors.flagAlreadySet");
    }
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

/**
 * PRODUCT.md §6: a complainant with 3 or more earlier malicious-complaint or fake-return disputes
 * "is flagged". Laoke sets the malicious_complaint flag, in the transaction that submits the
 * dispute and naming it, so the high-value gate closes (§3) and the customer page says why. A flag
 * already there (set by staff, or by an earlier dispute) is left as it is. Staff may clear it with
 * a reason like any flag; the next such dispute sets it again. True when it set the flag: the
 * caller rescores the store once the transaction has committed.
 */
export async function flagRepeatComplainant(
  tx: Tx,
  storeId: number,
  customerId: number,
  dispute: { id: number; earlierComplaints: number; at: Date },
): Promise<boolean> {
  // Kept in English, as staff's reasons are kept as typed; the pages say it from disputeId.
  const reason = `Repeat complainant: ${dispute.earlierComplaints} earlier malicious-complaint or fake-return disputes when dispute #${dispute.id} was submitted.`;
  return insertFlag(tx, { storeId, customerId, flag: "malicious_complaint", reason, byUserId: null, disputeId: dispute.id, at: dispute.at });
}
