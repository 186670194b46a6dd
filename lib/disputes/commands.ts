import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type DbOrTx, type Tx } from "@/db";
import {
  customers,
  disputeEvents,
  disputes,
  memberships,
  orders,
  products,
  returns,
  type Dispute,
  type DisputeEventKind,
  type DisputeOutcome,
  type DisputeParty,
  type DisputeStatus,
  type StoredRouting,
} from "@/db/schema";
import { flagRepeatComplainant } from "@/lib/customers/flags";
import { AppError } from "@/lib/errors";
import { inTimeRange, TIME_RANGE_TEXT } from "@/lib/imports/limits";
import { assertMoneyWithinBound } from "@/lib/money";
import { recomputeAfterWrite } from "@/lib/imports/recompute-after-write";
import type { StoreContext } from "@/lib/stores/context";
import type { DisputeFacts } from "@/lib/validation/disputes";
import { missingFacts, type MissingFact, type ResolvedFacts } from "./facts";
import { idempotencyKeyReused, requestSha256 } from "./idempotency";
import { computeRouting, responseDeadline } from "./routing";
import { legalThresholdOf } from "./settings";
import { assertCanRun, openStatuses, resultingStatus, type DisputeAction } from "./workflow";

export interface Clock {
  /** The time the change happens at (tests and the demo seed set it; default now). */
  now?: Date;
}

export interface ReaderLocale {
  /** The reader's locale, for the amounts a refusal names (default English, as the API speaks). */
  locale?: string;
}

const noSuchDispute = () => new AppError("not_found", "No such dispute in this store.", "disputes.errors.noSuchDispute");

/** Locks the dispute row (store id and id both in the WHERE) for the rest of the transaction. */
async function lockDispute(tx: Tx, ctx: StoreContext, disputeId: number): Promise<Dispute> {
  const [row] = await tx
    .select()
    .from(disputes)
    .where(and(eq(disputes.storeId, ctx.store.id), eq(disputes.id, disputeId)))
    .for("update");
  if (!row) throw noSuchDispute();
  return row;
}

async function appendEvent(
  tx: Tx,
  ctx: StoreContext,
  event: { disputeId: number; kind: DisputeEventKind; at: Date; from?: DisputeStatus; to?: DisputeStatus; data?: Record<string, unknown> },
) {
  await tx.insert(disputeEvents).values({
    storeId: ctx.store.id,
    disputeId: event.disputeId,
    kind: event.kind,
    actorUserId: ctx.userId,
    fromStatus: event.from ?? null,
    toStatus: event.to ?? null,
    data: event.data ?? {},
    at: event.at,
  });
}

/** The links a dispute names that the store does not have: one, or several named together. */
function unknownLinks(unknown: { field: string; externalId: string }[]) {
  const details = unknown.map(({ field, externalId }) => ({ path: field, message: `No such record in this store: ${externalId}` }));
  if (unknown.length === 1) {
    const [{ field, externalId }] = unknown as [{ field: string; externalId: string }];
    return new AppError("invalid", `${field} "${externalId}" is not in this store.`, "disputes.errors.unknownLink", { field, externalId }, details);
  }
  const links = unknown.map(({ field, externalId }) => `${field} "${externalId}"`).join(", ");
  // As JSON: an external id may hold any character a separator would.
  return new AppError("invalid", `These are not in this store: ${links}.`, "disputes.errors.unknownLinks", { links: JSON.stringify(unknown) }, details);
}

/**
 * Turns the external ids a user or a client sent into this store's rows. A return brings its
 * order and customer, an order its customer; a link that contradicts another is refused. Every
 * link is looked up first, so all those the store does not have are named at once.
 */
