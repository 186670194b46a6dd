import "server-only";
import { aliasedTable, and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import {
  customers,
  disputeEvents,
  disputes,
  disputeStatuses,
  memberships,
  orders,
  products,
  returns,
  users,
  disputeQueueOrder,
  disputeStatusCounts,
  disputeMonthCounts,
  type DisputeStatus,
  type DisputeType,
} from "@/db/schema";
import { decodeTimeKeyset, encodeCursor, keysetPage, microsecondsSql, timeKeysetRead } from "@/lib/customers/cursor";
import { AppError } from "@/lib/errors";
import type { StoreContext } from "@/lib/stores/context";
import type { DisputeQueueQuery } from "@/lib/validation/disputes";
import { routingFor } from "./commands";
import { listEvidence } from "./evidence";
import { REPEAT_COMPLAINANT_MIN } from "./routing";
import { availableActions, openStatuses } from "./workflow";

export const QUEUE_PAGE_SIZE = 50;

const openList = sql.raw(openStatuses.map((s) => `'${s}'`).join(", "));

/** Open (submitted … escalated) and past its deadline at `now`. */
export function overdueCondition(now: Date): SQL {
  return sql`(${disputes.status} in (${openList}) and ${disputes.deadlineAt} < ${now})`;
}

const assignee = aliasedTable(users, "assignee");

/** The queue's filters (status, type, assignee, party, overdue), in the store. */
function queueFilter(ctx: StoreContext, query: DisputeQueueQuery, now: Date): SQL {
  const filters: SQL[] = [eq(disputes.storeId, ctx.store.id)];
  if (query.status) filters.push(eq(disputes.status, query.status));
  if (query.type) filters.push(eq(disputes.type, query.type));
  if (query.party) filters.push(eq(disputes.currentParty, query.party));
  if (query.assignee === "none") filters.push(isNull(disputes.assigneeUserId));
  else if (query.assignee === "me") filters.push(ctx.userId === null ? sql`false` : eq(disputes.assigneeUserId, ctx.userId));
  else if (typeof query.assignee === "number") filters.push(eq(disputes.assigneeUserId, query.assignee));
  if (query.overdue === true) filters.push(overdueCondition(now));
  if (query.overdue === false) filters.push(sql`not ${overdueCondition(now)}`);
  return and(...filters)!;
}

const queueOrder = () => [...disputeQueueOrder(disputes), desc(disputes.id)];

/**
 * The ids of a page of the queue, in its order. Read from disputes_queue_order_idx alone, which
 * holds every column the filters read: the disputes skipped before the page cost an index entry
 * each, and only the page's own are read whole and joined (50,000 were sorted whole for every
 * page before, 0.1-0.3 s on PostgreSQL, 0.2-0.8 s embedded).
 */
export function queuePageIds(ctx: StoreContext, query: DisputeQueueQuery, now = new Date()) {
  return getDb()
    .select({ id: disputes.id })
    .from(disputes)
    .where(queueFilter(ctx, query, now))
    .orderBy(...queueOrder())
    .limit(QUEUE_PAGE_SIZE)
    .offset((query.page - 1) * QUEUE_PAGE_SIZE);
}

type QueueCounts = Awaited<ReturnType<typeof disputeCounts>>;

/**
 * Whether the queue's filters need a count of their own: with none, a status alone or "overdue"
 * alone, the store's counts beside the queue (disputeCounts, kept per status) already say how
 * many match.
 */
function countedApart(query: DisputeQueueQuery): boolean {
  const { status, type, party, assignee, overdue } = query;
  if (type || party || assignee !== undefined || overdue === false) return true;
  return status !== undefined && overdue === true;
}

function countedBeside(query: DisputeQueueQuery, counts: QueueCounts): number {
  if (query.status) return counts.byStatus[query.status];
  return query.overdue ? counts.overdue : counts.total;
}

/**
 * The queue: filtered by status, type, assignee, party and overdue; soonest deadline first
 * (disputes without a deadline — drafts, closed ones — after, newest first); the counts per status
 * and the overdue count of the whole store beside it.
 */
export async function listDisputes(ctx: StoreContext, query: DisputeQueueQuery, now = new Date()) {
  const db = getDb();
  const storeId = ctx.store.id;
  const page = queuePageIds(ctx, query, now).as("page");
  const [rows, [total], counts] = await Promise.all([
    db
      .select({
        id: disputes.id,
        type: disputes.type,
        status: disputes.status,
        title: disputes.title,
        amountAtStake: disputes.amountAtStake,
        currentParty: disputes.currentParty,
        deadlineAt: disputes.deadlineAt,
        createdAt: disputes.createdAt,
        assigneeName: assignee.name,
        assigneeEmail: assignee.email,
        overdue: sql<boolean>`coalesce(${overdueCondition(now)}, false)`,
      })
      .from(page)
      .innerJoin(disputes, and(eq(disputes.storeId, storeId), eq(disputes.id, page.id)))
      .leftJoin(assignee, eq(assignee.id, disputes.assigneeUserId))
      .orderBy(...queueOrder()),
    countedApart(query) ? db.select({ n: sql<number>`count(*)::int` }).from(disputes).where(queueFilter(ctx, query, now)) : [],
    disputeCounts(ctx, now),
  ]);
  return { disputes: rows, total: total?.n ?? countedBeside(query, counts), counts, pageSize: QUEUE_PAGE_SIZE };
}

/**
 * For the dashboard and beside the queue: disputes per status, how many are open, and how many of
 * those are overdue. The counts per status are kept as disputes are written (dispute_status_counts,
 * migration 0053): read from the disputes, they were a pass over the store's every one (13–45 ms
 * at 50,000). Overdue depends on the time, which no trigger sees: it is the open ones less those
 * whose deadline is still ahead (or none), read from disputes_queue_idx, so that what is read is
 * the disputes due in the next days, however many were left open past theirs.
 */
export async function disputeCounts(ctx: StoreContext, now = new Date()) {
  const storeId = ctx.store.id;
  const isOpen = sql`${disputes.storeId} = ${storeId} and ${disputes.status} in (${openList})`;
  // One statement, so that the counts and the disputes ahead are of one moment. Two counts of
  // those ahead: ORed, the deadlines were read as a filter over every open dispute instead of a
  // range of the index.
  const { rows } = await getDb().execute<{ counts: Partial<Record<DisputeStatus, number>> | null; ahead: number }>(sql`
    select (select json_object_agg(status, disputes) from ${disputeStatusCounts} where ${disputeStatusCounts.storeId} = ${storeId}) as counts,
           ((select count(*) from ${disputes} where ${isOpen} and ${disputes.deadlineAt} >= ${now})
            + (select count(*) from ${disputes} where ${isOpen} and ${disputes.deadlineAt} is null))::int as ahead`);
  const byStatus = Object.fromEntries(disputeStatuses.map((s) => [s, Number(rows[0]?.counts?.[s] ?? 0)])) as Record<DisputeStatus, number>;
  const open = openStatuses.reduce((sum, s) => sum + byStatus[s], 0);
  const total = disputeStatuses.reduce((sum, s) => sum + byStatus[s], 0);
  return { byStatus, open, overdue: open - (rows[0]?.ahead ?? 0), total };
}

/** The first day of `at`'s month in UTC, `months` months on. */
function monthStart(at: Date, months = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
}

/**
 * For the owner's chart: disputes by type and status, filed (created) in the period when one is
 * given. Only the combinations that occur. The whole months in the period are summed from the
 * counts kept per month, type and status (dispute_month_counts, migration 0054); only the days of
 * a month the period's edge cuts are read from the disputes (disputes_created_idx): at 50,000
 * disputes every one filed in the period was read, 14–21 ms for any period.
 */
export async function disputesByTypeAndStatus(ctx: StoreContext, period: { from?: Date; to?: Date } = {}) {
  const storeId = ctx.store.id;
  const { from, to } = period;
  // The kept months: from the first that starts at or after `from` to the last that ends by `to`.
  const keptFrom = from ? (monthStart(from).getTime() === from.getTime() ? from : monthStart(from, 1)) : null;
  const keptTo = to ? monthStart(to) : null;
  const parts: SQL[] = [];
  const counted = (lower: Date | null, upper: Date | null) => {
    const bounds: SQL[] = [eq(disputes.storeId, storeId)];
    if (lower) bounds.push(sql`${disputes.createdAt} >= ${lower}`);
    if (upper) bounds.push(sql`${disputes.createdAt} < ${upper}`);
    parts.push(sql`select ${disputes.type} as type, ${disputes.status} as status, count(*) as n from ${disputes} where ${and(...bounds)} group by 1, 2`);
  };
  if (keptFrom && keptTo && keptFrom >= keptTo) counted(from ?? null, to ?? null);
  else {
    const months: SQL[] = [eq(disputeMonthCounts.storeId, storeId)];
    if (keptFrom) months.push(sql`${disputeMonthCounts.month} >= ${keptFrom.toISOString().slice(0, 10)}::date`);
    if (keptTo) months.push(sql`${disputeMonthCounts.month} < ${keptTo.toISOString().slice(0, 10)}::date`);
    parts.push(sql`select ${disputeMonthCounts.type} as type, ${disputeMonthCounts.status} as status, ${disputeMonthCounts.disputes} as n from ${disputeMonthCounts} where ${and(...months)}`);
    if (from && keptFrom! > from) counted(from, keptFrom);
    if (to && keptTo! < to) counted(keptTo, to);
  }
  const { rows } = await getDb().execute<{ type: DisputeType; status: DisputeStatus; count: number }>(sql`
    select type, status, sum(n)::int as count from (${sql.join(parts, sql` union all `)}) parts
    group by type, status having sum(n) > 0 order by type, status`);
  return rows;
}

/**
 * For the staff work queue: the open disputes assigned to the user, the store's submitted
 * disputes nobody has started reviewing, and every overdue open dispute of the store, soonest
 * deadline first (at most `limit` of each).
 */
export async function disputesForQueue(ctx: StoreContext, userId: number, options: { now?: Date; limit?: number } = {}) {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 20;
  const columns = {
    id: disputes.id,
    type: disputes.type,
    status: disputes.status,
    title: disputes.title,
    currentParty: disputes.currentParty,
    deadlineAt: disputes.deadlineAt,
    assigneeUserId: disputes.assigneeUserId,
    overdue: sql<boolean>`coalesce(${overdueCondition(now)}, false)`,
  };
  const order = [sql`${disputes.deadlineAt} asc nulls last`, asc(disputes.id)];
  const [assigned, toReview, overdue] = await Promise.all([
    getDb()
      .select(columns)
      .from(disputes)
      .where(and(eq(disputes.storeId, ctx.store.id), eq(disputes.assigneeUserId, userId), sql`${disputes.status} in (${openList})`))
      .orderBy(...order)
      .limit(limit),
    getDb()
      .select(columns)
      .from(disputes)
      .where(and(eq(disputes.storeId, ctx.store.id), eq(disputes.status, "submitted")))
      .orderBy(...order)
      .limit(limit),
    getDb()
      .select(columns)
      .from(disputes)
      .where(and(eq(disputes.storeId, ctx.store.id), overdueCondition(now)))
      .orderBy(...order)
      .limit(limit),
  ]);
  return { assigned, toReview, overdue };
}

/**
 * How many open disputes each member has assigned (members without any are left out): what a
 * removal of the member puts back to unassigned, which the owner is told before confirming.
 */
export async function openDisputesByAssignee(ctx: StoreContext): Promise<Map<number, number>> {
  const rows = await getDb()
    .select({ userId: disputes.assigneeUserId, open: sql<number>`count(*)::int` })
    .from(disputes)
    .where(and(eq(disputes.storeId, ctx.store.id), sql`${disputes.status} in (${openList})`, isNotNull(disputes.assigneeUserId)))
    .groupBy(disputes.assigneeUserId);
  return new Map(rows.map((r) => [r.userId!, Number(r.open)]));
}

/** The store's members (for the assignee picker): id and name only. */
export async function storeMembers(ctx: StoreContext) {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.storeId, ctx.store.id))
    .orderBy(asc(users.name), asc(users.email));
}

