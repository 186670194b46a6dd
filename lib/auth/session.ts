import "server-only";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import { users, type Role } from "@/db/schema";
import { findStoreContext } from "@/lib/stores/queries";
import type { StoreContext } from "@/lib/stores/context";
import { authOptions } from "./options";

/** The user id the session cookie names (checked, not looked up): null without a session. */
export const getSessionUserId = cache(async (): Promise<number | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return typeof id === "number" ? id : null;
});

/** The signed-in user, re-read from the database so a deleted account loses access at once. */
export const getSessionUser = cache(
  reusePlans(async () => {
    const id = await getSessionUserId();
    if (id === null) return null;
    const [user] = await getDb()
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, id));
    return user ?? null;
  }),
);

export async function requireUser() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

const storeContextFor = cache(async (slug: string, userId: number) => findStoreContext(slug, userId));

/**
 * The store context for a page: redirects to /login without a session, answers 404 when the
 * user is not a member of the store (so its existence is not revealed), and 403 when their
 * role may not use the page.
 */
export async function requireStore(slug: string, role?: Role): Promise<StoreContext> {
  const id = await getSessionUserId();
  if (id === null) redirect("/login");
  // The account check and the membership lookup both need only the session's id: one round
  // trip instead of two on every store page.
  const [user, ctx] = await Promise.all([getSessionUser(), storeContextFor(slug, id)]);
  if (!user) redirect("/login");
  if (!ctx) notFound();
  if (role === "owner" && ctx.role !== "owner") forbidden();
  return ctx;
}

/** For server actions: the same checks, but no redirect; null when there is no access at all. */
export async function findActionStoreContext(slug: string): Promise<StoreContext | null> {
  const user = await getSessionUser();
  if (!user) return null;
  return storeContextFor(slug, user.id);
}