async function resolveLinks(tx: DbOrTx, ctx: StoreContext, facts: DisputeFacts, locale = "en") {
  const storeId = ctx.store.id;
  assertMoneyWithinBound(facts.amountAtStake, { path: "amountAtStake", currency: ctx.store.currency, locale });
  // One after another: a transaction is one connection, which runs one query at a time (node-postgres
  // only queues a second one sent meanwhile, and warns that it will stop doing so).
  const customer = facts.customerExternalId
    ? await tx.select({ id: customers.id }).from(customers).where(and(eq(customers.storeId, storeId), eq(customers.externalId, facts.customerExternalId)))
    : [];
  const ret = facts.returnExternalId
    ? await tx
        .select({ id: returns.id, customerId: returns.customerId, orderId: returns.orderId })
        .from(returns)
        .where(and(eq(returns.storeId, storeId), eq(returns.externalId, facts.returnExternalId)))
    : [];
  const order = facts.orderExternalId
    ? await tx.select({ id: orders.id, customerId: orders.customerId }).from(orders).where(and(eq(orders.storeId, storeId), eq(orders.externalId, facts.orderExternalId)))
    : [];
  const product = facts.productExternalId
    ? await tx.select({ id: products.id }).from(products).where(and(eq(products.storeId, storeId), eq(products.externalId, facts.productExternalId)))
    : [];
  const unknown = (
    [
      ["customerExternalId", facts.customerExternalId, customer[0]],
      ["returnExternalId", facts.returnExternalId, ret[0]],
      ["orderExternalId", facts.orderExternalId, order[0]],
      ["productExternalId", facts.productExternalId, product[0]],
    ] as const
  )
    .filter(([, externalId, row]) => externalId && !row)
    .map(([field, externalId]) => ({ field, externalId: externalId! }));
  if (unknown.length > 0) throw unknownLinks(unknown);

  let customerId: number | null = customer[0]?.id ?? null;
  let orderId: number | null = null;
  const linkCustomer = (owner: number, field: string, externalId: string) => {
    if (customerId !== null && customerId !== owner) {
      throw new AppError(
        "invalid",
        `${field} "${externalId}" belongs to another customer.`,
        "disputes.errors.otherCustomer",
        { field, externalId },
        [{ path: field, message: "Belongs to another customer" }],
      );
    }
    customerId = owner;
  };
  const returnRow = ret[0];
  if (returnRow) {
    orderId = returnRow.orderId;
    linkCustomer(returnRow.customerId, "returnExternalId", facts.returnExternalId!);
  }
  const orderRow = order[0];
  if (orderRow) {
    if (orderId !== null && orderId !== orderRow.id) {
      throw new AppError("invalid", "The return belongs to another order.", "disputes.errors.returnOtherOrder", {}, [
        { path: "orderExternalId", message: "The return belongs to another order" },
      ]);
    }
    orderId = orderRow.id;
    linkCustomer(orderRow.customerId, "orderExternalId", facts.orderExternalId!);
  }
  const productId = product[0]?.id ?? null;
  const returnId = returnRow?.id ?? null;
  return {
    type: facts.type,
    title: facts.title,
    description: facts.description,
    amountAtStake: facts.amountAtStake,
    orderId,
    customerId,
    productId,
    returnId,
    counterpartyName: facts.counterparty?.name ?? null,
    counterpartyKind: facts.counterparty ? facts.counterparty.kind : null,
    infringedRight: facts.infringedRight ?? null,
    infringingListing: facts.infringingListing ?? null,
  };
}

/**
 * What saving these facts would be refused for, all at once, where the commands stop at the
 * first refusal: the amount, the links, and for a submission the facts its type needs (`missing`;
 * a link named but refused counts as given, so it is not asked for twice). Reads only: a form
 * names every problem of one submit, and the command checks again when it saves.
 */
export async function disputeFactsProblems(
  ctx: StoreContext,
  facts: DisputeFacts,
  options: ReaderLocale & { submit: boolean },
): Promise<{ refusals: AppError[]; missing: MissingFact[] }> {
  const refusals: AppError[] = [];
  const refused = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusals.push(error);
    }
  };
  refused(() => assertMoneyWithinBound(facts.amountAtStake, { path: "amountAtStake", currency: ctx.store.currency, locale: options.locale }));
  let resolved: ResolvedFacts | null = null;
  try {
    resolved = await resolveLinks(getDb(), ctx, { ...facts, amountAtStake: 0 });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refusals.push(error);
  }
  const named = (externalId: string | undefined) => (externalId ? 0 : null);
  const given: ResolvedFacts = resolved ?? {
    title: facts.title,
    description: facts.description,
    orderId: named(facts.orderExternalId),
    customerId: named(facts.customerExternalId),
    productId: named(facts.productExternalId),
    returnId: named(facts.returnExternalId),
    counterpartyName: facts.counterparty?.name ?? null,
    infringedRight: facts.infringedRight ?? null,
    infringingListing: facts.infringingListing ?? null,
  };
  return { refusals, missing: options.submit ? missingFacts(facts.type, given) : [] };
}

