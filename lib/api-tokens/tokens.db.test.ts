import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiTokens } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { asStaff, makeStore } from "@/tests/factories";
import { ensureUserWithRole, removeStaff } from "@/lib/users/commands";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "./tokens";

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected: ${String(error)}`),
  );

describe("API tokens", () => {
  it("never stores more of the secret than 4 characters, whatever characters it has", async () => {
    // Secrets are base64url and often contain "_", the separator of the token's parts.
    const ctx = await makeStore("tok");
    for (let i = 0; i < 20; i++) {
      const { token, prefix } = await createApiToken(ctx, `t${i}`);
      expect(prefix).toBe(token.slice(0, `lk_${ctx.store.id}_`.length + 4));
    }
  });

  it("authenticates a new token for its store only, and keeps only its hash", async () => {
    const ctx = await makeStore("tok");
    const { token } = await createApiToken(ctx, "ERP");
    expect(token).toMatch(new RegExp(`^lk_${ctx.store.id}_[A-Za-z0-9_-]{43}$`));
    const resolved = await authenticateApiToken(`Bearer ${token}`);
    expect(resolved.store.slug).toBe(ctx.store.slug);
    const rows = await getDb().select().from(apiTokens).where(eq(apiTokens.storeId, ctx.store.id));
    expect(JSON.stringify(rows)).not.toContain(token.slice(-43));
    expect(rows[0]?.prefix).toBe(token.slice(0, `lk_${ctx.store.id}_`.length + 4));
    expect((await listApiTokens(ctx))[0]?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("refuses missing, malformed, forged and revoked tokens", async () => {
    const a = await makeStore("tok");
    const b = await makeStore("tok");
    const { token, id } = await createApiToken(a, "sync");
    expect(await codeOf(authenticateApiToken(null))).toBe("unauthorized");
    expect(await codeOf(authenticateApiToken("Basic abc"))).toBe("unauthorized");
    expect(await codeOf(authenticateApiToken(`Bearer ${token}x`))).toBe("unauthorized");
    // The same secret presented as store B's token.
    expect(await codeOf(authenticateApiToken(`Bearer ${token.replace(`lk_${a.store.id}_`, `lk_${b.store.id}_`)}`))).toBe("unauthorized");
    await revokeApiToken(a, id);
    expect(await codeOf(authenticateApiToken(`Bearer ${token}`))).toBe("unauthorized");
    expect(await codeOf(revokeApiToken(a, id))).toBe("not_found");
  });

  it("names who made each token and their role here now: an owner made staff, then removed", async () => {
    const ctx = await makeStore("tok");
    const second = await ensureUserWithRole({ storeId: ctx.store.id, email: `second-${ctx.store.slug}@test.laoke`, password: "second-password", role: "owner", name: "二号店主" });
    await createApiToken({ ...ctx, userId: second.userId }, "theirs");
    await createApiToken({ ...ctx, userId: null }, "from the command line");
    const creators = async () => Object.fromEntries((await listApiTokens(ctx)).map((t) => [t.name, t.createdBy]));
    const person = { name: "二号店主", email: `second-${ctx.store.slug}@test.laoke` };
    expect(await creators()).toEqual({ theirs: { ...person, role: "owner" }, "from the command line": null });

    await ensureUserWithRole({ storeId: ctx.store.id, email: person.email, password: "second-password", role: "staff" });
    expect((await creators()).theirs).toEqual({ ...person, role: "staff" });
    await removeStaff(ctx, second.userId);
    expect((await creators()).theirs).toEqual({ ...person, role: null });
  });

  it("lets only owners create, list and revoke, and only their store's tokens", async () => {
    const a = await makeStore("tok");
    const b = await makeStore("tok");
    const { id } = await createApiToken(a, "a");
    expect(await codeOf(createApiToken(asStaff(a), "x"))).toBe("forbidden");
    expect(await codeOf(listApiTokens(asStaff(a)))).toBe("forbidden");
    expect(await codeOf(revokeApiToken(b, id))).toBe("not_found");
    expect(await listApiTokens(b)).toEqual([]);
  });
});
