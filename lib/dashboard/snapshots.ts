import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";

/**
 * What a snapshot of the store's order history depends on: the latest score run (every import,
 * API batch, flag change and rules change ends in one), the newest order (in case orders arrive
 * by a path that has not recomputed yet) and the time zone that cuts the months. Two index
 * lookups, so checking it costs next to nothing.
 */
export async function orderDataVersion(storeId: number, timezone: string, db: DbOrTx = getDb()): Promise<string> {
  const { rows } = await db.execute<{ run_id: string | null; order_id: string | null }>(sql`
    select (select max(id) from score_runs where store_id = ${storeId})::text as run_id,
           (select max(id) from orders where store_id = ${storeId})::text as order_id`);
  const row = rows[0]!;
  return `run:${row.run_id ?? "-"};order:${row.order_id ?? "-"};tz:${timezone}`;
}

/**
 * The store's snapshots of this data version, read in one query, and a `cached(kind, compute)`
 * that answers from them or computes, stores and answers. Stale snapshots (another version) are
 * overwritten; two views racing on one both compute, the later write wins, and both are right.
 */
export async function snapshotsAt(storeId: number, version: string) {
  const db = getDb();
  const { rows } = await db.execute<{ kind: string; data: unknown }>(sql`
    select kind, data from dashboard_snapshots where store_id = ${storeId} and version = ${version}`);
  const stored = new Map(rows.map((r) => [r.kind, r.data]));
  return async function cached<T>(kind: string, compute: () => Promise<T>): Promise<T> {
    if (stored.has(kind)) return stored.get(kind) as T;
    const data = await compute();
    await db.execute(sql`
      insert into dashboard_snapshots (store_id, kind, version, data, computed_at)
      values (${storeId}, ${kind}, ${version}, ${JSON.stringify(data)}::jsonb, now())
      on conflict (store_id, kind) do update
        set version = excluded.version, data = excluded.data, computed_at = excluded.computed_at`);
    return data;
  };
}
