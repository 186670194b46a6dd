import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { recomputeAfterWrite } from "@/lib/imports/recompute-after-write";

/**
 * Rescores a store when a paid membership has run out since its scores were taken. The lift a
 * membership gives is part of the stored tier (and so of the list, the high-value mark and the
 * charts), but nothing is written when a membership simply ends: without this, the customer
 * page said gold in its header and ordinary in its prices until the next import. Called by the
 * pages and API routes that show stored tiers, before they read them; when nothing ran out, it
 * costs one probe of the memberships' end index.
 *
 * A renewal starts where a membership ends, so ends are the only moments to watch. A recompute
 * run as of a past moment (`rescore --as-of`) shows that moment, and is left as it is.
 */
export async function rescoreIfMembershipsLapsed(storeId: number, now = new Date()): Promise<boolean> {
  const { rows } = await getDb().execute<{ lapsed: boolean }>(sql`
    with run as (
      select as_of, started_at from score_runs
      where store_id = ${storeId} and took_ms is not null
      order by id desc limit 1
    )
    select exists (
      select 1 from run, customer_memberships m
      where run.as_of >= run.started_at - interval '10 minutes'
        and m.store_id = ${storeId} and m.ends_at > run.as_of and m.ends_at <= ${now}
    ) as lapsed`);
  if (!rows[0]?.lapsed) return false;
  await recomputeAfterWrite(storeId, `memberships that ran out in store ${storeId}`);
  return true;
}
