import { sql } from "drizzle-orm";
import { bigint, boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { at, createdAt, id, idRef } from "./columns";
import { customers } from "./customers";
import { products } from "./products";
import { tierEnum } from "./scoring";
import { stores } from "./stores";

// 限时抢购: units of a product set aside (taken from its stock at creation) and sold at a price
// between start and end. The units not yet claimed live in flash_sale_stock, split over a few
// slots so concurrent claims do not all queue on one row; sold = quantity − returned − Σ slots.
export const flashSales = pgTable(
  "flash_sales",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    productId: idRef("product_id").notNull(),
    price: bigint("price", { mode: "number" }).notNull(),
    quantity: integer("quantity").notNull(),
    perCustomerLimit: integer("per_customer_limit").notNull().default(1),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
    /** Early access: customers at or above this tier may claim `earlyAccessMinutes` before the start. */
    earlyAccessTier: tierEnum("early_access_tier"),
    earlyAccessMinutes: integer("early_access_minutes"),
    cancelledAt: at("cancelled_at"),
    /**
     * Its owner ended it before its end (`endsAt` is then when): in early access that is before
     * its start, which it keeps, with its early-access window.
     */
    endedEarly: boolean("ended_early").notNull().default(false),
    /** Set once the units left over at the end (or on cancelling) went back to the product's stock. */
    settledAt: at("settled_at"),
    returnedUnits: integer("returned_units"),
    createdBy: idRef("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    foreignKey({ columns: [t.storeId, t.productId], foreignColumns: [products.storeId, products.id] }).onDelete(
      "cascade",
    ),
    check("flash_sales_quantity_positive", sql`${t.quantity} >= 1`),
    // Start before end, unless it was ended early during early access: then it ended before its
    // start, though never before its early access opened.
    check(
      "flash_sales_starts_before_end",
      sql`${t.startsAt} < ${t.endsAt} or (${t.endedEarly} and ${t.startsAt} - make_interval(mins => coalesce(${t.earlyAccessMinutes}, 0)) <= ${t.endsAt})`,
    ),
    check(
      "flash_sales_early_access_whole",
      sql`(${t.earlyAccessTier} is null) = (${t.earlyAccessMinutes} is null)`,
    ),
    index("flash_sales_product_idx").on(t.storeId, t.productId, t.startsAt),
    index("flash_sales_starts_idx").on(t.storeId, t.startsAt),
    // The sales not settled yet (those open or to come, and those just over): what every read of
    // a product's stock asks first, whether any is over and its units are to go back.
    index("flash_sales_unsettled_idx").on(t.storeId, t.endsAt).where(sql`${t.settledAt} is null`),
  ],
);

// The sale's unclaimed units, in slots. A claim takes units from one slot with a conditional
// UPDATE (remaining >= q), choosing a slot no other claim holds (FOR UPDATE SKIP LOCKED), so
// claims commit side by side instead of one after another on a single counter row, and the
// CHECK makes taking more than a slot holds impossible whatever the application does.
export const flashSaleStock = pgTable(
  "flash_sale_stock",
  {
    storeId: idRef("store_id").notNull(),
    saleId: idRef("sale_id").notNull(),
    slot: integer("slot").notNull(),
    remaining: integer("remaining").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.saleId, t.slot] }),
    foreignKey({ columns: [t.storeId, t.saleId], foreignColumns: [flashSales.storeId, flashSales.id] }).onDelete(
      "cascade",
    ),
    check("flash_sale_stock_remaining_not_negative", sql`${t.remaining} >= 0`),
  ],
);

// A buyer's running total in one sale: the row a claim upserts with a conditional
// ON CONFLICT DO UPDATE, which is what holds the per-customer limit under concurrency.
export const flashSaleBuyers = pgTable(
  "flash_sale_buyers",
  {
    storeId: idRef("store_id").notNull(),
    saleId: idRef("sale_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    units: integer("units").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.saleId, t.customerId] }),
    foreignKey({ columns: [t.storeId, t.saleId], foreignColumns: [flashSales.storeId, flashSales.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete(
      "cascade",
    ),
  ],
);

// One accepted claim: the units taken, the price paid and the buyer's tier at that moment
// (what "buyers by tier" counts). Refused claims take nothing and are not stored.
export const flashSaleClaims = pgTable(
  "flash_sale_claims",
  {
    storeId: idRef("store_id").notNull(),
    id: id(),
    saleId: idRef("sale_id").notNull(),
    customerId: idRef("customer_id").notNull(),
    quantity: integer("quantity").notNull(),
    unitPrice: bigint("unit_price", { mode: "number" }).notNull(),
    tier: tierEnum("tier").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    claimedAt: at("claimed_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    unique("flash_sale_claims_idempotency_key").on(t.storeId, t.saleId, t.idempotencyKey),
    foreignKey({ columns: [t.storeId, t.saleId], foreignColumns: [flashSales.storeId, flashSales.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.storeId, t.customerId], foreignColumns: [customers.storeId, customers.id] }).onDelete(
      "cascade",
    ),
    index("flash_sale_claims_sale_idx").on(t.storeId, t.saleId, t.claimedAt),
    index("flash_sale_claims_customer_idx").on(t.storeId, t.customerId, t.claimedAt),
  ],
);

export type FlashSale = typeof flashSales.$inferSelect;
export type FlashSaleClaim = typeof flashSaleClaims.$inferSelect;
