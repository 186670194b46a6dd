import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { bigint, check, date, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { at, createdAt, id, idRef } from "./columns";
import { customers } from "./customers";
import { returns } from "./engagement";
import { orders } from "./orders";
import { products } from "./products";
import { stores } from "./stores";
import {
  counterpartyKinds,
  disputeEventKinds,
  openDisputeStatuses,
  disputeOutcomes,
  disputeParties,
  disputeStatuses,
  disputeTypes,
  type DisputeParty,
} from "../../lib/disputes/constants";

export * from "../../lib/disputes/constants";

// 商家维权 (PRODUCT.md §6): disputes, their append-only history, evidence files, the parties
// directory and each store's dispute settings.

const openList = sql.raw(openDisputeStatuses.map((s) => `'${s}'`).join(", "));

/**
 * The queue's order (lib/disputes/queries.ts): the open disputes first, soonest deadline first
 * (none last), then the others; the newest first within each. A closed dispute's deadline is
 * history: it does not place the dispute among the closed ones. The index below is on these same
 * expressions, so that a page of the queue is read in its order instead of sorting the store's
 * every dispute.
 */
export function disputeQueueOrder(t: { status: PgColumn; deadlineAt: PgColumn }): [SQL, SQL] {
  return [
    sql`(case when ${t.status} in (${openList}) then 0 else 1 end)`,
    sql`(case when ${t.status} in (${openList}) then ${t.deadlineAt} end)`,
  ];
}

export const disputeTypeEnum = pgEnum("dispute_type", disputeTypes);

export const disputeStatusEnum = pgEnum("dispute_status", disputeStatuses);

export const disputePartyEnum = pgEnum("dispute_party", disputeParties);

export const disputeOutcomeEnum = pgEnum("dispute_outcome", disputeOutcomes);

export const counterpartyKindEnum = pgEnum("dispute_counterparty_kind", counterpartyKinds);

export const disputeEventKindEnum = pgEnum("dispute_event_kind", disputeEventKinds);

/** The routing decided when a dispute is submitted: kept as it was decided, reasons included. */
export interface StoredRouting {
  primary: DisputeParty;
  chain: DisputeParty[];
  reasons: { code: string; values: Record<string, string | number> }[];
}

export const disputes = pgTable(
  "disputes",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    type: disputeTypeEnum("type").notNull(),
    status: disputeStatusEnum("status").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    // Minor units of the store's currency.
    amountAtStake: bigint("amount_at_stake", { mode: "number" }).notNull().default(0),
    orderId: idRef("order_id"),
    customerId: idRef("customer_id"),
    productId: idRef("product_id"),
    returnId: idRef("return_id"),
    counterpartyName: text("counterparty_name"),
    counterpartyKind: counterpartyKindEnum("counterparty_kind"),
    // IP cases: the right that was infringed (trademark no., design, photos…) and where.
    infringedRight: text("infringed_right"),
    infringingListing: text("infringing_listing"),
    routing: jsonb("routing").$type<StoredRouting>(),
    // The complainant's earlier malicious_complaint / fake_return disputes when it was submitted.
    earlierComplaints: integer("earlier_complaints"),
    // Position in [primary, ...chain] of the party the dispute sits with; null until routed.
    partyIndex: integer("party_index"),
    currentParty: disputePartyEnum("current_party"),
    deadlineAt: at("deadline_at"),
    assigneeUserId: bigint("assignee_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    outcome: disputeOutcomeEnum("outcome"),
    resolutionSummary: text("resolution_summary"),
    createdByUserId: bigint("created_by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    submittedAt: at("submitted_at"),
    closedAt: at("closed_at"),
    updatedAt: at("updated_at").notNull().defaultNow(),
    // POST /api/v1/disputes's Idempotency-Key header, and the sha256 of the request it came with:
    // a retry with the key answers this dispute, another request under it is refused.
    idempotencyKey: text("idempotency_key"),
    requestSha256: text("request_sha256"),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    // Per store; the disputes filed without a key (null) are all distinct.
    unique("disputes_idempotency_key").on(t.storeId, t.idempotencyKey),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }),
    foreignKey({ columns: [t.storeId, t.orderId], foreignColumns: [orders.storeId, orders.id] }),
    foreignKey({ columns: [t.storeId, t.productId], foreignColumns: [products.storeId, products.id] }),
    foreignKey({ columns: [t.storeId, t.returnId], foreignColumns: [returns.storeId, returns.id] }),
    check("disputes_amount_check", sql`${t.amountAtStake} >= 0`),
    index("disputes_queue_idx").on(t.storeId, t.status, t.deadlineAt),
    // The queue in its order, with every column its filters read after the id: a page of it, and
    // the pages skipped before it, are read from the index alone (50,000 disputes were sorted
    // whole for every page, 0.1-0.3 s).
    index("disputes_queue_order_idx").on(
      t.storeId,
      ...disputeQueueOrder(t),
      // DESC is NULLS FIRST in the query's ORDER BY, as PostgreSQL's default; drizzle-kit writes NULLS LAST unless told.
      t.id.desc().nullsFirst(),
      t.status,
      t.deadlineAt,
      t.type,
      t.assigneeUserId,
      t.currentParty,
    ),
    index("disputes_customer_idx").on(t.storeId, t.customerId),
    index("disputes_assignee_idx").on(t.storeId, t.assigneeUserId),
    // The dashboard's disputes by type and status in a period: the days of its first (and last)
    // month that dispute_month_counts cannot split are read from here alone.
    index("disputes_created_idx").on(t.storeId, t.createdAt, t.type, t.status),
  ],
);

