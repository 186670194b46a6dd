import { sql } from "drizzle-orm";
import type { Db } from "./index";

/** The tables a store's recompute reads; customers first, whose rows tell whether the rest are known. */
export const STORE_INPUTS = ["customers", "orders", "order_items", "returns", "reviews", "shares"] as const;
/** The tables a recompute writes, which the customers list joins; customer_scores first. */
export const STORE_SCORES = ["customer_scores", "customer_score_order"] as const;

/** A store this large, with the planner expecting a tenth of it or less, is analyzed. */
const UNSEEN_FROM = 1000;
const UNSEEN_RATIO = 10;
/**
 * Expected this many rows, a store is planned with the joins that suit thousands, whatever its
 * size: the count is spared (40–150 ms a table at 100,000 customers, at every recompute).
 */
const SEEN_FROM = 10_000;

/**
 * ANALYZEs `tables` when the planner's statistics do not count the store's rows of the first one
 * (a tenth of them or fewer, from 1,000 rows). Autovacuum analyzes a table once a tenth of the
 * whole table has changed, so a new store in a database with a larger one stays unseen: planned
 * for a store of one row, a new store of 2,100 customers beside one of 100,000 took 2.8 s to
 * recompute and 1.3 s a page of its list by score (nested loops over every row); analyzed (1.4 s,
 * once), 166 ms and 15 ms. The check is the planner's estimate and a count of at most ten times
 * it. ANALYZE runs outside any transaction of the caller's, so its locks go as soon as it ends.
 */
export async function analyzeWhenStoreUnseen(db: Db, storeId: number, tables: readonly [string, ...string[]]): Promise<boolean> {
  const key = `${tables[0]}:${storeId}`;
  const expected = await estimatedRows(db, tables[0], storeId);
  if (expected >= SEEN_FROM) return false;
  // A store too small a part of its table to show in the statistics' sample stays unseen once
  // analyzed: it is analyzed again only once it has doubled, not at every recompute.
  const enough = Math.max(UNSEEN_FROM, Math.ceil(expected * UNSEEN_RATIO), 2 * (analyzedAt.get(key) ?? 0));
  const { rows } = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (select 1 from ${sql.identifier(tables[0])} where store_id = ${storeId} limit ${enough}) t`);
  if (rows[0]!.n < enough) return false;
  await db.execute(sql`analyze ${sql.join(tables.map((table) => sql.identifier(table)), sql`, `)}`);
  analyzedAt.set(key, enough);
  return true;
}

/** Per first table and store, the rows counted when this process last analyzed for it. */
const analyzedAt = new Map<string, number>();

/** The rows the planner expects `table` to hold for the store. */
export async function estimatedRows(db: Db, table: string, storeId: number): Promise<number> {
  if (!Number.isSafeInteger(storeId)) throw new Error(`Not a store id: ${storeId}`);
  // The id is written into the statement, as a literal is planned: a parameter may be planned generically.
  const { rows } = await db.execute<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    sql`explain (format json) select 1 from ${sql.identifier(table)} where store_id = ${sql.raw(String(storeId))}`,
  );
  const plan = rows[0]!["QUERY PLAN"];
  return (typeof plan === "string" ? JSON.parse(plan) : plan)[0].Plan["Plan Rows"];
}
