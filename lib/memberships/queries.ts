import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { escapeLike } from "@/db/like";
import { reusePlans } from "@/db/reuse-plans";
import type { Tier } from "@/db/schema";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import { addStoreDays, storeDayBounds } from "@/lib/store-time";
import { activeAt } from "./enrolments";
import { normalizeExternalId } from "@/lib/validation/text";

export interface MemberRow {
  membershipId: number;
  customerId: number;
  customerExternalId: string;
  customerName: string;
  planName: string;
  tier: Tier;
  feePaid: number;
  startsAt: Date;
  endsAt: Date;
  /** A renewal already queued after this period. */
  renewedUntil: Date | null;
}

const memberColumns = sql`
  m.id::int as "membershipId", c.id::int as "customerId", c.external_id as "customerExternalId",
  c.name as "customerName", p.name as "planName", m.tier, m.fee_paid::float8 as "feePaid",
  m.starts_at as "startsAt", m.ends_at as "endsAt",
  (select max(n.ends_at) from customer_memberships n
    where n.store_id = m.store_id and n.customer_id = m.customer_id and n.cancelled_at is null
      and n.starts_at >= m.ends_at) as "renewedUntil"`;

function toRow({ total: _total, ...row }: Record<string, unknown>): MemberRow {
  return {
    ...(row as unknown as MemberRow),
    startsAt: new Date(row.startsAt as string),
    endsAt: new Date(row.endsAt as string),
    renewedUntil: row.renewedUntil ? new Date(row.renewedUntil as string) : null,
  };
}

/** Members a page of the members list shows (PRODUCT.md §8's pages page by 20 or 50; members by 20). */
export const MEMBERS_PAGE_SIZE = 20;

type MembersQuery = { at?: Date; q?: string; page?: number; pageSize?: number };

/** The active memberships a search matches (all of them without one), in the store. */
function membersMatching(ctx: StoreContext, at: Date, q: string | undefined): { join: SQL; where: SQL } {
  const like = q ? `%${escapeLike(q)}%` : null;
  // Ids are stored NFKC, as the customers list searches them: a full-width Ｃ０００１ typed in an IME finds C0001.
  const idLike = q ? `%${escapeLike(normalizeExternalId(q))}%` : null;
  return {
    join: like ? sql`join customers c on c.store_id = m.store_id and c.id = m.customer_id` : sql``,
    where: sql`m.store_id = ${ctx.store.id} and ${activeAt(at)}
      ${like ? sql`and (c.name ilike ${like} or c.external_id ilike ${idLike})` : sql``}`,
  };
}

/**
 * A page of the members list. Its memberships are picked first, and only those joined and given
 * their columns: joined before the OFFSET, every member skipped was joined to their customer and
 * plan and their renewal looked up too (page 1,000 took 0.65 s on PostgreSQL and 1.4 s embedded
 * at 55,000 members).
 */
export function membersPageSql(ctx: StoreContext, options: MembersQuery = {}): SQL {
  const size = options.pageSize ?? MEMBERS_PAGE_SIZE;
  const { join, where } = membersMatching(ctx, options.at ?? new Date(), options.q);
  return sql`
    select ${memberColumns}
    from (
      select m.id from customer_memberships m ${join}
      where ${where}
      order by m.ends_at, m.id
      limit ${size} offset ${(Math.max(1, options.page ?? 1) - 1) * size}
    ) page
    join customer_memberships m on m.store_id = ${ctx.store.id} and m.id = page.id
    join customers c on c.store_id = m.store_id and c.id = m.customer_id
    join membership_plans p on p.store_id = m.store_id and p.id = m.plan_id
    order by m.ends_at, m.id`;
}

/**
 * One page of the memberships active at `at`, ending soonest first, optionally only customers
 * whose name or external id holds `q`; with how many match in all. The list stopped at 200
 * before, with no word of the members past them.
 */
