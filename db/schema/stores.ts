import { bigint, index, pgEnum, pgTable, primaryKey, text, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { at, createdAt, id, idRef } from "./columns";

export const stores = pgTable(
  "stores",
  {
    id: id().primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    currency: text("currency").notNull().default("CNY"),
    timezone: text("timezone").notNull().default("Asia/Shanghai"),
    createdAt: createdAt(),
    /** When the settings above were last saved: the settings form sends it back (`seen`). */
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("stores_slug_key").on(t.slug)],
);

export const roles = ["owner", "staff"] as const;
export type Role = (typeof roles)[number];
export const roleEnum = pgEnum("role", roles);

export const memberships = pgTable(
  "memberships",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    userId: idRef("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

// A token is shown once; only its sha256 is kept. The store id is part of the token text so
// a lookup always names the store (one shard in a distributed cluster).
export const apiTokens = pgTable(
  "api_tokens",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    id: id(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    createdByUserId: bigint("created_by_user_id", { mode: "number" }).references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
    lastUsedAt: at("last_used_at"),
    revokedAt: at("revoked_at"),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.id] }), unique("api_tokens_hash_key").on(t.storeId, t.tokenHash)],
);

export type Store = typeof stores.$inferSelect;
