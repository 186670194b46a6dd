import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import { getDb } from "@/db";
import { loginFailures } from "@/db/schema";

import { readEnv } from "@/lib/env";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `ip:${ip}`;

function keysFor(email: string, ip: string | null): string[] {
  return ip ? [accountKey(email), addressKey(ip)] : [accountKey(email)];
}

function limitFor(key: string): number {
  const env = readEnv();
  return key.startsWith("ip:") ? env.LAOKE_LOGIN_MAX_PER_IP : env.LAOKE_LOGIN_MAX_PER_ACCOUNT;
}

/** True when the account or the client address has failed too often within the window. */
export async function isLoginBlocked(email: string, ip: string | null, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const db = getDb();
  for (const key of keysFor(email, ip)) {
    const [row] = await db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.failedAt, since)));
    if ((row?.n ?? 0) >= limitFor(key)) return true;
  }
  return false;
}

export async function recordLoginFailure(email: string, ip: string | null, now = new Date()): Promise<void> {
  const db = getDb();
  await db.insert(loginFailures).values(keysFor(email, ip).map((key) => ({ key, failedAt: now })));
  // Old rows no longer count; drop them as we go so the table stays small.
  await db.delete(loginFailures).where(lt(loginFailures.failedAt, new Date(now.getTime() - LOGIN_WINDOW_MS)));
}

/** A successful sign-in clears the account's failures (not the address's). */
export async function clearAccountFailures(email: string): Promise<void> {
  await getDb()
    .delete(loginFailures)
    .where(inArray(loginFailures.key, [accountKey(email)]));
}
