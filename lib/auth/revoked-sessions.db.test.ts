import { eq } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { revokedSessions } from "@/db/schema";
import { makeStore } from "@/tests/factories";
import { findAccount } from "@/lib/stores/queries";
import { authOptions } from "./options";
import { revokeSession } from "./revoked-sessions";

/** The token next-auth keeps for a sign-in of `userId`, renewed once as the session endpoint does. */
async function signedIn(userId: number): Promise<JWT> {
  const jwt = authOptions.callbacks!.jwt!;
  const first = await jwt({ token: {}, user: { id: String(userId) }, account: null, trigger: "signIn" } as never);
  const renewed = await jwt({ token: { ...first }, account: null, trigger: "update" } as never);
  return { ...renewed, exp: Math.floor(Date.now() / 1000) + 3600 };
}

const signOut = (token: JWT) => authOptions.events!.signOut!({ token, session: null } as never);

describe("signing out", () => {
  it("refuses the signed-out session's token from then on, and only that sign-in's", async () => {
    const ctx = await makeStore("signout");
    const laptop = await signedIn(ctx.userId!);
    const phone = await signedIn(ctx.userId!);
    expect(laptop.sid).not.toBe(phone.sid);
    expect(await findAccount(ctx.userId!, laptop.sid!)).not.toBeNull();

    await signOut(laptop);
    // A copy of the laptop's cookie opens nothing; the phone stays signed in.
    expect(await findAccount(ctx.userId!, laptop.sid!)).toBeNull();
    expect((await findAccount(ctx.userId!, phone.sid!))?.stores.map(({ store }) => store.slug)).toEqual([ctx.store.slug]);
    // Signing out twice (two tabs) is no error.
    await signOut(laptop);
  });

  it("forgets revoked sessions once their tokens have expired", async () => {
    const ctx = await makeStore("signout");
    await revokeSession({ sessionId: `expired-${ctx.store.slug}`, userId: ctx.userId!, expiresAt: new Date(Date.now() - 1000) });
    await signOut(await signedIn(ctx.userId!));
    const kept = await getDb().select().from(revokedSessions).where(eq(revokedSessions.userId, ctx.userId!));
    expect(kept.map((row) => row.sessionId)).not.toContain(`expired-${ctx.store.slug}`);
    expect(kept).toHaveLength(1);
  });
});
