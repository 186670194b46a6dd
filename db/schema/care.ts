import { bigint, boolean, foreignKey, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { at, id, idRef } from "./columns";
import { customers } from "./customers";
import { products } from "./products";
import { memberships, stores } from "./stores";

// 专属客服: the staff member who looks after a customer. One rep per customer; the rep is a
// member of the store (removing the member removes their assignments with them).
export const repAssignments = pgTable(
  "rep_assignments",
  {
    storeId: idRef("store_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    userId: idRef("user_id").notNull(),
    assignedByUserId: bigint("assigned_by_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    assignedAt: at("assigned_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.customerId] }),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.storeId, t.userId], foreignColumns: [memberships.storeId, memberships.userId] }).onDelete(
      "cascade",
    ),
    index("rep_assignments_user_idx").on(t.storeId, t.userId, t.customerId),
  ],
);

// When a rep last marked their work queue as seen: the queue shows what happened since.
export const repQueueViews = pgTable(
  "rep_queue_views",
  {
    storeId: idRef("store_id").notNull(),
    userId: idRef("user_id").notNull(),
    lastLookedAt: at("last_looked_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.userId] }),
    foreignKey({ columns: [t.storeId, t.userId], foreignColumns: [memberships.storeId, memberships.userId] }).onDelete(
      "cascade",
    ),
  ],
);

// 商品推荐: how many distinct customers bought both products (paid orders), stored in both
// directions so "what goes with product X" is one index range. Brought up to date by every
// recompute after order writes (lib/recommendations/co-purchases.ts); only each product's
// strongest pairs with the minimum support are kept.
export const coPurchases = pgTable(
  "co_purchases",
  {
    storeId: idRef("store_id").notNull(),
    productId: idRef("product_id").notNull(),
    otherProductId: idRef("other_product_id").notNull(),
    customers: integer("customers").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.productId, t.otherProductId] }),
    foreignKey({ columns: [t.storeId, t.productId], foreignColumns: [products.storeId, products.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.storeId, t.otherProductId], foreignColumns: [products.storeId, products.id] }).onDelete(
      "cascade",
    ),
  ],
);

// Each customer's products as the co-purchase counts last took them: their most recent
// MAX_PRODUCTS_PER_CUSTOMER (counted) and the one after those (not counted: it says the basket
// was capped). Kept so that an order changes the counts of its customer's products only: the
// refresh compares a queued customer's basket with this one and counts again only the partners
// of the products that came or went. No key to customers or products: a deleted customer's or
// product's rows must stay until the refresh sees them go and counts their partners again.
export const coPurchaseBaskets = pgTable(
  "co_purchase_baskets",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    customerId: idRef("customer_id").notNull(),
    productId: idRef("product_id").notNull(),
    counted: boolean("counted").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.customerId, t.productId] }),
    // Who bought a product: the recount of its partners starts here.
    index("co_purchase_baskets_product_idx").on(t.storeId, t.productId, t.customerId),
  ],
);

// Customers whose orders or order lines were written since their basket was last taken: statement
// triggers on orders and order_items queue them (migration 0019), whoever writes. Not unique,
// as rescore_queue (migration 0024).
export const coPurchaseQueue = pgTable(
  "co_purchase_queue",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    customerId: idRef("customer_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] })],
);

// The last refresh of a store's co-purchase counts: the store's order writes count it saw (a
// recompute after no order write skips the refresh), the settings the baskets were taken with
// (other settings take them all again), and the counts' size.
export const coPurchaseRefreshes = pgTable("co_purchase_refreshes", {
  storeId: idRef("store_id")
    .primaryKey()
    .references(() => stores.id, { onDelete: "cascade" }),
  /** The order write count (db/order-writes.ts) when the counts were last found up to date. */
  builtAtOrderWrites: bigint("built_at_order_writes", { mode: "number" }),
  settings: text("settings"),
  basketLines: integer("basket_lines").notNull(),
  cappedCustomers: integer("capped_customers").notNull(),
  pairs: integer("pairs").notNull(),
  refreshedAt: at("refreshed_at").notNull(),
  tookMs: integer("took_ms").notNull(),
});