/**
 * The complainant's earlier malicious_complaint / fake_return disputes: submitted before `at`,
 * other than this one, neither drafts nor withdrawn.
 */
export async function earlierComplaintsOf(tx: DbOrTx, storeId: number, customerId: number, exceptId: number | null, at: Date) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(disputes)
    .where(
      and(
        eq(disputes.storeId, storeId),
        eq(disputes.customerId, customerId),
        sql`${disputes.type} in ('malicious_complaint', 'fake_return')`,
        sql`${disputes.status} not in ('draft', 'withdrawn')`,
        sql`${disputes.submittedAt} < ${at}`,
        exceptId === null ? sql`true` : sql`${disputes.id} <> ${exceptId}`,
      ),
    );
  return row?.n ?? 0;
}

/** The routing a dispute would get if it were submitted at `at` (shown on drafts too). */
export async function routingFor(tx: DbOrTx, ctx: StoreContext, d: Pick<Dispute, "id" | "type" | "amountAtStake" | "customerId">, at: Date) {
  const threshold = await legalThresholdOf(tx, ctx.store.id);
  const earlier = d.customerId === null ? null : await earlierComplaintsOf(tx, ctx.store.id, d.customerId, d.id, at);
  return {
    ...computeRouting({ type: d.type, amountAtStake: d.amountAtStake, legalThreshold: threshold, earlierComplaints: earlier }),
    earlierComplaints: earlier,
  };
}

/** Submits a locked draft: routes it, and flags a repeat complainant (`customerFlagged`). */
async function submitLocked(tx: Tx, ctx: StoreContext, d: Dispute, at: Date): Promise<{ customerFlagged: boolean }> {
  assertCanRun("submit", d.status);
  const missing = missingFacts(d.type, d as ResolvedFacts);
  if (missing.length > 0) {
    throw new AppError(
      "invalid",
      `This dispute (type ${d.type}) needs more facts before it is submitted: ${missing.join(", ")}.`,
      "disputes.errors.missingFacts",
      { facts: missing.join(",") },
      missing.map((fact) => ({
        path: fact,
        // A short description is there, but too short: "required" sent the caller looking for a missing field.
        message: fact === "description" ? "At least 10 characters saying what happened" : "Required for this type of dispute",
      })),
    );
  }
  const routing = await routingFor(tx, ctx, d, at);
  const deadline = responseDeadline(d.type, routing.primary, at, ctx.store.timezone);
  const stored: StoredRouting = { primary: routing.primary, chain: routing.chain, reasons: routing.reasons };
  await tx
    .update(disputes)
    .set({
      status: "submitted",
      routing: stored,
      earlierComplaints: routing.earlierComplaints,
      partyIndex: 0,
      currentParty: routing.primary,
      deadlineAt: deadline.at,
      submittedAt: at,
      updatedAt: at,
    })
    .where(and(eq(disputes.storeId, ctx.store.id), eq(disputes.id, d.id)));
  await appendEvent(tx, ctx, {
    disputeId: d.id,
    kind: "submitted",
    at,
    from: d.status,
    to: "submitted",
    data: { primary: routing.primary, chain: routing.chain, deadlineAt: deadline.at.toISOString(), deadlineDays: deadline.days, deadlineRule: deadline.rule },
  });
  const customerFlagged =
    routing.repeatComplainant && d.customerId !== null
      ? await flagRepeatComplainant(tx, ctx.store.id, d.customerId, { id: d.id, earlierComplaints: routing.earlierComplaints!, at })
      : false;
  return { customerFlagged };
}

/** After the commit: a flag a submission set closes the high-value gate, so the store is rescored. */
async function rescoreIfFlagged(ctx: StoreContext, submitted: { customerFlagged: boolean }) {
  if (submitted.customerFlagged) await recomputeAfterWrite(ctx.store.id, `repeat complainant flagged in store ${ctx.store.id}`);
}

