import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/** For the dashboard: points held by the store's customers, and how many customers hold any. */
export async function pointsOutstanding(db: DbOrTx, storeId: number): Promise<{ points: number; holders: number }> {
  const { rows } = await db.execute<{ points: number; holders: number }>(sql`
    select coalesce(sum(balance), 0)::float8 as points, count(*) filter (where balance > 0)::int as holders
    from (select sum(points) as balance from points_entries where store_id = ${storeId} group by customer_id) b`);
  return { points: rows[0]?.points ?? 0, holders: rows[0]?.holders ?? 0 };
}
