import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { ComplianceFlag } from "@/db/schema/customers";
import type { StoreContext } from "@/lib/stores/context";

export interface FlaggedCustomer {
  customerId: number;
  externalId: string;
  name: string;
  flag: ComplianceFlag;
  reason: string;
  setAt: string;
  setBy: string | null;
  /** The dispute whose filing set the flag (a repeat complainant); null when a person set it. */
  disputeId: number | null;
}

/**
 * Customers flagged (confirmed fraud, malicious complaints) in the last `days` days whose flag is
 * still set, newest first: the staff's queue of whom to watch. Open to every role.
 */
export async function recentlyFlaggedCustomers(
  ctx: StoreContext,
  { days = 30, limit = 10, now = new Date() }: { days?: number; limit?: number; now?: Date } = {},
): Promise<FlaggedCustomer[]> {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const { rows } = await getDb().execute<{
    customer_id: string;
    external_id: string;
    name: string;
    flag: ComplianceFlag;
    reason: string;
    set_at: Date | string;
    set_by: string | null;
    dispute_id: string | null;
  }>(sql`
    select f.customer_id, c.external_id, c.name, f.flag::text as flag, f.reason, f.created_at as set_at, f.dispute_id,
           coalesce(nullif(u.name, ''), u.email) as set_by
    from customer_flags f
    join customers c on c.store_id = f.store_id and c.id = f.customer_id
    left join users u on u.id = f.set_by_user_id
    where f.store_id = ${ctx.store.id} and f.created_at > ${since}::timestamptz
    order by f.created_at desc, f.customer_id
    limit ${limit}`);
  return rows.map((r) => ({
    customerId: Number(r.customer_id),
    externalId: r.external_id,
    name: r.name,
    flag: r.flag,
    reason: r.reason,
    setAt: new Date(r.set_at).toISOString(),
    setBy: r.set_by,
    disputeId: r.dispute_id === null ? null : Number(r.dispute_id),
  }));
}