export async function activeMembersPage(ctx: StoreContext, options: MembersQuery = {}): Promise<{ rows: MemberRow[]; total: number }> {
  // The members page is the owner's (PRODUCT.md §1): staff see a customer's membership on their page.
  assertRole(ctx, "owner");
  const at = options.at ?? new Date();
  const { join, where } = membersMatching(ctx, at, options.q);
  // The count apart from the page: a count(*) over () beside the page made every active member
  // go through the customers join (and the page's columns) before the 20 were taken, 0.3 s on a
  // store of 55,000 members; the count is a scan of the memberships (with the customers only to
  // match a search).
  const db = getDb();
  const [{ rows }, { rows: counted }] = await Promise.all([
    db.execute(membersPageSql(ctx, { ...options, at })),
    db.execute<{ total: number }>(sql`select count(*)::int as total from customer_memberships m ${join} where ${where}`),
  ]);
  return { rows: rows.map(toRow), total: counted[0]?.total ?? 0 };
}

/**
 * Active memberships ending by the end of the store's `days`th day after `at` (the page shows
 * their end as a date: two ending on one day are both in or both out, whatever the hour now)
 * with no renewal queued after them, the `limit` ending soonest (a page shows 20: every active member is listed below it by end date), with how
 * many there are in all.
 */
export async function listExpiringMembers(
  ctx: StoreContext,
  options: { at?: Date; days?: number; limit?: number } = {},
): Promise<{ rows: MemberRow[]; total: number }> {
  assertRole(ctx, "owner");
  const at = options.at ?? new Date();
  const until = storeDayBounds(addStoreDays(at, options.days ?? 30, ctx.store.timezone), ctx.store.timezone).to;
  const { rows } = await getDb().execute(sql`
    select ${memberColumns}, count(*) over ()::int as total
    from customer_memberships m
    join customers c on c.store_id = m.store_id and c.id = m.customer_id
    join membership_plans p on p.store_id = m.store_id and p.id = m.plan_id
    where m.store_id = ${ctx.store.id} and ${activeAt(at)} and m.ends_at < ${until}
      and not exists (select 1 from customer_memberships n
        where n.store_id = m.store_id and n.customer_id = m.customer_id and n.cancelled_at is null
          and n.starts_at >= m.ends_at)
    order by m.ends_at, m.id
    limit ${options.limit ?? MEMBERS_PAGE_SIZE}`);
  return { rows: rows.map(toRow), total: (rows[0]?.total as number | undefined) ?? 0 };
}

/** A customer's memberships, newest first (for the customer page). */
export const customerMembershipHistory = reusePlans(async function customerMembershipHistory(ctx: StoreContext, customerId: number) {
  const { rows } = await getDb().execute<{
    id: number;
    planName: string;
    tier: Tier;
    feePaid: number;
    startsAt: string;
    endsAt: string;
    cancelledAt: string | null;
  }>(sql`
    select m.id::int as id, p.name as "planName", m.tier, m.fee_paid::float8 as "feePaid",
           m.starts_at as "startsAt", m.ends_at as "endsAt", m.cancelled_at as "cancelledAt"
    from customer_memberships m
    join membership_plans p on p.store_id = m.store_id and p.id = m.plan_id
    where m.store_id = ${ctx.store.id} and m.customer_id = ${customerId}
    order by m.starts_at desc
    limit 20`);
  return rows.map((r) => ({
    ...r,
    startsAt: new Date(r.startsAt),
    endsAt: new Date(r.endsAt),
    cancelledAt: r.cancelledAt ? new Date(r.cancelledAt) : null,
  }));
});

/** For the dashboard: customers with an active paid membership at `at`, and the fees recorded in the last 30 days. */
export async function membersSummary(db: DbOrTx, storeId: number, at = new Date()): Promise<{ activeMembers: number; feesLast30Days: number }> {
  const { rows } = await db.execute<{ active: number; fees: number }>(sql`
    select
      (select count(distinct m.customer_id)::int from customer_memberships m
        where m.store_id = ${storeId} and ${activeAt(at)}) as active,
      (select coalesce(sum(fee_paid), 0)::float8 from customer_memberships
        where store_id = ${storeId} and created_at > ${at}::timestamptz - interval '30 days' and created_at <= ${at}) as fees`);
  return { activeMembers: rows[0]?.active ?? 0, feesLast30Days: rows[0]?.fees ?? 0 };
}

/** For the dashboard: customers with an active paid membership at `at`. */
export async function countActiveMembers(db: DbOrTx, storeId: number, at = new Date()): Promise<number> {
  return (await membersSummary(db, storeId, at)).activeMembers;
}
