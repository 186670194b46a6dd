import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";

/** Whether `rows` (a select) has fewer than `limit` rows, reading at most `limit` of them. */
export async function fewerRowsThan(limit: number, rows: SQL): Promise<boolean> {
  const { rows: counted } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from (${rows} limit ${limit}) t`);
  return counted[0]!.n < limit;
}
