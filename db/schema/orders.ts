import { bigint, boolean, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { at, createdAt, id, idRef } from "./columns";
import { customers } from "./customers";
import { stores } from "./stores";

export const orderStatuses = ["paid", "cancelled"] as const;
export const orderStatusEnum = pgEnum("order_status", orderStatuses);

export const orders = pgTable(
  "orders",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    externalId: text("external_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    placedAt: at("placed_at").notNull(),
    status: orderStatusEnum("status").notNull(),
    groupBuy: boolean("group_buy").notNull().default(false),
    total: bigint("total", { mode: "number" }).notNull(),
    // What the order's items are, as imports compare them (lib/imports/merge.ts): a sum of a hash
    // of each line's product, quantity and price. An import writes the items again only when it
    // differs. Null when written some other way (seeds): the next import writes them.
    itemsSignature: bigint("items_signature", { mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    unique("orders_external_id_key").on(t.storeId, t.externalId),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete(
      "cascade",
    ),
    index("orders_customer_idx").on(t.storeId, t.customerId, t.placedAt),
    // The orders that crossed the scoring window's edges since the last recompute.
    index("orders_placed_idx").on(t.storeId, t.placedAt),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    storeId: idRef("store_id").notNull(),
    orderId: idRef("order_id").notNull(),
    lineNo: integer("line_no").notNull(),
    productId: idRef("product_id").notNull(),
    quantity: integer("quantity").notNull(),
    unitPrice: bigint("unit_price", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.orderId, t.lineNo] }),
    foreignKey({ columns: [t.storeId, t.orderId], foreignColumns: [orders.storeId, orders.id] }).onDelete("cascade"),
    // No foreign key to products, on purpose. Every line is written joined to its store's
    // product, and products are never deleted (a store's deletion removes its lines through
    // their orders). The key's delete check needs an index on (store_id, product_id), and no
    // read looks lines up by product (they are always reached through their order): keeping
    // that index up to date was a third of importing the Online Retail file's 397,924 lines
    // (2.3–2.5 s against 3.9–5.8 s for the insert, embedded).
  ],
);

// How many statements have written a store's orders or order lines: the count folded so far,
// plus a mark a statement (db/order-writes.ts). A statement trigger on both tables (migrations
// 0011, 0025) marks every path that writes them. What is built from the orders (the co-purchase
// counts, the dashboard's monthly chart) keeps the count it was built at, and is stale once the
// count has moved: a question of two index lookups instead of reading every order to find out.
export const orderWrites = pgTable("order_writes", {
  storeId: idRef("store_id")
    .primaryKey()
    .references(() => stores.id, { onDelete: "cascade" }),
  writes: bigint("writes", { mode: "number" }).notNull().default(0),
});

// One row a statement that wrote a store's orders or order lines, inserted only, so that writers
// never wait for one another (the trigger once added one to the order_writes row, which held every
// other writer of the store's orders until it committed). The recompute folds them into the count.
export const orderWriteMarks = pgTable(
  "order_write_marks",
  {
    storeId: idRef("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] })],
);

export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
