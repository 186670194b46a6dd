import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { orderWritesCount } from "@/db/order-writes";

/** What the dashboard's stored aggregates are computed from, each kind keyed by its own. */
export interface DataVersions {
  /** The latest score run (every import, ingest batch, flag and rules change ends in one): the customer-value charts. */
  scores: string;
  /**
   * The statements that wrote the store's orders or order lines (the order write count,
   * db/order-writes.ts) and the time zone that cuts the months: the monthly chart. A recompute after
   * returns, reviews, flags or rules leaves it as it is, and an order written by a path that has
   * not recomputed yet still moves it.
   */
  orders: string;
}

/** Both versions in one round trip of index lookups, so checking them costs next to nothing. */
export async function dataVersions(storeId: number, timezone: string, db: DbOrTx = getDb()): Promise<DataVersions> {
  const { rows } = await db.execute<{ run_id: string | null; order_writes: string | null }>(sql`
    select (select max(id) from score_runs where store_id = ${storeId})::text as run_id,
           ${orderWritesCount(storeId)}::text as order_writes`);
  const row = rows[0]!;
  return { scores: `run:${row.run_id ?? "-"}`, orders: `order-writes:${row.order_writes ?? "0"};tz:${timezone}` };
}

/**
 * The store's snapshots, read in one query, and a `cached(kind, version, compute)` that answers
 * from the stored one when it was computed from that version, or computes, stores and answers.
 * A stale snapshot is overwritten; two views racing on one both compute, the later write wins,
 * and both are right.
 */
export async function snapshotsAt(storeId: number) {
  const db = getDb();
  const { rows } = await db.execute<{ kind: string; version: string; data: unknown }>(sql`
    select kind, version, data from dashboard_snapshots where store_id = ${storeId}`);
  const stored = new Map(rows.map((r) => [r.kind, r]));
  return async function cached<T>(kind: string, version: string, compute: () => Promise<T>): Promise<T> {
    const snapshot = stored.get(kind);
    if (snapshot?.version === version) return snapshot.data as T;
    const data = await compute();
    await db.execute(sql`
      insert into dashboard_snapshots (store_id, kind, version, data, computed_at)
      values (${storeId}, ${kind}, ${version}, ${JSON.stringify(data)}::jsonb, now())
      on conflict (store_id, kind) do update
        set version = excluded.version, data = excluded.data, computed_at = excluded.computed_at`);
    return data;
  };
}

export type CachedSnapshot = Awaited<ReturnType<typeof snapshotsAt>>;
