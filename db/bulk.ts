import { sql } from "drizzle-orm";
import type { DbOrTx } from "./index";

/**
 * Runs a bulk write whose every reference points at rows the same transaction has just
 * written or joined to, so its foreign keys hold by construction, with the per-row foreign-key
 * triggers switched off for the transaction (session_replication_role = replica, as pg_dump's
 * restores do): those checks are most of a bulk insert's time. Only when the role may (a
 * superuser) and none of `tables` has a trigger of its own that replica mode would skip too
 * (one enabled ALWAYS, as the order write counts are, still fires); otherwise the checks run.
 */
export async function withoutForeignKeyChecks<T>(db: DbOrTx, tables: string[], write: () => Promise<T>): Promise<T> {
  const { rows } = await db.execute<{ previous: string; allowed: boolean }>(sql`
    select current_setting('session_replication_role') as previous,
           (select rolsuper from pg_roles where rolname = current_user)
           and not exists (
             select 1 from pg_trigger
             where not tgisinternal and tgenabled <> 'A' and tgrelid::regclass::text = any(${sql.param(tables)}::text[])
           ) as allowed`);
  const previous = rows[0]?.previous ?? "origin";
  if (rows[0]?.allowed !== true || previous !== "origin") return write();
  await db.execute(sql`select set_config('session_replication_role', 'replica', true)`);
  // Set back only after a write that went through. One that failed aborted the transaction,
  // which ends the setting with it (a savepoint rolled back to undoes it too), and a statement
  // sent to reset it would fail in turn and hide the write's own error (a deadlock, say, that
  // the caller would run again) behind "current transaction is aborted".
  const result = await write();
  await db.execute(sql`select set_config('session_replication_role', ${previous}, true)`);
  return result;
}

/** The store tables bulk writes fill (seed, file imports). */
export const STORE_DATA_TABLES = ["customers", "products", "orders", "order_items", "returns", "reviews", "shares"] as const;
export type StoreDataTable = (typeof STORE_DATA_TABLES)[number];

/**
 * Refreshes the planner's statistics after a bulk write. The recompute that follows joins
 * these tables, and with the statistics of before the write PostgreSQL picks plans that are
 * orders of magnitude slower (a recompute right after seeding 1M orders took 286 s instead of
 * 14 s). PGlite has no autovacuum to catch up later. ANALYZE samples, so it stays quick; still,
 * beside a store of a million orders each table costs 0.1–0.4 s, so a caller that knows which
 * tables it wrote names them.
 */
export async function refreshStatistics(db: DbOrTx, tables: readonly StoreDataTable[] = STORE_DATA_TABLES): Promise<void> {
  if (tables.length > 0) await db.execute(sql.raw(`analyze ${tables.join(", ")}`));
}
