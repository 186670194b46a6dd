import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import { getDb } from "@/db";
import { loginFailures } from "@/db/schema";
import { normalizeEmail } from "@/lib/validation/users";

import { readEnv } from "@/lib/env";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

const accountKey = (email: string) => `account:${normalizeEmail(email)}`;
const addressKey = (ip: string) => `ip:${ip}`;

function keysFor(email: string, ip: string | null): string[] {
  return ip ? [accountKey(email), addressKey(ip)] : [accountKey(email)];
}

function limitFor(key: string): number {
  const env = readEnv();
  return key.startsWith("ip:") ? env.LAOKE_LOGIN_MAX_PER_IP : env.LAOKE_LOGIN_MAX_PER_ACCOUNT;
}

/**
 * Counts a sign-in attempt against its account and client address before its password is
 * checked, as a failure until told otherwise (`forgiveAttempt`). Blocked when the account or the
 * address has more failures in the window than its limit, this attempt included; a blocked
 * attempt is not kept, so the lock lapses as it would without it.
 *
 * Counted first: checked first and recorded after the slow password check, every guess of a
 * burst sent at once read the count before any of them was recorded, and all were checked.
 */
export async function countLoginAttempt(email: string, ip: string | null, now = new Date()): Promise<{ blocked: boolean; ids: number[] }> {
  const db = getDb();
  const keys = keysFor(email, ip);
  const ids = (await db.insert(loginFailures).values(keys.map((key) => ({ key, failedAt: now }))).returning({ id: loginFailures.id })).map((r) => r.id);
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  for (const key of keys) {
    const [row] = await db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.failedAt, since)));
    if ((row?.n ?? 0) > limitFor(key)) {
      await forgiveAttempt(ids);
      return { blocked: true, ids: [] };
    }
  }
  // Old rows no longer count; drop them as we go so the table stays small.
  await db.delete(loginFailures).where(lt(loginFailures.failedAt, since));
  return { blocked: false, ids };
}

/** Takes back an attempt counted by countLoginAttempt (it was blocked, or it signed in). */
export async function forgiveAttempt(ids: number[]): Promise<void> {
  if (ids.length > 0) await getDb().delete(loginFailures).where(inArray(loginFailures.id, ids));
}

/** A successful sign-in clears the account's failures (not the address's). */
export async function clearAccountFailures(email: string): Promise<void> {
  await getDb()
    .delete(loginFailures)
    .where(inArray(loginFailures.key, [accountKey(email)]));
}