const creator = aliasedTable(users, "creator");
const actor = aliasedTable(users, "actor");

/** One dispute's facts, routing, state and evidence: everything its page shows but the history. */
export async function getDisputeSummary(ctx: StoreContext, disputeId: number, now = new Date()) {
  const db = getDb();
  const storeId = ctx.store.id;
  const [row] = await db
    .select({
      dispute: disputes,
      customerExternalId: customers.externalId,
      customerName: customers.name,
      orderExternalId: orders.externalId,
      productExternalId: products.externalId,
      productName: products.name,
      returnExternalId: returns.externalId,
      assigneeName: assignee.name,
      assigneeEmail: assignee.email,
      creatorName: creator.name,
      creatorEmail: creator.email,
      overdue: sql<boolean>`coalesce(${overdueCondition(now)}, false)`,
    })
    .from(disputes)
    .leftJoin(customers, and(eq(customers.storeId, disputes.storeId), eq(customers.id, disputes.customerId)))
    .leftJoin(orders, and(eq(orders.storeId, disputes.storeId), eq(orders.id, disputes.orderId)))
    .leftJoin(products, and(eq(products.storeId, disputes.storeId), eq(products.id, disputes.productId)))
    .leftJoin(returns, and(eq(returns.storeId, disputes.storeId), eq(returns.id, disputes.returnId)))
    .leftJoin(assignee, eq(assignee.id, disputes.assigneeUserId))
    .leftJoin(creator, eq(creator.id, disputes.createdByUserId))
    .where(and(eq(disputes.storeId, storeId), eq(disputes.id, disputeId)));
  if (!row) throw new AppError("not_found", "No such dispute in this store.", "disputes.errors.noSuchDispute");
  const d = row.dispute;

  const [evidence, preview] = await Promise.all([
    listEvidence(ctx, disputeId),
    // A draft has no routing yet: show what it would get if submitted now.
    d.routing ? null : routingFor(db, ctx, d, now),
  ]);
  const routing = d.routing ?? { primary: preview!.primary, chain: preview!.chain, reasons: preview!.reasons };
  return {
    ...d,
    routing,
    routingIsPreview: d.routing === null,
    repeatComplainant: (d.earlierComplaints ?? preview?.earlierComplaints ?? 0) >= REPEAT_COMPLAINANT_MIN,
    customerExternalId: row.customerExternalId,
    customerName: row.customerName,
    orderExternalId: row.orderExternalId,
    productExternalId: row.productExternalId,
    productName: row.productName,
    returnExternalId: row.returnExternalId,
    assigneeName: row.assigneeName || row.assigneeEmail,
    creatorName: row.creatorName || row.creatorEmail,
    overdue: row.overdue,
    actions: availableActions(d.status),
    evidence,
  };
}
export type DisputeSummary = Awaited<ReturnType<typeof getDisputeSummary>>;

