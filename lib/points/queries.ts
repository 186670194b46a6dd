import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { AVAILABLE, expiryLedger, mayHaveExpired } from "./settle";

/**
 * For the members page and the dashboard: points held by the store's customers at `at`, and how
 * many customers hold any. Points past their expiry do not count, written off or not (as in
 * pointsBalance). Read from each customer's summed ledger (points_balances, kept by triggers on
 * the entries), and from their entries only for a customer some of whose points may be past
 * their expiry at `at` and not written off yet (its due_at): summing every entry of the store
 * took 0.3–1 s at 940,000 entries.
 */
export async function pointsOutstanding(db: DbOrTx, storeId: number, at: Date = new Date()): Promise<{ points: number; holders: number }> {
  // The few customers due are read apart and joined: a ledger read per row under a case made
  // PostgreSQL's estimate pass its JIT threshold, and the compiling took 0.5 s.
  const { rows } = await db.execute<{ points: number; holders: number }>(sql`
    with due as (select customer_id, ${AVAILABLE} as available from (${expiryLedger(storeId, at, mayHaveExpired(storeId, at))}) l),
    balances as (
      select coalesce(d.available, b.balance) as balance
      from points_balances b
      left join due d on d.customer_id = b.customer_id
      where b.store_id = ${storeId}
    )
    select coalesce(sum(balance), 0)::float8 as points, count(*) filter (where balance > 0)::int as holders from balances`);
  return { points: rows[0]?.points ?? 0, holders: rows[0]?.holders ?? 0 };
}
