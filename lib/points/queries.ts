import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { AVAILABLE, expiryLedger } from "./settle";

/**
 * For the dashboard: points held by the store's customers at `at`, and how many customers hold
 * any. Points past their expiry do not count, written off or not (as in pointsBalance).
 */
export async function pointsOutstanding(db: DbOrTx, storeId: number, at: Date = new Date()): Promise<{ points: number; holders: number }> {
  const { rows } = await db.execute<{ points: number; holders: number }>(sql`
    with balances as (select ${AVAILABLE} as balance from (${expiryLedger(storeId, at)}) l)
    select coalesce(sum(balance), 0)::float8 as points, count(*) filter (where balance > 0)::int as holders from balances`);
  return { points: rows[0]?.points ?? 0, holders: rows[0]?.holders ?? 0 };
}