export interface FiledDispute {
  id: number;
  status: DisputeStatus;
  /** True when this answers a retried Idempotency-Key: the dispute was filed by an earlier request. */
  replayed: boolean;
}

/** The dispute filed under an idempotency key, if any (store id and key in the WHERE). */
async function disputeByKey(tx: DbOrTx, storeId: number, key: string) {
  const [row] = await tx
    .select({ id: disputes.id, status: disputes.status, requestSha256: disputes.requestSha256 })
    .from(disputes)
    .where(and(eq(disputes.storeId, storeId), eq(disputes.idempotencyKey, key)));
  return row ?? null;
}

/** The first dispute again for a retry of its request; another request under its key is refused. */
function replayOf(first: { id: number; status: DisputeStatus; requestSha256: string | null }, sha256: string): FiledDispute {
  if (first.requestSha256 !== sha256) throw idempotencyKeyReused(first.id);
  return { id: first.id, status: first.status, replayed: true };
}

/**
 * Files a dispute: saved as a draft, or submitted at once (routed by the table and the rules).
 * With an idempotency key (the API's Idempotency-Key), a retry of the same request files nothing
 * and answers the dispute the first one filed, and another request under the key is refused (409).
 * The key is unique per store, so of two identical requests at once one inserts and the other,
 * waiting on that row, finds it taken and answers it; a refused request leaves the key unused.
 */
export async function fileDispute(
  ctx: StoreContext,
  facts: DisputeFacts,
  options: Clock & ReaderLocale & { draft?: boolean; idempotencyKey?: string } = {},
): Promise<FiledDispute> {
  const at = options.now ?? new Date();
  const storeId = ctx.store.id;
  const key = options.idempotencyKey ?? null;
  const sha256 = key === null ? null : requestSha256({ ...facts, draft: options.draft ?? false });
  // A retry answers the first dispute whatever changed since (a link deleted, the facts' rules).
  const earlier = key === null ? null : await disputeByKey(getDb(), storeId, key);
  if (earlier) return replayOf(earlier, sha256!);
  const { filed, submitted } = await getDb().transaction(async (tx) => {
    const values = await resolveLinks(tx, ctx, facts, options.locale);
    const [row] = await tx
      .insert(disputes)
      .values({ storeId, status: "draft", ...values, createdByUserId: ctx.userId, createdAt: at, updatedAt: at, idempotencyKey: key, requestSha256: sha256 })
      .onConflictDoNothing({ target: [disputes.storeId, disputes.idempotencyKey] })
      .returning();
    if (!row) {
      // A twin request committed the key while this one waited on it: a new statement sees its row.
      const twin = await disputeByKey(tx, storeId, key!);
      if (!twin) throw new AppError("conflict", "A dispute with this Idempotency-Key is being filed; retry the request.");
      return { filed: replayOf(twin, sha256!), submitted: { customerFlagged: false } };
    }
    const dispute = row;
    await appendEvent(tx, ctx, { disputeId: dispute.id, kind: "created", at, to: "draft", data: { type: dispute.type, title: dispute.title } });
    if (options.draft) return { filed: { id: dispute.id, status: "draft" as const, replayed: false }, submitted: { customerFlagged: false } };
    return { filed: { id: dispute.id, status: "submitted" as const, replayed: false }, submitted: await submitLocked(tx, ctx, dispute, at) };
  });
  await rescoreIfFlagged(ctx, submitted);
  return filed;
}

const factColumns = [
  "type",
  "title",
  "description",
  "amountAtStake",
  "orderId",
  "customerId",
  "productId",
  "returnId",
  "counterpartyName",
  "counterpartyKind",
  "infringedRight",
  "infringingListing",
] as const;

/**
 * The id of the last event that set a draft's facts (created, draft_updated): the edit form sends
 * it back as `seen`, read apart from the history, which its page need not hold whole.
 */
export async function lastFactsEventId(ctx: StoreContext, disputeId: number, db: DbOrTx = getDb()): Promise<number | undefined> {
  const [last] = await db
    .select({ id: sql<number | null>`max(${disputeEvents.id})::int` })
    .from(disputeEvents)
    .where(and(eq(disputeEvents.storeId, ctx.store.id), eq(disputeEvents.disputeId, disputeId), sql`${disputeEvents.kind} in ('created', 'draft_updated')`));
  return last?.id ?? undefined;
}