const eventColumns = {
  id: disputeEvents.id,
  kind: disputeEvents.kind,
  fromStatus: disputeEvents.fromStatus,
  toStatus: disputeEvents.toStatus,
  data: disputeEvents.data,
  at: disputeEvents.at,
  actorName: actor.name,
  actorEmail: actor.email,
};

const ofDispute = (ctx: StoreContext, disputeId: number) => and(eq(disputeEvents.storeId, ctx.store.id), eq(disputeEvents.disputeId, disputeId));
const withActorName = <E extends { actorName: string | null; actorEmail: string | null }>(e: E) => ({ ...e, actorName: e.actorName || e.actorEmail });

// A history reads in the order things happened: by time (to the microsecond, as kept), the id
// breaking ties between events of one moment (dispute_events_dispute_time_idx holds this order).
const chronological = [asc(disputeEvents.at), asc(disputeEvents.id)];
const newestFirst = [desc(disputeEvents.at), desc(disputeEvents.id)];

/** Every event of a dispute, in the order they happened: the case packet and the API keep the whole history. */
async function allEvents(ctx: StoreContext, disputeId: number) {
  const rows = await getDb()
    .select(eventColumns)
    .from(disputeEvents)
    .leftJoin(actor, eq(actor.id, disputeEvents.actorUserId))
    .where(ofDispute(ctx, disputeId))
    .orderBy(...chronological);
  return rows.map(withActorName);
}

