import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { at, createdAt, id, idRef } from "./columns";
import { customers } from "./customers";
import { orders } from "./orders";
import { products } from "./products";
import { returns } from "./engagement";
import { tierEnum } from "./scoring";
import { stores } from "./stores";

// PRODUCT.md §4: member prices, paid membership plans and enrolments, points rules and ledger.

// 会员专享价: one price per product and tier, either fixed or a percent off the regular price
// (kept as the percent so it follows later changes of the regular price).
export const memberPrices = pgTable(
  "member_prices",
  {
    storeId: idRef("store_id").notNull(),
    productId: idRef("product_id").notNull(),
    tier: tierEnum("tier").notNull(),
    price: bigint("price", { mode: "number" }),
    percentOff: integer("percent_off"),
    updatedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.productId, t.tier] }),
    foreignKey({ columns: [t.storeId, t.productId], foreignColumns: [products.storeId, products.id] }).onDelete("cascade"),
    check("member_prices_one_kind", sql`(${t.price} is null) <> (${t.percentOff} is null)`),
    check("member_prices_percent_range", sql`${t.percentOff} between 1 and 99`),
  ],
);

// 会员费: a plan the platform sells; Laoke records who paid and for how long.
export const membershipPlans = pgTable(
  "membership_plans",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    name: text("name").notNull(),
    fee: bigint("fee", { mode: "number" }).notNull(),
    lengthDays: integer("length_days").notNull(),
    /** The tier an active membership lifts its customer to, at least. */
    tier: tierEnum("tier").notNull(),
    archived: boolean("archived").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    unique("membership_plans_name_key").on(t.storeId, t.name),
    check("membership_plans_length", sql`${t.lengthDays} > 0`),
    check("membership_plans_fee", sql`${t.fee} >= 0`),
  ],
);

// One paid period of a customer in a plan. A renewal is a new row starting where the last ends.
// Active at t when starts_at <= t < ends_at and not cancelled at or before t.
export const customerMemberships = pgTable(
  "customer_memberships",
  {
    storeId: idRef("store_id").notNull(),
    id: id(),
    customerId: idRef("customer_id").notNull(),
    planId: idRef("plan_id").notNull(),
    /** The plan's tier when enrolled: later plan edits do not change what was sold. */
    tier: tierEnum("tier").notNull(),
    feePaid: bigint("fee_paid", { mode: "number" }).notNull(),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
    cancelledAt: at("cancelled_at"),
    renewsMembershipId: idRef("renews_membership_id"),
    createdByUserId: bigint("created_by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.storeId, t.planId], foreignColumns: [membershipPlans.storeId, membershipPlans.id] }),
    index("customer_memberships_customer_idx").on(t.storeId, t.customerId, t.endsAt),
    index("customer_memberships_ends_idx").on(t.storeId, t.endsAt),
    // The edges of today for membership_day_counts: what starts, and what a cancellation stops, later today.
    index("customer_memberships_starts_idx").on(t.storeId, t.startsAt),
    index("customer_memberships_cancelled_idx").on(t.storeId, t.cancelledAt).where(sql`${t.cancelledAt} is not null`),
    check("customer_memberships_period", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * Each store's memberships by the day (UTC) they start and the day they stop counting (their end,
 * or their cancellation when that is earlier), kept by statement triggers on customer_memberships
 * (migration 0055), counting only memberships that are active at some moment (a renewal cancelled
 * before it began never is). The dashboard's count of active members was a pass over every
 * current membership (20–49 ms on PostgreSQL, 44–95 ms embedded at 55,000); at a moment t it is
 * now the stops less the starts of the days after t's day, summed from here, and the same of t's
 * own day after t, read from the memberships (countActiveMembers). Past days' rows are left: no
 * read reaches them.
 */
export const membershipDayCounts = pgTable(
  "membership_day_counts",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    starts: bigint("starts", { mode: "number" }).notNull(),
    stops: bigint("stops", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day] })],
);

// 积分规则: one row per store; no row means the store has no points programme.
export const pointsRules = pgTable(
  "points_rules",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    enabled: boolean("enabled").notNull().default(true),
    /** Points per major currency unit (yuan) of a paid order's total. */
    earnRate: numeric("earn_rate", { precision: 10, scale: 4, mode: "number" }).notNull(),
    /** Multiplier per tier, e.g. {"ordinary":1,"gold":1.5}. */
    tierMultipliers: jsonb("tier_multipliers").$type<Record<string, number>>().notNull(),
    /** Points expire this many months after they are earned; 0 = never. */
    expiryMonths: integer("expiry_months").notNull(),
    /** Points per major currency unit of coupon value when redeemed. */
    redeemRate: integer("redeem_rate").notNull(),
    /** Orders placed from this time on earn points (when the programme started). */
    earnFrom: at("earn_from").notNull(),
    /** When points were last switched off; null while they are on (or off since before this was kept). */
    offSince: at("off_since"),
    /** The times points were switched off, [from, to) as ISO strings: orders placed then earn nothing. */
    paused: jsonb("paused").$type<[string, string][]>().notNull().default([]),
    updatedAt: createdAt(),
    updatedByUserId: bigint("updated_by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ columns: [t.storeId] }),
    check("points_rules_rates", sql`${t.earnRate} >= 0 and ${t.redeemRate} > 0 and ${t.expiryMonths} >= 0`),
  ],
);

