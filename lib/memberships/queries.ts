import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { fewerRowsThan } from "@/db/fewer-rows-than";
import { escapeLike, holdsCharactersOf } from "@/db/like";
import { reusePlans } from "@/db/reuse-plans";
import type { Tier } from "@/db/schema";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import { addStoreDays, storeDayBounds } from "@/lib/store-time";
import { activeAt } from "./enrolments";
import { normalizeExternalId } from "@/lib/validation/text";

const DAY = 86_400_000;

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

/**
 * A text of one or two characters in fewer customers' names or ids than this is found through
 * the indexes of their characters and pairs; a commoner one (a digit, in every id) is picked out
 * as the members are read, as the customers list does.
 */
const RARE_TEXT = 2000;

/**
 * The ids of the store's customers a members search finds: a name or an external id holding `q`,
 * in any case. pg_trgm's index (customers_search_idx, where it could be created) finds a text of
 * three characters or more in either; a shorter one has no trigram, and read every member's
 * customer (向日: 75–92 ms of PostgreSQL and 0.25–0.4 s embedded at 55,000 members). When rare it goes
 * through the names' and the ids' characters or pairs instead (customers_name_chars_idx and
 * customers_name_bigrams_idx, migrations 0031 and 0023; customers_external_id_chars_idx and
 * customers_external_id_bigrams_idx, 0052), the ILIKE keeping those holding the text in a row. One
 * select for each column: ORed in one, the rows both indexes found were checked against the pairs
 * again, a subquery a row (embedded, 130–156 ms for 向日 instead of 50–67).
 */
async function membersSearched(storeId: number, q: string): Promise<SQL> {
  const ofStore = sql`select c.id from customers c where c.store_id = ${storeId}`;
  const selects = (await memberSearchConditions(storeId, q)).map((condition) => sql`${ofStore} and ${condition}`);
  return sql.join(selects, sql` union all `);
}

/** The conditions on a customer (`c`) of membersSearched, one for each select. */
export async function memberSearchConditions(storeId: number, q: string): Promise<SQL[]> {
  // Ids are stored NFKC, as the customers list searches them: a full-width Ｃ０００１ typed in an IME finds C0001.
  const id = normalizeExternalId(q);
  const nameLike = sql`c.name ilike ${`%${escapeLike(q)}%`}`;
  const idLike = sql`c.external_id ilike ${`%${escapeLike(id)}%`}`;
  const plain = [sql`(${nameLike} or ${idLike})`];
  // An id form that folds to nothing matches every id, as the ILIKE of an empty text does.
  if ([...q].length > 2 || id === "") return plain;
  const named = holdsCharactersOf(sql`c.name`, q);
  const identified = holdsCharactersOf(sql`c.external_id`, id);
  const rare = await fewerRowsThan(RARE_TEXT, sql`select 1 from customers c where c.store_id = ${storeId} and (${named} or ${identified})`);
  return rare ? [sql`${nameLike} and ${named}`, sql`${idLike} and ${identified}`] : plain;
}

/** The active memberships a search matches (all of them without one), in the store. */
async function membersMatching(ctx: StoreContext, at: Date, q: string | undefined): Promise<SQL> {
  const where = sql`m.store_id = ${ctx.store.id} and ${activeAt(at)}`;
  return q ? sql`${where} and m.customer_id in (${await membersSearched(ctx.store.id, q)})` : where;
}

/**
 * A page of the members list. Its memberships are picked first, and only those joined and given
 * their columns: joined before the OFFSET, every member skipped was joined to their customer and
 * plan and their renewal looked up too (page 1,000 took 0.65 s on PostgreSQL and 1.4 s embedded
 * at 55,000 members).
 */
function pageSql(ctx: StoreContext, options: MembersQuery, where: SQL): SQL {
  const size = options.pageSize ?? MEMBERS_PAGE_SIZE;
  return sql`
    select ${memberColumns}
    from (
      select m.id from customer_memberships m
      where ${where}
      order by m.ends_at, m.id
      limit ${size} offset ${(Math.max(1, options.page ?? 1) - 1) * size}
    ) page
    join customer_memberships m on m.store_id = ${ctx.store.id} and m.id = page.id
    join customers c on c.store_id = m.store_id and c.id = m.customer_id
    join membership_plans p on p.store_id = m.store_id and p.id = m.plan_id
    order by m.ends_at, m.id`;
}

/** The statement of a page of the members list (pageSql), its search's way of finding members decided. */
export async function membersPageSql(ctx: StoreContext, options: MembersQuery = {}): Promise<SQL> {
  const at = options.at ?? new Date();
  return pageSql(ctx, options, await membersMatching(ctx, at, options.q));
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
  const where = await membersMatching(ctx, at, options.q);
  // The count apart from the page: a count(*) over () beside the page made every active member
  // go through the customers join (and the page's columns) before the 20 were taken, 0.3 s on a
  // store of 55,000 members. Unsearched, it is the dashboard's count, from the kept day counts;
  // a search's is a scan of the memberships, with the customers only to match it.
  const db = getDb();
  const total = async () => {
    if (!options.q) return countActiveMembers(db, ctx.store.id, at);
    const { rows: counted } = await db.execute<{ total: number }>(sql`select count(*)::int as total from customer_memberships m where ${where}`);
    return counted[0]?.total ?? 0;
  };
  const [{ rows }, counted] = await Promise.all([db.execute(pageSql(ctx, options, where)), total()]);
  return { rows: rows.map(toRow), total: counted };
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

/**
 * For the dashboard: customers with an active paid membership at `at`. One customer's memberships
 * never overlap (an enrolment is refused while one is current or queued, a renewal starts where
 * the last ends, a cancellation stops the renewals queued after it), so this is the count of
 * active memberships, as the members list's total is. A pass over every current membership cost
 * 20–49 ms on PostgreSQL and 44–95 ms embedded at 55,000; now the days after `at`'s (UTC) are
 * summed from membership_day_counts (what stops after them less what starts after them: migration
 * 0055) and `at`'s own day after `at` is read from the memberships, those ending, cancelled or
 * starting later that day, by their indexes.
 */
export async function countActiveMembers(db: DbOrTx, storeId: number, at = new Date()): Promise<number> {
  const dayStart = Math.floor(at.getTime() / DAY) * DAY;
  const day = new Date(dayStart).toISOString().slice(0, 10);
  const dayEnd = new Date(dayStart + DAY);
  // Memberships active at some moment: a renewal cancelled before it began is not counted (0055).
  const counted = sql`(m.cancelled_at is null or m.cancelled_at > m.starts_at)`;
  const { rows } = await db.execute<{ active: number }>(sql`
    select (
      coalesce((select sum(stops - starts) from membership_day_counts
        where store_id = ${storeId} and day > ${day}::date), 0)
      + (select count(*) from customer_memberships m
          where m.store_id = ${storeId}
            and ((m.ends_at > ${at} and m.ends_at < ${dayEnd}) or (m.cancelled_at > ${at} and m.cancelled_at < ${dayEnd}))
            and least(m.ends_at, m.cancelled_at) > ${at} and least(m.ends_at, m.cancelled_at) < ${dayEnd} and ${counted})
      - (select count(*) from customer_memberships m
          where m.store_id = ${storeId} and m.starts_at > ${at} and m.starts_at < ${dayEnd} and ${counted})
    )::int as active`);
  return rows[0]?.active ?? 0;
}
