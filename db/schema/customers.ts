import { sql } from "drizzle-orm";
import { bigint, foreignKey, index, pgEnum, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { at, createdAt, id, idRef } from "./columns";
import { stores } from "./stores";

export const customers = pgTable(
  "customers",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    externalId: text("external_id").notNull(),
    name: text("name").notNull().default(""),
    firstOrderAt: at("first_order_at"),
    lastOrderAt: at("last_order_at"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    unique("customers_external_id_key").on(t.storeId, t.externalId),
    // The customers list's search (a name containing the text, an external id starting with it):
    // without it every search of a 100,000-customer store read every customer, about 100 ms of
    // the embedded database, which serves one statement at a time. pg_trgm indexes texts of
    // three characters and more (names of two go through the pairs' index below). Migration 0022
    // creates it only where the extension is available.
    // Both GIN indexes keep a short pending list (256 kB, migration 0023): every search reads the
    // unmerged list through, and at the default 4 MB it held 8,711 entries after seeding 100,000
    // customers (4 ms a search), which nothing merges on the embedded database short of a vacuum.
    // Without one (fastupdate off) inserting 100,000 customers took 7.7 s instead of 2.7 s.
    index("customers_search_idx")
      .using("gin", sql`${t.name} gin_trgm_ops`, sql`${t.externalId} gin_trgm_ops`)
      .with({ gin_pending_list_limit: 256 }),
    // Names by their pairs of characters (name_bigrams, migration 0023), for a text of two
    // characters or more: pg_trgm needs three, and most Chinese names have two or three (郭波),
    // so a search for one read every customer (58–62 ms of PostgreSQL at 100,000; 6–11 ms
    // through this index). It needs no extension.
    index("customers_name_bigrams_idx").using("gin", sql`name_bigrams(${t.name})`).with({ gin_pending_list_limit: 256 }),
    // Names by their characters (name_chars, migration 0031), for a search of one (a surname, 王):
    // the list found those customers by reading every name (64 ms of PostgreSQL at 100,000).
    index("customers_name_chars_idx").using("gin", sql`name_chars(${t.name})`).with({ gin_pending_list_limit: 256 }),
    // External ids (buyer IDs) by their characters and pairs (migration 0052), for the members
    // search of one or two characters, which looks for the text in a name or an id: with only the
    // names indexed, the OR read every member's customer (75–92 ms of PostgreSQL, 0.25–0.4 s
    // embedded at 55,000 members).
    index("customers_external_id_chars_idx").using("gin", sql`name_chars(${t.externalId})`).with({ gin_pending_list_limit: 256 }),
    index("customers_external_id_bigrams_idx").using("gin", sql`name_bigrams(${t.externalId})`).with({ gin_pending_list_limit: 256 }),
  ],
);

export const complianceFlags = ["confirmed_fraud", "malicious_complaint"] as const;
export type ComplianceFlag = (typeof complianceFlags)[number];
export const complianceFlagEnum = pgEnum("compliance_flag", complianceFlags);

// A flag currently set on a customer: set by staff with a reason, or by Laoke when a dispute
// finds the customer a repeat complainant.
export const customerFlags = pgTable(
  "customer_flags",
  {
    storeId: idRef("store_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    flag: complianceFlagEnum("flag").notNull(),
    reason: text("reason").notNull(),
    setByUserId: bigint("set_by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    /** Set by Laoke when this dispute found the customer a repeat complainant (PRODUCT.md §6); null when set by a person. */
    disputeId: idRef("dispute_id"),
    setAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.customerId, t.flag] }),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete(
      "cascade",
    ),
  ],
);

export type Customer = typeof customers.$inferSelect;

// Every time a flag is set or cleared, with who and why: flags come and go, the record stays.
export const customerFlagEvents = pgTable(
  "customer_flag_events",
  {
    storeId: idRef("store_id").notNull(),
    id: id(),
    customerId: idRef("customer_id").notNull(),
    flag: complianceFlagEnum("flag").notNull(),
    action: text("action", { enum: ["set", "clear"] }).notNull(),
    reason: text("reason").notNull(),
    byUserId: bigint("by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    /** As customer_flags.dispute_id: the dispute whose filing set the flag. */
    disputeId: idRef("dispute_id"),
    at: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete(
      "cascade",
    ),
  ],
);