/**
 * Changes a draft's facts (only drafts change; the history records which facts did). `seen`: the
 * id of the last event that set its facts (created, draft_updated) on the page the edit was made
 * from; the form sends every fact, so an edit saved since would be undone: it is refused instead.
 */
export async function updateDraft(
  ctx: StoreContext,
  disputeId: number,
  facts: DisputeFacts,
  options: Clock & ReaderLocale & { submit?: boolean; seen?: number } = {},
) {
  const at = options.now ?? new Date();
  const { result, submitted } = await getDb().transaction(async (tx) => {
    const current = await lockDispute(tx, ctx, disputeId);
    assertCanRun("edit", current.status);
    if (options.seen !== undefined) {
      if ((await lastFactsEventId(ctx, disputeId, tx)) !== options.seen) {
        throw new AppError(
          "conflict",
          "This draft was changed meanwhile by someone else; reload it to see its facts, then make your change again.",
          "disputes.errors.draftChangedMeanwhile",
        );
      }
    }
    const values = await resolveLinks(tx, ctx, facts, options.locale);
    const changed = factColumns.filter((key) => values[key] !== current[key]);
    if (changed.length > 0) {
      await tx
        .update(disputes)
        .set({ ...values, updatedAt: at })
        .where(and(eq(disputes.storeId, ctx.store.id), eq(disputes.id, disputeId)));
      await appendEvent(tx, ctx, { disputeId, kind: "draft_updated", at, data: { changed } });
    }
    if (options.submit) {
      return { result: { id: disputeId, status: "submitted" as DisputeStatus }, submitted: await submitLocked(tx, ctx, { ...current, ...values }, at) };
    }
    return { result: { id: disputeId, status: current.status }, submitted: { customerFlagged: false } };
  });
  await rescoreIfFlagged(ctx, submitted);
  return result;
}

export async function submitDispute(ctx: StoreContext, disputeId: number, options: Clock = {}) {
  const at = options.now ?? new Date();
  await rescoreIfFlagged(ctx, await getDb().transaction(async (tx) => submitLocked(tx, ctx, await lockDispute(tx, ctx, disputeId), at)));
}

/** Runs one workflow step on a locked dispute: the status check, the change, and its event. */
async function step(
  ctx: StoreContext,
  disputeId: number,
  action: DisputeAction,
  at: Date,
  change: (d: Dispute, tx: Tx) => Promise<{ set?: Partial<typeof disputes.$inferInsert>; kind: DisputeEventKind; data?: Record<string, unknown> }>,
) {
  await getDb().transaction(async (tx) => {
    const d = await lockDispute(tx, ctx, disputeId);
    assertCanRun(action, d.status);
    const { set, kind, data } = await change(d, tx);
    const to = resultingStatus[action];
    await tx
      .update(disputes)
      .set({ ...set, ...(to ? { status: to } : {}), updatedAt: at })
      .where(and(eq(disputes.storeId, ctx.store.id), eq(disputes.id, disputeId)));
    await appendEvent(tx, ctx, { disputeId, kind, at, from: to ? d.status : undefined, to, data });
  });
}

async function assertMember(tx: Tx, ctx: StoreContext, userId: number) {
  // Shared lock: a removal of the member waits for this assignment, then unassigns it
  // (unassignRemovedMember); without it the removal's update could miss the new assignment.
  const [row] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.storeId, ctx.store.id), eq(memberships.userId, userId)))
    .for("share");
  if (!row) throw new AppError("invalid", "That person is not a member of this store.", "disputes.errors.notMember");
}

export async function assignDispute(ctx: StoreContext, disputeId: number, assigneeUserId: number, options: Clock = {}) {
  await step(ctx, disputeId, "assign", options.now ?? new Date(), async (d, tx) => {
    await assertMember(tx, ctx, assigneeUserId);
    if (d.assigneeUserId === assigneeUserId) {
      throw new AppError("conflict", "The dispute is already assigned to that person.", "disputes.errors.alreadyAssigned");
    }
    return { set: { assigneeUserId }, kind: "assigned", data: { from: d.assigneeUserId, to: assigneeUserId } };
  });
}

