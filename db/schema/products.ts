import { bigint, index, integer, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { createdAt, id, idRef } from "./columns";
import { stores } from "./stores";

export const products = pgTable(
  "products",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    // Money is in the store currency's minor unit (fen for CNY).
    price: bigint("price", { mode: "number" }).notNull(),
    floorPrice: bigint("floor_price", { mode: "number" }),
    stock: integer("stock").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.id] }),
    unique("products_external_id_key").on(t.storeId, t.externalId),
    // The products page and the pickers list a store's products by name, 50 or 20 at a time.
    index("products_store_name_idx").on(t.storeId, t.name, t.id),
  ],
);

export type Product = typeof products.$inferSelect;
