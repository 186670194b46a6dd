import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { expiryLedger } from "./settle";

/**
 * For the dashboard: points held by the store's customers at `at`, and how many customers hold
 * any. Points past their expiry do not count, written off or not (as in pointsBalance).
 */
export async function pointsOutstanding(db: DbOrTx, storeId: number, at: Date = new Date()): Promise<{ points: number; holders: number }> {
  const { rows } = await db.execute<{ points: number; holders: number }>(sql`
    with balances as (
      select b.balance - coalesce(greatest(0, l.past_expiry - l.debits), 0) as balance
      from (select customer_id, sum(points) as balance from points_entries where store_id = ${storeId} group by customer_id) b
      left join (${expiryLedger(storeId, at)}) l using (customer_id)
    )
    select coalesce(sum(balance), 0)::float8 as points, count(*) filter (where balance > 0)::int as holders from balances`);
  return { points: rows[0]?.points ?? 0, holders: rows[0]?.holders ?? 0 };
}
