import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import { memberships, stores } from "@/db/schema";
import type { StoreContext } from "./context";

const storeColumns = {
  id: stores.id,
  slug: stores.slug,
  name: stores.name,
  currency: stores.currency,
  timezone: stores.timezone,
};

/** The user's role in the store with this slug, or null when they are not a member (or it does not exist). */
export const findStoreContext = reusePlans(async function findStoreContext(slug: string, userId: number): Promise<StoreContext | null> {
  const [row] = await getDb()
    .select({ store: storeColumns, role: memberships.role })
    .from(stores)
    .innerJoin(memberships, eq(memberships.storeId, stores.id))
    .where(and(eq(stores.slug, slug), eq(memberships.userId, userId)));
  return row ? { store: row.store, role: row.role, userId } : null;
});

export const listStoresForUser = reusePlans(async function listStoresForUser(userId: number) {
  return getDb()
    .select({ slug: stores.slug, name: stores.name, role: memberships.role })
    .from(memberships)
    .innerJoin(stores, eq(stores.id, memberships.storeId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(stores.name));
});

/** For the command line, which acts as the store's owner. */
export async function findStoreBySlug(slug: string) {
  const [row] = await getDb().select(storeColumns).from(stores).where(eq(stores.slug, slug));
  return row ?? null;
}

export async function storeCount(): Promise<number> {
  return getDb().$count(stores);
}