/**
 * A staff member leaves the store (in the removal's transaction): their open disputes go back to
 * unassigned for the owner to reassign, each with an `assigned` event to nobody that names who was
 * removed (by email: the history can no longer look the person up among the members). Resolved and
 * withdrawn disputes keep who handled them. Answers how many disputes were unassigned.
 */
export async function unassignRemovedMember(tx: Tx, ctx: StoreContext, removed: { userId: number; email: string }, at = new Date()) {
  const rows = await tx
    .update(disputes)
    .set({ assigneeUserId: null, updatedAt: at })
    .where(and(eq(disputes.storeId, ctx.store.id), eq(disputes.assigneeUserId, removed.userId), inArray(disputes.status, [...openStatuses])))
    .returning({ id: disputes.id });
  for (const { id } of rows) {
    await appendEvent(tx, ctx, { disputeId: id, kind: "assigned", at, data: { from: removed.userId, to: null, reason: "member_removed", email: removed.email } });
  }
  return rows.length;
}

/** Takes a submitted dispute into review; without an assignee, the reviewer takes it. */
export async function startReview(ctx: StoreContext, disputeId: number, options: Clock = {}) {
  await step(ctx, disputeId, "startReview", options.now ?? new Date(), async (d) => {
    const assignee = d.assigneeUserId ?? ctx.userId;
    if (assignee === null) {
      throw new AppError("invalid", "Assign the dispute to a staff member before the review starts.", "disputes.errors.needsAssignee");
    }
    return { set: { assigneeUserId: assignee }, kind: "review_started", data: { assigneeUserId: assignee } };
  });
}

export interface DeadlineOverride {
  deadlineAt: Date;
  reason: string;
}

/** A new deadline outside the years the app takes (a slip of the year, 9999). */
export const deadlineOutOfRange = () =>
  new AppError("invalid", `The new deadline must be in the years ${TIME_RANGE_TEXT.from} to ${TIME_RANGE_TEXT.to}.`, "disputes.errors.deadlineOutOfRange", { ...TIME_RANGE_TEXT }, [
    { path: "deadlineAt", message: "Out of range" },
  ]);

function checkOverride(override: DeadlineOverride, at: Date) {
  if (!(override.deadlineAt.getTime() > at.getTime())) {
    throw new AppError("invalid", "The new deadline must be in the future.", "disputes.errors.deadlinePast", {}, [
      { path: "deadlineAt", message: "Not in the future" },
    ]);
  }
  // A slip of the year (9999) would keep the dispute out of the overdue queue for good.
  if (!inTimeRange(override.deadlineAt)) {
    throw deadlineOutOfRange();
  }
  if (override.reason.trim().length < 2) {
    throw new AppError("invalid", "Say why the deadline changes.", "disputes.errors.deadlineReason", {}, [
      { path: "reason", message: "Too short" },
    ]);
  }
}

function partyAt(d: Dispute, index: number) {
  const order = d.routing ? [d.routing.primary, ...d.routing.chain] : [];
  return order[index] ?? null;
}

/**
 * Sends the dispute to the party it sits with (the primary after the review). The party's response
 * time starts now, as an escalation's does: kept from the submission, the days the review took
 * came out of it, and a dispute reviewed for a week went out already overdue. A deadline someone
 * set by hand before (a date the platform gave, with its reason in the history) stays.
 */
export async function routeDispute(ctx: StoreContext, disputeId: number, options: Clock & { override?: DeadlineOverride } = {}) {
  const at = options.now ?? new Date();
  if (options.override) checkOverride(options.override, at);
  await step(ctx, disputeId, "route", at, async (d, tx) => {
    const party = partyAt(d, d.partyIndex ?? 0)!;
    const deadline = responseDeadline(d.type, party, at, ctx.store.timezone);
    const [handSet] = await tx
      .select({ id: disputeEvents.id })
      .from(disputeEvents)
      .where(and(eq(disputeEvents.storeId, ctx.store.id), eq(disputeEvents.disputeId, d.id), eq(disputeEvents.kind, "deadline_changed")))
      .limit(1);
    const deadlineAt = options.override?.deadlineAt ?? (handSet && d.deadlineAt ? d.deadlineAt : deadline.at);
    return {
      set: { currentParty: party, deadlineAt },
      kind: "routed",
      data: {
        party,
        deadlineAt: deadlineAt.toISOString(),
        deadlineDays: deadline.days,
        deadlineRule: deadline.rule,
        ...(options.override ? { overrideReason: options.override.reason } : {}),
      },
    };
  });
}

