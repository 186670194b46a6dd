import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "./index";

/**
 * How many statements have written the store's orders or order lines and committed: the count
 * folded into order_writes plus the marks since (migration 0025). It moves with every such
 * commit, whichever path wrote, so what is built from the orders compares it with the count it
 * was built at.
 */
export function orderWritesCount(storeId: number): SQL {
  return sql`(coalesce((select writes from order_writes where store_id = ${storeId}), 0)
    + (select count(*) from order_write_marks where store_id = ${storeId}))::bigint`;
}

/**
 * Folds the store's marks into its count, which stays the same. Only the store's recompute
 * writes the count row (it holds the store), so writers of orders never wait for it.
 */
export async function foldOrderWrites(tx: DbOrTx, storeId: number): Promise<void> {
  await tx.execute(sql`
    with folded as (delete from order_write_marks where store_id = ${storeId} returning 1)
    insert into order_writes as w (store_id, writes)
    select ${storeId}, count(*) from folded having count(*) > 0
    on conflict (store_id) do update set writes = w.writes + excluded.writes`);
}
