import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customers, disputeEvents, repAssignments } from "@/db/schema";
import { asStaff, makeStore } from "@/tests/factories";
import { authenticate } from "@/lib/auth/authenticate";
import { assignDispute, fileDispute, resolveDispute, startReview, withdrawDispute } from "@/lib/disputes/commands";
import { getDispute, listDisputes, openDisputesByAssignee } from "@/lib/disputes/queries";
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

  it("adds staff from the full-width email a Chinese input method types, as the ASCII one they sign in with", async () => {
    const ctx = await makeStore("staff");
    const result = await addStaff(ctx, { email: "ｃｌｅｒｋ＠ＳＨＯＰ．ｅｘａｍｐｌｅ", name: "Clerk", password: "initial-pass" });
    const email = "clerk@shop.example";
    expect((await authenticate(email, "initial-pass", null)).id).toBe(result.userId);
    expect((await listMembers(ctx)).map((m) => m.email)).toContain(email);
    // The same person typed the other way is already a member, not a second account.
    expect(await codeOf(addStaff(ctx, { email, password: "initial-pass" }))).toBe("conflict");
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

  it("holds the command line's --name to the staff form's rules: one line, no control or bidi character, 100 characters", async () => {
    const ctx = await makeStore("names");
    const create = (name: string, n: number) =>
      ensureUserWithRole({ storeId: ctx.store.id, email: `named-${n}-${ctx.store.slug}@test.laoke`, password: "initial-pass", role: "staff", name });
    for (const [n, [name, path, message]] of ([
      ["王\n芳", "name", "must not contain U+000A, a control or bidirectional formatting character"],
      ["王\u202E芳", "name", "must not contain U+202E, a control or bidirectional formatting character"],
      ["王".repeat(101), "name", "Too big: expected string to have <=100 characters"],
    ] as const).entries()) {
      await expect(create(name, n), name.slice(0, 8)).rejects.toMatchObject({ issues: [{ path: [path], message }] });
    }
    expect((await listMembers(ctx)).some((m) => m.email.startsWith("named-"))).toBe(false);
    await create(" Cafe\u0301 ", 9);
    expect((await listMembers(ctx)).find((m) => m.email.startsWith("named-9"))?.name).toBe("Café");
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

  it("puts a removed staff member's open disputes back to unassigned, saying who and when; closed ones and other stores keep them", async () => {
    const at = new Date("2026-03-01T02:00:00Z");
    const removedAt = new Date("2026-03-05T09:00:00Z");
    const facts = {
      type: "ip_infringement" as const,
      title: "Copied tea-cup photos",
      description: "Shop X sells our patented cup with our own photos.",
      amountAtStake: 1_200_000,
      infringedRight: "Design patent ZL2023 0123456.7",
      infringingListing: "https://mobile.example.com/goods?id=998877",
    };
    const ctx = await makeStore("leaver");
    const email = `leaver-${ctx.store.slug}@test.laoke`;
    const { userId } = await addStaff(ctx, { email, password: "initial-pass" });
    const { userId: stays } = await addStaff(ctx, { email: `stays-${ctx.store.slug}@test.laoke`, password: "initial-pass" });
    const assigned = async (store: typeof ctx, to: number) => {
      const { id } = await fileDispute(store, facts, { now: at });
      await assignDispute(store, id, to, { now: at });
      return id;
    };
    const [submitted, inReview, resolved, withdrawn, colleagues] = [await assigned(ctx, userId), await assigned(ctx, userId), await assigned(ctx, userId), await assigned(ctx, userId), await assigned(ctx, stays)];
    await startReview(ctx, inReview, { now: at });
    await startReview(ctx, resolved, { now: at });
    await resolveDispute(ctx, resolved, { outcome: "won", summary: "Listing removed." }, { now: at });
    await withdrawDispute(ctx, withdrawn, { reason: "Settled with the shop." }, { now: at });
    // The same person staffs another store, where they stay.
    const other = await makeStore("leaver");
    await addStaff(other, { email, password: "initial-pass" });
    const elsewhere = await assigned(other, userId);

    // Their dedicated customers, and a colleague's, who keeps them.
    const customer = async (externalId: string) =>
      (await getDb().insert(customers).values({ storeId: ctx.store.id, externalId }).returning({ id: customers.id }))[0]!.id;
    const reps = [[await customer("C1"), userId], [await customer("C2"), userId], [await customer("C3"), userId], [await customer("C4"), stays]];
    await getDb().insert(repAssignments).values(reps.map(([customerId, rep]) => ({ storeId: ctx.store.id, customerId: customerId!, userId: rep! })));

    expect((await openDisputesByAssignee(ctx)).get(userId)).toBe(2);
    // What the settings page says after the removal: the owner has these to reassign.
    expect(await removeStaff(ctx, userId, { now: removedAt })).toEqual({ customersWithoutRep: 3, disputesUnassigned: 2 });
    const left = await getDb().select({ userId: repAssignments.userId }).from(repAssignments).where(eq(repAssignments.storeId, ctx.store.id));
    expect(left).toEqual([{ userId: stays }]);

    const assignee = async (store: typeof ctx, id: number) => (await getDispute(store, id)).assigneeUserId;
    expect([await assignee(ctx, submitted), await assignee(ctx, inReview)]).toEqual([null, null]);
    expect([await assignee(ctx, resolved), await assignee(ctx, withdrawn)]).toEqual([userId, userId]);
    expect(await assignee(ctx, colleagues)).toBe(stays);
    expect(await assignee(other, elsewhere)).toBe(userId);
    // In the queue of unassigned disputes for the owner to reassign.
    expect((await listDisputes(ctx, { page: 1, assignee: "none" })).disputes.map((d) => d.id).sort()).toEqual([submitted, inReview].sort());
    expect((await openDisputesByAssignee(ctx)).has(userId)).toBe(false);

    const lastEvent = async (store: typeof ctx, id: number) => {
      const rows = await getDb()
        .select({ kind: disputeEvents.kind, actor: disputeEvents.actorUserId, at: disputeEvents.at, data: disputeEvents.data })
        .from(disputeEvents)
        .where(and(eq(disputeEvents.storeId, store.store.id), eq(disputeEvents.disputeId, id)))
        .orderBy(asc(disputeEvents.id));
      return rows.at(-1);
    };
    const unassigned = { kind: "assigned", actor: ctx.userId, at: removedAt, data: { from: userId, to: null, reason: "member_removed", email } };
    expect(await lastEvent(ctx, submitted)).toEqual(unassigned);
    expect(await lastEvent(ctx, inReview)).toEqual(unassigned);
    expect((await lastEvent(ctx, resolved))?.kind).toBe("resolved");
    expect((await lastEvent(ctx, withdrawn))?.kind).toBe("withdrawn");
    expect((await lastEvent(other, elsewhere))?.data).toMatchObject({ to: userId });
  });
});
