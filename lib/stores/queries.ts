import { and, asc, eq, notExists, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { preparedOnce } from "@/db/prepared";
import { memberships, revokedSessions, stores, users, type Role } from "@/db/schema";
import type { StoreContext } from "./context";

const storeColumns = {
  id: stores.id,
  slug: stores.slug,
  name: stores.name,
  currency: stores.currency,
  timezone: stores.timezone,
};

// Built once (preparedOnce): every page's session check runs it.
const accountQuery = preparedOnce((db) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, store: storeColumns, role: memberships.role })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(stores, eq(stores.id, memberships.storeId))
    .where(
      and(
        eq(users.id, sql.placeholder("userId")),
        notExists(db.select({ one: revokedSessions.sessionId }).from(revokedSessions).where(eq(revokedSessions.sessionId, sql.placeholder("sessionId")))),
      ),
    )
    .orderBy(asc(stores.name))
    .prepare("find_account"),
);

/**
 * A user and every store they are a member of, with their role in each, in one round trip (a
 * store page needs the account check, the current store's context and the store switcher's
 * list). Null when there is no such user, or `sessionId` names a session signed out.
 */
export async function findAccount(userId: number, sessionId: string) {
  const rows = await accountQuery().execute({ userId, sessionId });
  const first = rows[0];
  if (!first) return null;
  const memberOf: { store: StoreContext["store"]; role: Role }[] = [];
  for (const row of rows) if (row.store && row.role) memberOf.push({ store: row.store, role: row.role });
  return { user: { id: first.id, email: first.email, name: first.name }, stores: memberOf };
}

/** For the command line, which acts as the store's owner. */
export async function findStoreBySlug(slug: string) {
  const [row] = await getDb().select(storeColumns).from(stores).where(eq(stores.slug, slug));
  return row ?? null;
}

export async function storeCount(): Promise<number> {
  return getDb().$count(stores);
}

/** The settings form's values, read with when they were saved (its `seen`), in one row. */
export async function storeSettingsOf(ctx: StoreContext) {
  const [row] = await getDb()
    .select({ name: stores.name, currency: stores.currency, timezone: stores.timezone, updatedAt: stores.updatedAt })
    .from(stores)
    .where(eq(stores.id, ctx.store.id));
  return row!;
}