/**
 * Moves the dispute to the next party of its chain, with that party's response deadline. `to`: the
 * party the caller means (the page's button names it). Escalation is allowed from "escalated" too,
 * so two staff pressing "Escalate to the platform" at once sent it on past the platform to the
 * lawyer; the second is now refused, told where the dispute went.
 */
export async function escalateDispute(ctx: StoreContext, disputeId: number, options: Clock & { override?: DeadlineOverride; to?: DisputeParty } = {}) {
  const at = options.now ?? new Date();
  if (options.override) checkOverride(options.override, at);
  await step(ctx, disputeId, "escalate", at, async (d) => {
    const nextIndex = (d.partyIndex ?? 0) + 1;
    const party = partyAt(d, nextIndex);
    if (options.to !== undefined && party !== options.to && d.currentParty !== null) {
      throw new AppError(
        "conflict",
        `The dispute was escalated meanwhile; it is now with ${d.currentParty}.`,
        "disputes.errors.escalatedMeanwhile",
        { party: d.currentParty },
      );
    }
    if (!party) {
      throw new AppError("conflict", "There is no further party to escalate to; resolve or withdraw the dispute.", "disputes.errors.chainEnd");
    }
    const deadline = responseDeadline(d.type, party, at, ctx.store.timezone);
    const deadlineAt = options.override?.deadlineAt ?? deadline.at;
    return {
      set: { partyIndex: nextIndex, currentParty: party, deadlineAt },
      kind: "escalated",
      data: {
        from: d.currentParty,
        party,
        deadlineAt: deadlineAt.toISOString(),
        deadlineDays: deadline.days,
        deadlineRule: deadline.rule,
        ...(options.override ? { overrideReason: options.override.reason } : {}),
      },
    };
  });
}

/** Changes the running deadline; the reason goes into the history. */
export async function overrideDeadline(ctx: StoreContext, disputeId: number, override: DeadlineOverride, options: Clock = {}) {
  const at = options.now ?? new Date();
  checkOverride(override, at);
  await step(ctx, disputeId, "setDeadline", at, async (d) => ({
    set: { deadlineAt: override.deadlineAt },
    kind: "deadline_changed",
    data: { from: d.deadlineAt?.toISOString() ?? null, to: override.deadlineAt.toISOString(), reason: override.reason.trim() },
  }));
}

export async function resolveDispute(ctx: StoreContext, disputeId: number, input: { outcome: DisputeOutcome; summary: string }, options: Clock = {}) {
  const at = options.now ?? new Date();
  await step(ctx, disputeId, "resolve", at, async () => ({
    set: { outcome: input.outcome, resolutionSummary: input.summary.trim(), closedAt: at },
    kind: "resolved",
    data: { outcome: input.outcome, summary: input.summary.trim() },
  }));
}

export async function withdrawDispute(ctx: StoreContext, disputeId: number, input: { reason: string }, options: Clock = {}) {
  const at = options.now ?? new Date();
  await step(ctx, disputeId, "withdraw", at, async () => ({
    set: { closedAt: at },
    kind: "withdrawn",
    data: { reason: input.reason.trim() },
  }));
}

export async function commentOnDispute(ctx: StoreContext, disputeId: number, body: string, options: Clock = {}) {
  const text = body.trim();
  if (text.length === 0) throw new AppError("invalid", "Write a comment first.", "disputes.errors.emptyComment");
  await step(ctx, disputeId, "comment", options.now ?? new Date(), async () => ({ kind: "comment", data: { body: text } }));
}

/** For evidence.ts: records an uploaded file's event inside the caller's transaction. */
export async function lockForEvidence(tx: Tx, ctx: StoreContext, disputeId: number) {
  const d = await lockDispute(tx, ctx, disputeId);
  assertCanRun("addEvidence", d.status);
  return d;
}
export { appendEvent as appendDisputeEvent };
