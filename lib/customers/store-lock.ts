import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/**
 * Holds the store for the rest of the transaction `tx`: the store's recomputes, the co-purchase
 * counts an import brings up to date after its own, and rep spreads run one at a time, each
 * seeing what the previous one left. No key update, not for update: the store's other writes go
 * on meanwhile, since the key-share lock with which PostgreSQL checks every foreign key to the
 * store is left alone. Locked for update, every new row of the store (an API order, a new
 * buyer's flash-sale claim, a dispute) waited for the whole recompute.
 */
export async function holdStoreForRecompute(tx: DbOrTx, storeId: number): Promise<void> {
  await tx.execute(sql`select id from stores where id = ${storeId} for no key update`);
}
