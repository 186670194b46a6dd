import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { forbidden, notFound, unauthorized } from "next/navigation";
import type { NextRequest } from "next/server";
import { cache } from "react";
import type { Role } from "@/db/schema";
import { findAccount } from "@/lib/stores/queries";
import type { StoreContext } from "@/lib/stores/context";
import { decodeSessionToken } from "./session-token";

/**
 * The user and sign-in the session cookie names: next-auth's own reading of its cookie (its name,
 * chunks, decryption and expiry), without getServerSession, which runs the whole session
 * endpoint for it and encrypts a renewed token that a server component cannot set anyway (two
 * thirds of the session check's time), and with the key it derives from the secret kept for the
 * process (`decodeSessionToken`). Only the cookies are passed: getToken would also take a bearer
 * token from the headers, which a page must not accept.
 */
async function sessionToken(): Promise<{ userId: number; sessionId: string } | null> {
  const request = { cookies: await cookies(), headers: {} } as unknown as NextRequest;
  const token = await getToken({ req: request, decode: decodeSessionToken });
  // A token without a session id was issued before sign-out could revoke one: it is refused, and
  // its holder signs in again, once.
  return typeof token?.uid === "number" && typeof token.sid === "string" ? { userId: token.uid, sessionId: token.sid } : null;
}

/**
 * The signed-in user and their stores: the user id the session cookie names (checked, not looked
 * up), then the account re-read from the database on every request, so a deleted account, a
 * removed membership or a signed-out session loses access at once. Null without a session or an
 * account.
 */
const getSessionAccount = cache(async () => {
  const token = await sessionToken();
  return token === null ? null : findAccount(token.userId, token.sessionId);
});

export async function getSessionUser() {
  return (await getSessionAccount())?.user ?? null;
}

export async function requireUser() {
  const user = await getSessionUser();
  // 401 with app/unauthorized.tsx, which sends the browser to sign in and back to this page.
  if (!user) unauthorized();
  return user;
}

/** The stores the signed-in user belongs to, by name, with their role in each (the store switcher). */
export async function sessionStores(): Promise<{ slug: string; name: string; role: Role }[]> {
  return ((await getSessionAccount())?.stores ?? []).map(({ store, role }) => ({ slug: store.slug, name: store.name, role }));
}

function storeContextIn(account: NonNullable<Awaited<ReturnType<typeof findAccount>>>, slug: string): StoreContext | null {
  const membership = account.stores.find(({ store }) => store.slug === slug);
  return membership ? { store: membership.store, role: membership.role, userId: account.user.id } : null;
}

/**
 * The store context for a page: answers 401 without a session (see requireUser), 404 when the
 * user is not a member of the store (so its existence is not revealed), and 403 when their
 * role may not use the page.
 */
export async function requireStore(slug: string, role?: Role): Promise<StoreContext> {
  const account = await getSessionAccount();
  if (!account) unauthorized();
  const ctx = storeContextIn(account, slug);
  if (!ctx) notFound();
  if (role === "owner" && ctx.role !== "owner") forbidden();
  return ctx;
}

/** For server actions: the same checks, but no redirect; null when there is no access at all. */
export async function findActionStoreContext(slug: string): Promise<StoreContext | null> {
  const account = await getSessionAccount();
  return account ? storeContextIn(account, slug) : null;
}