// restore: a reversal given back (the order is paid again, the return no longer completed);
// amount_change: a paid order's or a completed return's amount changed; move_out / move_in: an
// order (or a return) now of another customer, its points taken off the customer who had them
// and given to the one it is now of (lib/points/settle.ts, movePoints).
export const pointsEntryKinds = ["earn", "reversal", "redeem", "expiry", "adjustment", "restore", "amount_change", "move_out", "move_in"] as const;
export type PointsEntryKind = (typeof pointsEntryKinds)[number];
export const pointsEntryKindEnum = pgEnum("points_entry_kind", pointsEntryKinds);

// 积分明细: the ledger; a customer's balance is the sum of their entries' points.
export const pointsEntries = pgTable(
  "points_entries",
  {
    storeId: idRef("store_id").notNull(),
    id: id(),
    customerId: idRef("customer_id").notNull(),
    kind: pointsEntryKindEnum("kind").notNull(),
    /** Signed: earnings and positive adjustments add, the rest subtract. */
    points: bigint("points", { mode: "number" }).notNull(),
    occurredAt: at("occurred_at").notNull(),
    /**
     * For points added: when what is left of them expires. For a reversal of an order's points:
     * the expiry of the points it takes back, so expiry counts it against that order's points
     * alone (lib/points/settle.ts, expiryLedger).
     */
    expiresAt: at("expires_at"),
    orderId: idRef("order_id"),
    returnId: idRef("return_id"),
    /**
     * For an entry the settlement writes for an order or a return: what that order's (or
     * return's) entries were due to add up to when it was written; a settlement writes again
     * only when what is due now differs (lib/points/settle.ts). Null on entries written before.
     */
    due: bigint("due", { mode: "number" }),
    /**
     * The amount (minor units) the settlement reckoned the entry on: the order's total, the
     * return's amount. An order's first earning fixes its rate (points per minor unit).
     */
    basis: bigint("basis", { mode: "number" }),
    /** For a redemption: the coupon value granted, in minor units. */
    couponValue: bigint("coupon_value", { mode: "number" }),
    reason: text("reason"),
    createdByUserId: bigint("created_by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.storeId, t.orderId], foreignColumns: [orders.storeId, orders.id] }),
    foreignKey({ columns: [t.storeId, t.returnId], foreignColumns: [returns.storeId, returns.id] }),
    // A customer's ledger in time order; its trailing columns are every one the balances read
    // (expiryLedger in lib/points/settle.ts), so the store's outstanding points on the members
    // page are one index-only pass in customer order, not a scan of the table, a hash and a sort
    // that spill to disk on a store of a million entries.
    index("points_entries_customer_idx").on(t.storeId, t.customerId, t.occurredAt, t.points, t.expiresAt, t.orderId, t.returnId),
    // One first earning per order; the corrections after it (a reversal, its restore, another
    // reversal, amount changes) are as many as the order's and its returns' changes.
    uniqueIndex("points_entries_earn_key").on(t.storeId, t.orderId).where(sql`kind = 'earn'`),
    // The customers who hold move entries (an order upserted again with another customer): a
    // settlement of some customers reads their entries too, where an order's earlier ones are.
    // Named by the kinds it leaves out, the five the type was created with (the corrections'
    // few entries come along): a fresh database runs every migration in one transaction, where a
    // kind added by one of them (0037's moves) may not be named before it commits. A query uses
    // the index by repeating the condition (MOVES_AND_CORRECTIONS in lib/points/settle.ts).
    index("points_entries_moves_idx")
      .on(t.storeId, t.customerId)
      .where(sql`kind not in ('earn', 'reversal', 'redeem', 'expiry', 'adjustment')`),
  ],
);

// Each customer's ledger summed, kept by a statement trigger on points_entries (migration 0045)
// so that every writer of entries keeps it, in the same statement: the store's outstanding points
// (the members page, the owner's dashboard) read these rows instead of every entry. What is past
// its expiry and not yet written off depends on the time asked about, so `dueAt` says from when
// it may be: before it, the customer's available points are their balance; from it, their ledger
// is read (lib/points/queries.ts). Writes only ever move it earlier; the recompute's expiry, which
// writes off what came due, moves it to the next time any can (lib/points/settle.ts).
export const pointsBalances = pgTable(
  "points_balances",
  {
    storeId: idRef("store_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    /** The sum of the customer's entries' points. */
    balance: numeric("balance", { mode: "number" }).notNull(),
    /** What counts against points past their expiry (expiryLedger's debits). */
    debits: numeric("debits", { mode: "number" }).notNull(),
    /**
     * The earliest time at which some of the customer's points may be past their expiry and not
     * written off: never before it. Null: never; -infinity: from any time (read the ledger).
     */
    dueAt: at("due_at"),
    /** Entries written (inserted, updated, deleted) so far: a later change of `dueAt` made from a read of the ledger is kept only if none was written since. */
    writes: bigint("writes", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.customerId] }),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete("cascade"),
    // The customers due (mayHaveExpired in lib/points/settle.ts), without a pass over the rest.
    index("points_balances_due_idx").on(t.storeId, t.dueAt),
  ],
);

export type MembershipPlan = typeof membershipPlans.$inferSelect;
export type CustomerMembership = typeof customerMemberships.$inferSelect;
export type PointsRules = typeof pointsRules.$inferSelect;
export type PointsEntry = typeof pointsEntries.$inferSelect;
