import { sql } from "drizzle-orm";
import type { DbOrTx } from "./index";

/**
 * Runs a bulk write whose every reference points at rows the same transaction has just
 * written or joined to, so its foreign keys hold by construction, with the per-row foreign-key
 * triggers switched off for the transaction (session_replication_role = replica, as pg_dump's
 * restores do): those checks are most of a bulk insert's time. Only when the role may (a
 * superuser) and none of `tables` has a trigger of its own, which replica mode would skip too;
 * otherwise the checks simply run.
 */
export async function withoutForeignKeyChecks<T>(db: DbOrTx, tables: string[], write: () => Promise<T>): Promise<T> {
  const { rows } = await db.execute<{ previous: string; allowed: boolean }>(sql`
    select current_setting('session_replication_role') as previous,
           (select rolsuper from pg_roles where rolname = current_user)
           and not exists (
             select 1 from pg_trigger
             where not tgisinternal and tgrelid::regclass::text = any(${sql.param(tables)}::text[])
           ) as allowed`);
  const previous = rows[0]?.previous ?? "origin";
  if (rows[0]?.allowed !== true || previous !== "origin") return write();
  await db.execute(sql`select set_config('session_replication_role', 'replica', true)`);
  try {
    return await write();
  } finally {
    await db.execute(sql`select set_config('session_replication_role', ${previous}, true)`);
  }
}
