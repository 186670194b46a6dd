import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, createdAt, id, idRef } from "./columns";

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

// Browser sessions signed out before their JWT expires: the cookie of a signed-out session (kept
// by someone else, or copied from a shared computer) is refused until the JWT would have expired,
// when the row may go. Global like users (a reference table in a Citus cluster).
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: text("session_id").primaryKey(),
    userId: idRef("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [index("revoked_sessions_expires_at_idx").on(t.expiresAt)],
);

export type User = typeof users.$inferSelect;