/** One dispute with everything the case packet and the API show: its whole history. */
export async function getDispute(ctx: StoreContext, disputeId: number, now = new Date()) {
  const [summary, events] = await Promise.all([getDisputeSummary(ctx, disputeId, now), allEvents(ctx, disputeId)]);
  return { ...summary, events };
}
export type DisputeEvent = Awaited<ReturnType<typeof allEvents>>[number];

/** Events a page of a dispute's history holds, and comments its page shows. */
export const HISTORY_PAGE_SIZE = 50;
export const LATEST_COMMENTS = 10;

export interface DisputeHistoryPage {
  /** In the order they happened. */
  events: DisputeEvent[];
  /** Every event of the dispute, and its comments. */
  total: number;
  comments: number;
  /**
   * The place of the page's first event in the whole history, the first event being 1 (the page
   * holds those from here to here + events.length - 1); 0 when the page is empty.
   */
  firstNumber: number;
  /** Pass back as `before` for the page of earlier events; null when none are earlier. */
  earlierCursor: string | null;
  /** Pass back as `after` for the page of later events; null on the latest. */
  laterCursor: string | null;
}

/**
 * A page of a dispute's history, in the order things happened: the latest `limit` events, or
 * those just before the event of `before` or just after the one of `after` (keyset by time to
 * the microsecond and id, so that events of one moment are neither lost nor repeated at a
 * page's edge), with how many events and comments the dispute has in all.
 */
