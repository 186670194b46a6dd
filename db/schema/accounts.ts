import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, createdAt, id } from "./columns";

// Users are global (a user can belong to several stores); in a Citus cluster this is a
// reference table.
export const users = pgTable(
  "users",
  {
    id: id().primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

// One row per failed sign-in, keyed by account (email) and by client address, so the limit
// holds across restarts and across server processes.
export const loginFailures = pgTable(
  "login_failures",
  {
    id: id().primaryKey(),
    key: text("key").notNull(),
    failedAt: at("failed_at").notNull().defaultNow(),
  },
  (t) => [index("login_failures_key_idx").on(t.key, t.failedAt)],
);

export type User = typeof users.$inferSelect;
