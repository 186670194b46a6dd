import { sql } from "drizzle-orm";
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
    // The search of a text under pg_trgm's three characters (杯, 水杯; lib/pricing/product-search.ts),
    // by the names' and codes' characters and pairs of characters (name_chars, name_bigrams of the
    // customers' list, migrations 0031 and 0023), with the customers' short pending list (0023 says
    // why). Without them such a search read every product of the store (migration 0049).
    index("products_search_chars_idx")
      .using("gin", sql`name_chars(${t.name})`, sql`name_chars(${t.externalId})`)
      .with({ gin_pending_list_limit: 256 }),
    index("products_search_bigrams_idx")
      .using("gin", sql`name_bigrams(${t.name})`, sql`name_bigrams(${t.externalId})`)
      .with({ gin_pending_list_limit: 256 }),
  ],
);

export type Product = typeof products.$inferSelect;