export async function disputeHistoryPage(
  ctx: StoreContext,
  disputeId: number,
  { before, after, limit = HISTORY_PAGE_SIZE }: { before?: string; after?: string; limit?: number } = {},
): Promise<DisputeHistoryPage> {
  const forwards = after !== undefined;
  const keyset = after ?? before;
  const position = keyset === undefined ? undefined : decodeTimeKeyset(keyset);
  // In the order things happened: the latest page, or one before a position, is read descending.
  const read = timeKeysetRead(disputeEvents.at, disputeEvents.id, position, forwards);
  const db = getDb();
  const [found, [counted]] = await Promise.all([
    db
      .select({ ...eventColumns, keysetAt: microsecondsSql(disputeEvents.at) })
      .from(disputeEvents)
      .leftJoin(actor, eq(actor.id, disputeEvents.actorUserId))
      .where(and(ofDispute(ctx, disputeId), read.where))
      .orderBy(...read.orderBy)
      .limit(limit + 1),
    db
      .select({
        total: sql<number>`count(*)::int`,
        comments: sql<number>`(count(*) filter (where ${disputeEvents.kind} = 'comment'))::int`,
        // The events behind the position, on the side the read leaves: later ones when reading
        // back before it, earlier ones (the position's own event included) when reading on after
        // it. Counted in the same pass over the dispute's events as the total: where the page
        // lies in the history costs no read of its own.
        behind: read.where ? sql<number>`(count(*) filter (where not (${read.where})))::int` : sql<number>`0`,
      })
      .from(disputeEvents)
      .where(ofDispute(ctx, disputeId)),
  ]);
  const { page, more } = keysetPage(found, limit, !forwards);
  const firstNumber = page.length === 0 ? 0 : forwards ? counted!.behind + 1 : counted!.total - counted!.behind - page.length + 1;
  const edge = (row: { keysetAt: string; id: number }) => encodeCursor(row.keysetAt, row.id);
  const first = page[0];
  const last = page.at(-1);
  return {
    events: page.map(({ keysetAt: _keysetAt, ...e }) => withActorName(e)),
    total: counted!.total,
    comments: counted!.comments,
    firstNumber,
    // Read backwards (the latest, or before a position), more found means earlier events; read
    // forwards from a position, the events it came from lie before this page.
    earlierCursor: first && (forwards || more) ? edge(first) : null,
    laterCursor: last && (forwards ? more : keyset !== undefined) ? edge(last) : null,
  };
}

/** A dispute's latest comments, in the order they were written (its page shows these beside the history). */
export async function latestComments(ctx: StoreContext, disputeId: number, limit = LATEST_COMMENTS) {
  const rows = await getDb()
    .select(eventColumns)
    .from(disputeEvents)
    .leftJoin(actor, eq(actor.id, disputeEvents.actorUserId))
    .where(and(ofDispute(ctx, disputeId), eq(disputeEvents.kind, "comment")))
    .orderBy(...newestFirst)
    .limit(limit);
  return rows.reverse().map(withActorName);
}

/**
 * The events that set or keep a dispute's running deadline, in the order they happened: why the
 * deadline is what it is (handSetDeadlineReason) reads these, wherever they lie in a long history.
 */
export async function deadlineEvents(ctx: StoreContext, disputeId: number) {
  return getDb()
    .select({ kind: disputeEvents.kind, data: disputeEvents.data })
    .from(disputeEvents)
    .where(and(ofDispute(ctx, disputeId), sql`${disputeEvents.kind} in ('deadline_changed', 'submitted', 'routed', 'escalated')`))
    .orderBy(...chronological);
}

export type DisputeView = Awaited<ReturnType<typeof getDispute>>;

/**
 * A customer's disputes as the complainant (drafts left out), and whether the
 * repeat-complainant rule flags them: ≥ 3 malicious_complaint / fake_return disputes on record.
 */
export const customerDisputes = reusePlans(async function customerDisputes(ctx: StoreContext, customerId: number) {
  const rows = await getDb()
    .select({
      id: disputes.id,
      type: disputes.type,
      status: disputes.status,
      title: disputes.title,
      outcome: disputes.outcome,
      submittedAt: disputes.submittedAt,
    })
    .from(disputes)
    .where(and(eq(disputes.storeId, ctx.store.id), eq(disputes.customerId, customerId), sql`${disputes.status} <> 'draft'`))
    .orderBy(desc(disputes.submittedAt), desc(disputes.id));
  const complaints = rows.filter((r) => (r.type === "malicious_complaint" || r.type === "fake_return") && r.status !== "withdrawn").length;
  return { disputes: rows, complaints, repeatComplainant: complaints >= REPEAT_COMPLAINANT_MIN };
});
