import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { at, createdAt, id, idRef } from "./columns";
import { customers } from "./customers";
import { stores } from "./stores";

export const tiers = ["ordinary", "silver", "gold", "diamond", "crown"] as const;
export type Tier = (typeof tiers)[number];
export const tierEnum = pgEnum("tier", tiers);

// Every change of a store's scoring rules is a new version; the newest is in force.
export const scoringRules = pgTable(
  "scoring_rules",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    rules: jsonb("rules").notNull(),
    createdByUserId: bigint("created_by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.version] })],
);

// One row per recompute: when, with which rules, at which as-of time, and the store-wide
// summary the customers page shows (computed once here rather than on every page view).
export const scoreRuns = pgTable(
  "score_runs",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    ruleVersion: integer("rule_version").notNull(),
    asOf: at("as_of").notNull(),
    startedAt: at("started_at").notNull(),
    tookMs: integer("took_ms"),
    customers: integer("customers"),
    scored: integer("scored"),
    repeatCustomers: integer("repeat_customers"),
    highValue: integer("high_value"),
    netSpend: bigint("net_spend", { mode: "number" }),
    highValueNetSpend: bigint("high_value_net_spend", { mode: "number" }),
    /**
     * When the points rules the run's settlement went by were saved (null: no programme, or a
     * run from before migration 0042). The next run settles only its customers' orders and
     * returns while the rules are the same (lib/points/settle.ts); after a save, every order.
     */
    pointsRulesAt: at("points_rules_at"),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] })],
);

// The latest score of each customer, with every metric and factor of PRODUCT.md §3.
// A factor column is null when the factor was left out for this customer. Every column keeps a
// statistics target of 10, a new one too (migration 0030: ANALYZE samples 3,000 rows, not 30,000).
export const customerScores = pgTable(
  "customer_scores",
  {
    storeId: idRef("store_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    runId: idRef("run_id").notNull(),
    ruleVersion: integer("rule_version").notNull(),
    asOf: at("as_of").notNull(),
    orders: integer("orders").notNull(),
    spend: bigint("spend", { mode: "number" }).notNull(),
    averageOrderValue: doublePrecision("average_order_value"),
    lastOrderAt: at("last_order_at"),
    recencyDays: integer("recency_days"),
    returns: integer("returns").notNull(),
    returnRate: doublePrecision("return_rate"),
    refunded: bigint("refunded", { mode: "number" }).notNull(),
    netSpend: bigint("net_spend", { mode: "number" }).notNull(),
    reviews: integer("reviews").notNull(),
    photoReviews: integer("photo_reviews").notNull(),
    positiveReviews: integer("positive_reviews").notNull(),
    interactionRate: doublePrecision("interaction_rate"),
    shares: integer("shares").notNull(),
    shareRate: doublePrecision("share_rate"),
    positiveReviewRate: doublePrecision("positive_review_rate"),
    isRepeat: boolean("is_repeat").notNull(),
    frequency: doublePrecision("f_frequency"),
    monetary: doublePrecision("f_monetary"),
    recency: doublePrecision("f_recency"),
    interaction: doublePrecision("f_interaction"),
    sharing: doublePrecision("f_sharing"),
    returnsFactor: doublePrecision("f_returns"),
    reputation: doublePrecision("f_reputation"),
    score: numeric("score", { precision: 4, scale: 1, mode: "number" }),
    /** The tier the score earns (cutoffs with hysteresis); what hysteresis holds on to. */
    scoreTier: tierEnum("score_tier").notNull(),
    /** The tier in force: the score's tier, lifted by an active paid membership. */
    tier: tierEnum("tier").notNull(),
    /** The tier in force after the previous recompute (null on the first). */
    previousTier: tierEnum("previous_tier"),
    gates: text("gates").array().notNull(),
    isHighValue: boolean("is_high_value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.customerId] }),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete(
      "cascade",
    ),
    // Keyset pagination of the customers list, one index per sort (nulls sort as the longest
    // recency); the sort by score is customer_score_order's.
    index("customer_scores_net_spend_idx").on(t.storeId, t.netSpend, t.customerId),
    index("customer_scores_orders_idx").on(t.storeId, t.orders, t.customerId),
    index("customer_scores_recency_idx").on(t.storeId, sql`coalesce(${t.recencyDays}, 2147483647)`, t.customerId),
    // The high-value customers alone, by id: which of the reps' customers are (the care page's
    // counts per rep and in all) without a scan of this wide table. Its key holds no score or
    // tier, and an update stays heap-only unless the flag itself changes (two rules changes at
    // 100,000 customers: 99.97% of the rows rewritten heap-only with it, 99.6% without).
    index("customer_scores_high_value_idx").on(t.storeId, t.customerId).where(sql`${t.isHighValue}`),
  ],
);

// Each customer's score and tier again, kept equal to customer_scores' by triggers on it
// (migration 0028), for the list's order by score. Indexed there, score and tier made every
// recompute that moved a score (every row, after a rules change) write an entry into all six
// indexes of the wide row: no index of customer_scores now holds a column that a new score or
// tier changes, so such an update whose new row version fits on its page (fillfactor 50) takes
// no index entry at all (heap-only: 72% of them over many rules changes of the bench store).
//
// Partitioned by tier (migration 0029, by hand: Drizzle does not declare partitions), one
// table per tier, so that one index serves both orders the list reads: the store's customers by
// score (PostgreSQL merges the five partitions' index scans) and one tier's by score (only its
// partition is read). A second index by tier and score cost every moved score a second entry:
// the triggers' update after a rules change at 100,000 customers took 1.4–1.7 s with two
// indexes and 0.7–0.85 s with this one (PostgreSQL). That index is the key, with the tier last:
// a key of a partitioned table must hold the column it is partitioned by.
export const customerScoreOrder = pgTable(
  "customer_score_order",
  {
    storeId: idRef("store_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    /** The score, -1 for none (no paid order in the window): nulls sort as the lowest score. */
    sortScore: numeric("sort_score", { precision: 4, scale: 1, mode: "number" }).notNull(),
    tier: tierEnum("tier").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.sortScore, t.customerId, t.tier] })],
);

// A customer's tier over time: a row whenever a recompute changed it.
export const tierChanges = pgTable(
  "tier_changes",
  {
    storeId: idRef("store_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    runId: idRef("run_id").notNull(),
    fromTier: tierEnum("from_tier"),
    toTier: tierEnum("to_tier").notNull(),
    score: numeric("score", { precision: 4, scale: 1, mode: "number" }),
    asOf: at("as_of").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.customerId, t.runId] }),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.storeId, t.runId], foreignColumns: [scoreRuns.storeId, scoreRuns.id] }).onDelete("cascade"),
  ],
);

// Customers whose orders, returns, reviews or shares were written since their metrics were last
// computed: statement triggers on those tables queue them (migration 0016), so every path that
// writes them is caught, and new customers too (0020). The recompute aggregates the raw rows
// again only for these customers (and those whose events crossed the window's edges since the
// last run); everyone else's metrics are read back from customer_scores. A customer may be
// queued more than once: with a unique key, a write queuing a customer whom a running recompute
// had just taken off the queue waited for that whole recompute (migration 0024).
export const rescoreQueue = pgTable(
  "rescore_queue",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    customerId: idRef("customer_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] })],
);

export type CustomerScore = typeof customerScores.$inferSelect;
