import { describe, expect, it } from "vitest";
import { asStaff, makeStore } from "@/tests/factories";
import { authenticate } from "@/lib/auth/authenticate";
import { AppError } from "@/lib/errors";
import { findAccount } from "@/lib/stores/queries";
import { addStaff, ensureUserWithRole, listMembers, removeStaff } from "./commands";

/** The user's role in the store as the pages see it, or null when they are not a member. */
const roleIn = async (slug: string, userId: number) =>
  (await findAccount(userId, "a-session"))?.stores.find(({ store }) => store.slug === slug)?.role ?? null;

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected: ${String(error)}`),
  );

describe("staff accounts", () => {
  it("lets an owner add staff who can then sign in with the initial password and see the store as staff", async () => {
    const ctx = await makeStore("staff");
    const email = `clerk-${ctx.store.slug}@test.laoke`;
    const result = await addStaff(ctx, { email: email.toUpperCase(), name: "Clerk", password: "initial-pass" });
    expect(result.created).toBe(true);
    const user = await authenticate(email, "initial-pass", null);
    expect(await roleIn(ctx.store.slug, user.id)).toBe("staff");
    expect((await listMembers(ctx)).map((m) => [m.email, m.role])).toEqual([
      [`owner-${ctx.store.slug}@test.laoke`, "owner"],
      [email, "staff"],
    ]);
  });

  it("refuses a second membership, a short password and a malformed email", async () => {
    const ctx = await makeStore("staff");
    const email = `dup-${ctx.store.slug}@test.laoke`;
    await addStaff(ctx, { email, password: "initial-pass" });
    expect(await codeOf(addStaff(ctx, { email, password: "initial-pass" }))).toBe("conflict");
    await expect(addStaff(ctx, { email: `x-${ctx.store.slug}@test.laoke`, password: "short" })).rejects.toThrow();
    await expect(addStaff(ctx, { email: "not-an-email", password: "long-enough" })).rejects.toThrow();
  });

  it("keeps an existing account's password when it joins another store", async () => {
    const a = await makeStore("staff");
    const b = await makeStore("staff");
    const email = `shared-${a.store.slug}@test.laoke`;
    await addStaff(a, { email, password: "first-password" });
    const result = await addStaff(b, { email, password: "other-password" });
    expect(result.created).toBe(false);
    await expect(authenticate(email, "other-password", null)).rejects.toThrow();
    expect((await authenticate(email, "first-password", null)).email).toBe(email);
  });

  it("lets an owner remove staff, who then lose the store", async () => {
    const ctx = await makeStore("staff");
    const { userId } = await addStaff(ctx, { email: `gone-${ctx.store.slug}@test.laoke`, password: "initial-pass" });
    await removeStaff(ctx, userId);
    expect(await roleIn(ctx.store.slug, userId)).toBeNull();
    expect(await codeOf(removeStaff(ctx, userId))).toBe("not_found");
  });

  it("never removes an owner or yourself", async () => {
    const ctx = await makeStore("staff");
    expect(await codeOf(removeStaff(ctx, ctx.userId!))).toBe("invalid");
    const other = await makeStore("staff");
    // Another store's owner id is not a staff member here.
    expect(await codeOf(removeStaff(ctx, other.userId!))).toBe("not_found");
  });

  it("never makes a store's only owner staff (the command line's user create), but a second owner may step down", async () => {
    const ctx = await makeStore("owners");
    const email = `owner-${ctx.store.slug}@test.laoke`;
    const demote = (who: string) => ensureUserWithRole({ storeId: ctx.store.id, email: who, password: "whatever-pw", role: "staff" });
    await expect(demote(email)).rejects.toMatchObject({ code: "conflict", key: "errors.lastOwner" });
    expect(await roleIn(ctx.store.slug, ctx.userId!)).toBe("owner");
    const second = await ensureUserWithRole({ storeId: ctx.store.id, email: `second-${ctx.store.slug}@test.laoke`, password: "second-pw-1", role: "owner" });
    expect((await demote(email)).roleChanged).toBe(true);
    expect(await roleIn(ctx.store.slug, ctx.userId!)).toBe("staff");
    await expect(demote(`second-${ctx.store.slug}@test.laoke`)).rejects.toMatchObject({ key: "errors.lastOwner" });
    expect(await roleIn(ctx.store.slug, second.userId)).toBe("owner");
  });

  it("refuses staff managing accounts (checked in the domain layer)", async () => {
    const ctx = await makeStore("staff");
    const staff = asStaff(ctx);
    expect(await codeOf(addStaff(staff, { email: `s-${ctx.store.slug}@test.laoke`, password: "initial-pass" }))).toBe("forbidden");
    expect(await codeOf(removeStaff(staff, 1))).toBe("forbidden");
    expect(await codeOf(listMembers(staff))).toBe("forbidden");
  });

  it("does not let an owner of store A touch store B's staff", async () => {
    const a = await makeStore("staff");
    const b = await makeStore("staff");
    const { userId } = await addStaff(b, { email: `b-${b.store.slug}@test.laoke`, password: "initial-pass" });
    expect(await codeOf(removeStaff(a, userId))).toBe("not_found");
    expect(await roleIn(b.store.slug, userId)).toBe("staff");
  });
});
