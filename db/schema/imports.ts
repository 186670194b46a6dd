import { bigint, boolean, integer, jsonb, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { at, createdAt, id, idRef } from "./columns";
import { stores } from "./stores";

export const importKinds = ["orders", "returns", "reviews", "shares"] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindEnum = pgEnum("import_kind", importKinds);
export const importFormats = ["canonical", "online-retail"] as const;
export type ImportFormat = (typeof importFormats)[number];
export const importStatuses = ["queued", "running", "succeeded", "failed"] as const;
export const importStatusEnum = pgEnum("import_status", importStatuses);

/**
 * A message in English, for the API, the CLI and the stored import, with the catalogue key and
 * values that show it in the reader's language on the page (lib/imports/reasons.ts). A value may
 * itself be a message: why a file is not readable CSV, inside the import's own message.
 */
export interface Localizable {
  message: string;
  key?: string;
  values?: Record<string, string | number | Localizable>;
}

/** A refused row: the message in English, and its catalogue key and values (lib/imports/reasons.ts). */
export interface ImportError extends Localizable {
  row: number;
  column?: string;
}

// One CSV import: its progress while it runs, its result and its refused rows afterwards.
export const imports = pgTable(
  "imports",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    kind: importKindEnum("kind").notNull(),
    format: text("format", { enum: importFormats }).notNull(),
    fileName: text("file_name").notNull(),
    skipInvalid: boolean("skip_invalid").notNull().default(false),
    status: importStatusEnum("status").notNull().default("queued"),
    totalRows: integer("total_rows"),
    processedRows: integer("processed_rows").notNull().default(0),
    /** Rows a succeeded import left out: ignoredRows, and the invalid rows skipped (skipInvalid). */
    skippedRows: integer("skipped_rows").notNull().default(0),
    /** Rows left out by the format's own rules (guest checkouts in online-retail), not errors. */
    ignoredRows: integer("ignored_rows").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    /** The first errors (row, column, reason); errorCount has them all counted. */
    errors: jsonb("errors").$type<ImportError[]>().notNull().default([]),
    /** Created / updated per table, e.g. {"orders":{"created":10,"updated":0}}. */
    counts: jsonb("counts").$type<Record<string, { created: number; updated: number }>>(),
    /** Why it failed, in English (the API, the CLI); the key and values show it in the page's language. */
    message: text("message"),
    messageKey: text("message_key"),
    messageValues: jsonb("message_values").$type<Localizable["values"]>(),
    createdByUserId: bigint("created_by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    startedAt: at("started_at"),
    /** Touched after every batch: a running import whose heartbeat stops was interrupted. */
    heartbeatAt: at("heartbeat_at"),
    finishedAt: at("finished_at"),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] })],
);

// Staging: rows are checked and written here batch by batch while the file streams in, then
// moved into the store's tables by one set-based transaction at the end. A file that fails or
// a process that dies halfway leaves the store's tables as they were. The (store, import, row)
// key costs a quarter of each batch's insert, but the merge finds a record's first row by its
// number, and an API request's merge (up to 1,000 records, nested loops allowed) looks it up by
// the key instead of scanning the staging for every record.
const staging = {
  storeId: idRef("store_id").notNull(),
  importId: idRef("import_id").notNull(),
  rowNo: integer("row_no").notNull(),
};

export const stagedOrderLines = pgTable(
  "staged_order_lines",
  {
    ...staging,
    orderExternalId: text("order_external_id").notNull(),
    customerExternalId: text("customer_external_id").notNull(),
    customerName: text("customer_name"),
    placedAt: at("placed_at").notNull(),
    status: text("status").notNull(),
    groupBuy: boolean("group_buy").notNull(),
    productExternalId: text("product_external_id").notNull(),
    productName: text("product_name"),
    quantity: integer("quantity").notNull(),
    unitPrice: bigint("unit_price", { mode: "number" }).notNull(),
    lineAmount: bigint("line_amount", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.importId, t.rowNo] })],
);

export const stagedReturns = pgTable(
  "staged_returns",
  {
    ...staging,
    externalId: text("external_id").notNull(),
    customerExternalId: text("customer_external_id").notNull(),
    orderExternalId: text("order_external_id"),
    type: text("type").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    requestedAt: at("requested_at").notNull(),
    status: text("status").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.importId, t.rowNo] })],
);

export const stagedReviews = pgTable(
  "staged_reviews",
  {
    ...staging,
    externalId: text("external_id").notNull(),
    customerExternalId: text("customer_external_id").notNull(),
    orderExternalId: text("order_external_id"),
    productExternalId: text("product_external_id"),
    rating: integer("rating").notNull(),
    hasPhotos: boolean("has_photos").notNull(),
    likes: integer("likes").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.importId, t.rowNo] })],
);

export const stagedShares = pgTable(
  "staged_shares",
  {
    ...staging,
    externalId: text("external_id").notNull(),
    customerExternalId: text("customer_external_id").notNull(),
    productExternalId: text("product_external_id"),
    sharedAt: at("shared_at").notNull(),
    conversions: integer("conversions").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.importId, t.rowNo] })],
);

export type Import = typeof imports.$inferSelect;
