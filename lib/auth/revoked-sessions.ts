import "server-only";
import { lt } from "drizzle-orm";
import { getDb } from "@/db";
import { revokedSessions } from "@/db/schema";

/**
 * Signs one browser session out for good: its token is refused from now on (lib/auth/session.ts)
 * until it would have expired anyway, when the row is no longer needed and goes.
 */
export async function revokeSession(session: { sessionId: string; userId: number; expiresAt: Date }): Promise<void> {
  const db = getDb();
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
  await db.insert(revokedSessions).values(session).onConflictDoNothing();
}
