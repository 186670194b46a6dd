import { bigint, boolean, check, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { at, createdAt, id, idRef } from "./columns";
import { customers } from "./customers";
import { orders } from "./orders";
import { products } from "./products";
import { stores } from "./stores";

export const returnTypes = ["refund_only", "return_refund", "exchange"] as const;
export const returnTypeEnum = pgEnum("return_type", returnTypes);
export const returnStatuses = ["requested", "approved", "rejected", "completed"] as const;
export const returnStatusEnum = pgEnum("return_status", returnStatuses);

// 退换货: a return or exchange request, optionally tied to an order.
export const returns = pgTable(
  "returns",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    externalId: text("external_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    orderId: idRef("order_id"),
    type: returnTypeEnum("type").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    requestedAt: at("requested_at").notNull(),
    status: returnStatusEnum("status").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    unique("returns_external_id_key").on(t.storeId, t.externalId),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.storeId, t.orderId], foreignColumns: [orders.storeId, orders.id] }).onDelete("cascade"),
    index("returns_customer_idx").on(t.storeId, t.customerId),
    index("returns_requested_idx").on(t.storeId, t.requestedAt),
  ],
);

// 评价/晒单: a review; photo reviews (晒单) weigh double in the interaction rate.
export const reviews = pgTable(
  "reviews",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    externalId: text("external_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    orderId: idRef("order_id"),
    productId: idRef("product_id"),
    rating: integer("rating").notNull(),
    hasPhotos: boolean("has_photos").notNull().default(false),
    likes: integer("likes").notNull().default(0),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    unique("reviews_external_id_key").on(t.storeId, t.externalId),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.storeId, t.orderId], foreignColumns: [orders.storeId, orders.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.storeId, t.productId], foreignColumns: [products.storeId, products.id] }).onDelete(
      "cascade",
    ),
    index("reviews_customer_idx").on(t.storeId, t.customerId),
    index("reviews_created_idx").on(t.storeId, t.createdAt),
    check("reviews_rating_range", sql`${t.rating} between 1 and 5`),
  ],
);

// 分享: a share of a product link; conversions are the orders or group-buy joins it brought.
export const shares = pgTable(
  "shares",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    externalId: text("external_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    productId: idRef("product_id"),
    sharedAt: at("shared_at").notNull(),
    conversions: integer("conversions").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    unique("shares_external_id_key").on(t.storeId, t.externalId),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.storeId, t.productId], foreignColumns: [products.storeId, products.id] }).onDelete(
      "cascade",
    ),
    index("shares_customer_idx").on(t.storeId, t.customerId),
    index("shares_shared_idx").on(t.storeId, t.sharedAt),
  ],
);
