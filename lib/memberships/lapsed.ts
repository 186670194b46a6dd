import { sql, type Placeholder, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { recomputeAfterWrite } from "@/lib/imports/recompute-after-write";

/**
 * Whether a paid membership of the store ran out between a score run's moment and `now`: the
 * condition rescoreIfMembershipsLapsed asks of the store's latest finished run, as SQL over that
 * run's columns, so that a page reading the run anyway asks it in the same statement.
 *
 * A renewal starts where a membership ends, so ends are the only moments to watch. A recompute
 * run as of a past moment (`rescore --as-of`) shows that moment, and is left as it is.
 */
export function membershipsLapsedSince(run: { storeId: SQL; asOf: SQL; startedAt: SQL }, now: Date | Placeholder): SQL<boolean> {
  return sql<boolean>`(${run.asOf} >= ${run.startedAt} - interval '10 minutes' and exists (
    select 1 from customer_memberships m
    where m.store_id = ${run.storeId} and m.ends_at > ${run.asOf} and m.ends_at <= ${now}))`;
}

/** Rescores the store: a membership ran out since its latest scores (their lift is in the stored tiers). */
export function rescoreLapsedMemberships(storeId: number): Promise<boolean> {
  return recomputeAfterWrite(storeId, `memberships that ran out in store ${storeId}`);
}

/**
 * Rescores a store when a paid membership has run out since its scores were taken. The lift a
 * membership gives is part of the stored tier (and so of the list, the high-value mark and the
 * charts), but nothing is written when a membership simply ends: without this, the customer
 * page said gold in its header and ordinary in its prices until the next import. Called by the
 * pages and API routes that show stored tiers, before they read them; when nothing ran out, it
 * costs one probe of the memberships' end index.
 */
export async function rescoreIfMembershipsLapsed(storeId: number, now = new Date()): Promise<boolean> {
  const { rows } = await getDb().execute<{ lapsed: boolean }>(sql`
    with run as (
      select as_of, started_at from score_runs
      where store_id = ${storeId} and took_ms is not null
      order by id desc limit 1
    )
    select coalesce((select ${membershipsLapsedSince({ storeId: sql`${storeId}`, asOf: sql`run.as_of`, startedAt: sql`run.started_at` }, now)} from run), false) as lapsed`);
  if (!rows[0]?.lapsed) return false;
  await rescoreLapsedMemberships(storeId);
  return true;
}