/**
 * Each store's disputes per status, kept by statement triggers on disputes (migration 0053) as
 * they are inserted, change status or are deleted: the counts beside the queue and on the
 * dashboard read every dispute of the store (13–45 ms at 50,000). What depends on the time, the
 * open disputes past their deadline, is not kept here (lib/disputes/queries.ts's disputeCounts).
 */
export const disputeStatusCounts = pgTable(
  "dispute_status_counts",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    status: disputeStatusEnum("status").notNull(),
    disputes: bigint("disputes", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.status] })],
);

/**
 * Each store's disputes per month filed (created_at's month in UTC, its first day), type and
 * status, kept by statement triggers on disputes (migration 0054) as dispute_status_counts is:
 * the dashboard's chart of disputes by type and status in a period read every dispute filed in it
 * (14–21 ms at 50,000); it now sums the whole months in the period from here and reads only the
 * days of a month cut by the period's edge from disputes_created_idx. A row whose count fell to
 * zero is left, as in dispute_status_counts.
 */
export const disputeMonthCounts = pgTable(
  "dispute_month_counts",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    type: disputeTypeEnum("type").notNull(),
    status: disputeStatusEnum("status").notNull(),
    disputes: bigint("disputes", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.month, t.type, t.status] })],
);

// Append-only: a migration trigger refuses UPDATE and direct DELETE (only the cascade of a
// store being deleted passes), and the code has no path that changes a row.
export const disputeEvents = pgTable(
  "dispute_events",
  {
    storeId: idRef("store_id").notNull(),
    id: id(),
    disputeId: idRef("dispute_id").notNull(),
    kind: disputeEventKindEnum("kind").notNull(),
    actorUserId: bigint("actor_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    fromStatus: disputeStatusEnum("from_status"),
    toStatus: disputeStatusEnum("to_status"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    foreignKey({ columns: [t.storeId, t.disputeId], foreignColumns: [disputes.storeId, disputes.id] }).onDelete("cascade"),
    // A dispute's history in the order things happened, which its page reads a page at a time
    // from either end (lib/disputes/queries.ts, disputeHistoryPage).
    index("dispute_events_dispute_time_idx").on(t.storeId, t.disputeId, t.at, t.id),
  ],
);

export const disputeEvidence = pgTable(
  "dispute_evidence",
  {
    storeId: idRef("store_id").notNull(),
    id: id(),
    disputeId: idRef("dispute_id").notNull(),
    // What the user called the file (for display only; never a path).
    fileName: text("file_name").notNull(),
    // The name on disk, chosen by the server.
    storedName: text("stored_name").notNull(),
    mediaType: text("media_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    uploadedByUserId: bigint("uploaded_by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    uploadedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    foreignKey({ columns: [t.storeId, t.disputeId], foreignColumns: [disputes.storeId, disputes.id] }).onDelete("cascade"),
    index("dispute_evidence_dispute_idx").on(t.storeId, t.disputeId),
  ],
);

// The store's own contacts for each party; a party without a row shows its generic name.
export const disputePartyContacts = pgTable(
  "dispute_party_contacts",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    party: disputePartyEnum("party").notNull(),
    name: text("name").notNull().default(""),
    contact: text("contact").notNull().default(""),
    notes: text("notes").notNull().default(""),
    updatedByUserId: bigint("updated_by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.party] })],
);

export const disputeSettings = pgTable(
  "dispute_settings",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    // Minor units: 5,000,000 fen = ¥50,000 (PRODUCT.md §6's default).
    legalThreshold: bigint("legal_threshold", { mode: "number" }).notNull().default(5_000_000),
    updatedByUserId: bigint("updated_by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId] }), check("dispute_settings_threshold_check", sql`${t.legalThreshold} >= 0`)],
);

export type Dispute = typeof disputes.$inferSelect;
export type DisputeEvent = typeof disputeEvents.$inferSelect;
export type DisputeEvidence = typeof disputeEvidence.$inferSelect;
