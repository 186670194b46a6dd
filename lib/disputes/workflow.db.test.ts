import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { customerFlagEvents, customerFlags, disputeEvents, disputes, products, stores } from "@/db/schema";
import { clearComplianceFlag } from "@/lib/customers/flags";
import { getCustomer } from "@/lib/customers/queries";
import { recentlyFlaggedCustomers } from "@/lib/dashboard/work-queue";
import { recomputeScores } from "@/lib/customers/recompute";
import { ensureUserWithRole } from "@/lib/users/commands";
import type { StoreContext } from "@/lib/stores/context";
import type { DisputeFacts } from "@/lib/validation/disputes";
import { asStaff, makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";
import {
  assignDispute,
  commentOnDispute,
  escalateDispute,
  fileDispute,
  overrideDeadline,
  resolveDispute,
  routeDispute,
  startReview,
  submitDispute,
  updateDraft,
  withdrawDispute,
} from "./commands";
import { customerDisputes, disputeCounts, disputesByTypeAndStatus, disputesForQueue, getDispute, listDisputes, queuePageIds, QUEUE_PAGE_SIZE } from "./queries";
import { setLegalThreshold } from "./settings";

const DAY = 86_400_000;
const t0 = new Date("2026-03-01T02:00:00Z");
const later = (days: number) => new Date(t0.getTime() + days * DAY);

const ip: DisputeFacts = {
  type: "ip_infringement",
  title: "Copied tea-cup photos",
  description: "Shop X sells our patented cup with our own photos.",
  amountAtStake: 1_200_000,
  infringedRight: "Design patent ZL2023 0123456.7",
  infringingListing: "https://mobile.example.com/goods?id=998877",
};

async function staffOf(ctx: StoreContext, name: string) {
  const { userId } = await ensureUserWithRole({ storeId: ctx.store.id, email: `${name}-${ctx.store.slug}@test.laoke`, password: "staff-password", role: "staff" });
  return asStaff(ctx, userId);
}

async function history(ctx: StoreContext, id: number) {
  const rows = await getDb()
    .select({ kind: disputeEvents.kind, from: disputeEvents.fromStatus, to: disputeEvents.toStatus })
    .from(disputeEvents)
    .where(and(eq(disputeEvents.storeId, ctx.store.id), eq(disputeEvents.disputeId, id)))
    .orderBy(disputeEvents.id);
  return rows.map((r) => (r.from ? `${r.kind}:${r.from}→${r.to}` : r.kind));
}

describe("filing and routing", () => {
  it("files an IP case, routes it to the IP protection agency with the reasons, and starts its 7-day clock", async () => {
    const ctx = await makeStore("dsp");
    const staff = await staffOf(ctx, "filer");
    const filed = await fileDispute(staff, ip, { now: t0 });
    expect(filed.status).toBe("submitted");
    const d = await getDispute(ctx, filed.id, t0);
    expect(d.routing).toMatchObject({ primary: "ip_protection_agency", chain: ["platform", "lawyer"] });
    expect(d.routing.reasons.map((r) => r.code)).toEqual(["table", "belowThreshold"]);
    expect(d).toMatchObject({ currentParty: "ip_protection_agency", deadlineAt: later(7), routingIsPreview: false, overdue: false });
    expect(d.events.map((e) => [e.kind, e.actorName])).toEqual([
      ["created", expect.stringContaining("filer")],
      ["submitted", expect.stringContaining("filer")],
    ]);
  });

  it("uses the store's legal threshold, at the threshold exactly and one fen below", async () => {
    const ctx = await makeStore("dsp");
    await setLegalThreshold(ctx, 1_000_000);
    const at = await fileDispute(ctx, { ...ip, amountAtStake: 1_000_000 }, { now: t0 });
    const below = await fileDispute(ctx, { ...ip, amountAtStake: 999_999 }, { now: t0 });
    expect((await getDispute(ctx, at.id)).routing.chain).toEqual(["lawyer", "platform"]);
    expect((await getDispute(ctx, below.id)).routing.chain).toEqual(["platform", "lawyer"]);
    await expect(setLegalThreshold(asStaff(ctx), 1)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("counts the complainant's earlier complaints: 2 change nothing, the 3rd earlier one flags them", async () => {
    const ctx = await makeStore("dsp");
    const d = storeData(ctx);
    await d.order("BUYER", "2026-02-01T00:00:00Z", 5000);
    const [order] = (await getDb().execute<{ external_id: string }>(sql`select external_id from orders where store_id = ${ctx.store.id}`)).rows;
    const complaint = (day: number, extra: Partial<DisputeFacts> = {}) =>
      fileDispute(
        ctx,
        { type: "malicious_complaint", title: `Complaint ${day}`, description: "Threatens a bad review unless refunded.", amountAtStake: 5000, customerExternalId: "BUYER", ...extra },
        { now: later(day) },
      );
    await complaint(1);
    await complaint(2, { type: "fake_return", customerExternalId: undefined, orderExternalId: order!.external_id });
    // Neither a withdrawn complaint nor a draft counts.
    const withdrawn = await complaint(3);
    await withdrawDispute(ctx, withdrawn.id, { reason: "Buyer apologised" }, { now: later(3) });
    await fileDispute(ctx, { ...ip, customerExternalId: "BUYER", title: "draft" }, { now: later(3), draft: true });
    const third = await complaint(5);
    const thirdView = await getDispute(ctx, third.id);
    expect(thirdView.earlierComplaints).toBe(2);
    expect(thirdView.routing.chain).toEqual(["consumer_protection_agency", "lawyer"]);
    expect(thirdView.routing.reasons.at(-1)).toMatchObject({ code: "notRepeatComplainant", values: { count: 2 } });
    expect(thirdView.repeatComplainant).toBe(false);

    const fourth = await fileDispute(ctx, { ...ip, customerExternalId: "BUYER", amountAtStake: 6_000_000 }, { now: later(6) });
    const view = await getDispute(ctx, fourth.id);
    expect(view.earlierComplaints).toBe(3);
    expect(view.repeatComplainant).toBe(true);
    // Both rules: the agency right after the primary party, then the lawyer the amount brings.
    expect(view.routing).toMatchObject({ primary: "ip_protection_agency", chain: ["consumer_protection_agency", "lawyer", "platform"] });
    expect(view.routing.reasons.map((r) => r.code)).toEqual(["table", "threshold", "repeatComplainant"]);

    const customerId = await d.customer("BUYER");
    const onPage = await customerDisputes(ctx, customerId);
    expect(onPage.complaints).toBe(3);
    expect(onPage.repeatComplainant).toBe(true);
    expect(onPage.disputes.map((x) => x.status)).not.toContain("draft");
  });

  it("flags a repeat complainant, closing the high-value gate: once, and again after staff clear it", async () => {
    const ctx = await makeStore("dsp");
    const d = storeData(ctx);
    await d.order("BUYER", "2026-02-01T00:00:00Z", 5000);
    await recomputeScores(ctx.store.id);
    const customerId = await d.customer("BUYER");
    const complaint = (day: number) =>
      fileDispute(
        ctx,
        { type: "malicious_complaint", title: `Complaint ${day}`, description: "Threatens a bad review unless refunded.", amountAtStake: 5000, customerExternalId: "BUYER" },
        { now: later(day) },
      );
    const flags = async () =>
      (
        await getDb()
          .select({ flag: customerFlags.flag, disputeId: customerFlags.disputeId, by: customerFlags.setByUserId })
          .from(customerFlags)
          .where(and(eq(customerFlags.storeId, ctx.store.id), eq(customerFlags.customerId, customerId)))
      );
    const setEvents = async () =>
      (
        await getDb()
          .select({ disputeId: customerFlagEvents.disputeId })
          .from(customerFlagEvents)
          .where(and(eq(customerFlagEvents.storeId, ctx.store.id), eq(customerFlagEvents.customerId, customerId), eq(customerFlagEvents.action, "set")))
          .orderBy(customerFlagEvents.id)
      ).map((e) => e.disputeId);
    const gates = async () => (await getCustomer(ctx, { externalId: "BUYER" })).gates;

    for (const day of [1, 2, 3]) await complaint(day);
    expect(await flags()).toEqual([]);
    expect(await gates()).toEqual([]);

    const fourth = await complaint(4); // three before it
    expect(await flags()).toEqual([{ flag: "malicious_complaint", disputeId: fourth.id, by: null }]);
    expect(await gates()).toEqual(["compliance_flag"]);
    // The staff's work queue names the dispute, so the page can say why in the reader's language.
    expect((await recentlyFlaggedCustomers(asStaff(ctx), { now: later(5) })).map((f) => [f.externalId, f.setBy, f.disputeId])).toEqual([
      ["BUYER", null, fourth.id],
    ]);
    await complaint(5);
    expect(await setEvents()).toEqual([fourth.id]);

    await clearComplianceFlag(asStaff(ctx), customerId, "malicious_complaint", "Checked: the buyer had a point");
    expect(await gates()).toEqual([]);
    const sixth = await complaint(6);
    expect(await setEvents()).toEqual([fourth.id, sixth.id]);
    expect(await gates()).toEqual(["compliance_flag"]);
  });

  it("refuses links to another store's rows and contradictory links", async () => {
    const a = await makeStore("dsp");
    const b = await makeStore("dsp");
    await storeData(a).customer("ONLY-A");
    await expect(fileDispute(b, { ...ip, customerExternalId: "ONLY-A" })).rejects.toMatchObject({ code: "invalid", key: "disputes.errors.unknownLink" });
    const d = storeData(a);
    await d.order("C1", "2026-02-01T00:00:00Z", 100);
    await d.customer("C2");
    const [order] = await getDb().execute<{ external_id: string }>(sql`select external_id from orders where store_id = ${a.store.id}`).then((r) => r.rows);
    await expect(
      fileDispute(a, { type: "fake_return", title: "Empty box", description: "The parcel came back empty.", amountAtStake: 100, orderExternalId: order!.external_id, customerExternalId: "C2" }),
    ).rejects.toMatchObject({ key: "disputes.errors.otherCustomer" });
    const ok = await fileDispute(a, { type: "fake_return", title: "Empty box", description: "The parcel came back empty.", amountAtStake: 100, orderExternalId: order!.external_id });
    expect((await getDispute(a, ok.id)).customerExternalId).toBe("C1");
  });
});

describe("drafts", () => {
  it("saves a draft without the type's facts, shows the routing it would get, and submits once they are there", async () => {
    const ctx = await makeStore("dsp");
    const draft = await fileDispute(ctx, { type: "counterfeit_accusation", title: "Brand says our bags are fake", description: "", amountAtStake: 0 }, { draft: true, now: t0 });
    expect(draft.status).toBe("draft");
    const view = await getDispute(ctx, draft.id);
    expect(view).toMatchObject({ routingIsPreview: true, deadlineAt: null, currentParty: null });
    expect(view.routing.primary).toBe("platform");

    await expect(submitDispute(ctx, draft.id)).rejects.toMatchObject({
      code: "invalid",
      key: "disputes.errors.missingFacts",
      values: { facts: "description,product" },
    });
    await getDb().insert(products).values({ storeId: ctx.store.id, externalId: "BAG-1", name: "Tote bag", price: 39900 });
    await updateDraft(ctx, draft.id, {
      type: "counterfeit_accusation",
      title: "Brand says our bags are fake",
      description: "The brand's agent reported our genuine bags as fakes.",
      amountAtStake: 300_000,
      productExternalId: "BAG-1",
    }, { now: later(1), submit: true });
    const submitted = await getDispute(ctx, draft.id);
    expect(submitted).toMatchObject({ status: "submitted", productExternalId: "BAG-1", routingIsPreview: false });
    // The counter-notice clock: 15 days from submission, and 15 again from routing (the day the
    // counter-notice goes to the platform), however long the review took.
    expect(submitted.deadlineAt).toEqual(later(16));
    expect(await history(ctx, draft.id)).toEqual(["created", "draft_updated", "submitted:draft→submitted"]);
    await expect(updateDraft(ctx, draft.id, { ...ip })).rejects.toMatchObject({ code: "conflict", key: "disputes.errors.notAllowed" });
    await startReview(ctx, draft.id, { now: later(2) });
    await routeDispute(ctx, draft.id, { now: later(20) });
    expect(await getDispute(ctx, draft.id, later(21))).toMatchObject({ currentParty: "platform", deadlineAt: later(35), overdue: false });
  });
});

describe("the workflow", () => {
  it("keeps a deadline set by hand before the routing", async () => {
    const ctx = await makeStore("dsp");
    const { id } = await fileDispute(ctx, ip, { now: t0 });
    await startReview(ctx, id, { now: later(1) });
    await overrideDeadline(ctx, id, { deadlineAt: later(20), reason: "The platform gave us until then" }, { now: later(1) });
    await routeDispute(ctx, id, { now: later(2) });
    expect((await getDispute(ctx, id, later(2))).deadlineAt).toEqual(later(20));
  });

  it("goes submitted → in review → routed → escalated → escalated → resolved, each step in the history", async () => {
    const ctx = await makeStore("dsp");
    const filer = await staffOf(ctx, "filer");
    const reviewer = await staffOf(ctx, "reviewer");
    const { id } = await fileDispute(filer, ip, { now: t0 });

    await assignDispute(ctx, id, reviewer.userId!, { now: later(1) });
    await expect(assignDispute(ctx, id, reviewer.userId!)).rejects.toMatchObject({ key: "disputes.errors.alreadyAssigned" });
    const outsider = await makeStore("dsp");
    await expect(assignDispute(ctx, id, outsider.userId!)).rejects.toMatchObject({ key: "disputes.errors.notMember" });
    await startReview(reviewer, id, { now: later(1) });
    // Submitted at t0 with 7 days to answer; routed two days later, the party gets its own 7.
    expect((await getDispute(ctx, id)).deadlineAt).toEqual(later(7));
    await routeDispute(reviewer, id, { now: later(2) });
    let d = await getDispute(ctx, id, later(8));
    expect(d).toMatchObject({ status: "routed", currentParty: "ip_protection_agency", deadlineAt: later(9), overdue: false });
    expect(d.assigneeUserId).toBe(reviewer.userId);

    // Overdue past the deadline; escalation gives the next party a fresh 7 days.
    expect((await getDispute(ctx, id, later(9.5))).overdue).toBe(true);
    await escalateDispute(reviewer, id, { now: later(9.5) });
    d = await getDispute(ctx, id, later(9.5));
    expect(d).toMatchObject({ status: "escalated", currentParty: "platform", deadlineAt: later(16.5), overdue: false });
    await escalateDispute(reviewer, id, { now: later(9.5) });
    expect((await getDispute(ctx, id)).currentParty).toBe("lawyer");
    await expect(escalateDispute(reviewer, id, { now: later(10) })).rejects.toMatchObject({ code: "conflict", key: "disputes.errors.chainEnd" });

    await overrideDeadline(reviewer, id, { deadlineAt: later(30), reason: "Lawyer asked for a month" }, { now: later(10) });
    await commentOnDispute(filer, id, "The copy shop has gone quiet.", { now: later(11) });
    await resolveDispute(reviewer, id, { outcome: "won", summary: "Listing removed, ¥12,000 compensation." }, { now: later(12) });
    d = await getDispute(ctx, id);
    expect(d).toMatchObject({ status: "resolved", outcome: "won", closedAt: later(12), actions: ["comment"] });
    expect(await history(ctx, id)).toEqual([
      "created",
      "submitted:draft→submitted",
      "assigned",
      "review_started:submitted→in_review",
      "routed:in_review→routed",
      "escalated:routed→escalated",
      "escalated:escalated→escalated",
      "deadline_changed",
      "comment",
      "resolved:escalated→resolved",
    ]);
    expect(d.events.find((e) => e.kind === "deadline_changed")?.data).toMatchObject({ reason: "Lawyer asked for a month", to: later(30).toISOString() });
  });

  it("refuses the second of two staff's edits of one draft made from the same page, rather than undo the first's", async () => {
    const ctx = await makeStore("dsp");
    const [ann, bo] = [await staffOf(ctx, "ann"), await staffOf(ctx, "bo")];
    const { id } = await fileDispute(ctx, ip, { draft: true, now: t0 });
    const factsSeen = async () => (await getDispute(ctx, id)).events.filter((e) => e.kind === "created" || e.kind === "draft_updated").at(-1)!.id;
    const seen = await factsSeen();
    // Each form sends every fact as it showed them: Ann fixes the amount, Bo the title.
    const edits = [
      updateDraft(ann, id, { ...ip, amountAtStake: 1_500_000 }, { now: later(1), seen }),
      updateDraft(bo, id, { ...ip, title: "Copied tea-cup and teapot photos" }, { now: later(1), seen }),
    ];
    const both = await Promise.allSettled(edits);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((both.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      code: "conflict",
      key: "disputes.errors.draftChangedMeanwhile",
    });
    const d = await getDispute(ctx, id);
    expect([
      { amountAtStake: 1_500_000, title: ip.title },
      { amountAtStake: ip.amountAtStake, title: "Copied tea-cup and teapot photos" },
    ]).toContainEqual({ amountAtStake: d.amountAtStake, title: d.title });
    // A comment is no change of the facts: an edit from the page as it now stands goes through.
    await commentOnDispute(ann, id, "Bo, your title is better.", { now: later(2) });
    await updateDraft(bo, id, { ...ip, amountAtStake: 1_500_000, title: "Copied tea-cup and teapot photos" }, { now: later(3), seen: await factsSeen() });
    expect(await getDispute(ctx, id)).toMatchObject({ amountAtStake: 1_500_000, title: "Copied tea-cup and teapot photos" });
  });

  it("escalates once when two staff escalate to the same party at once: the other is told where it went", async () => {
    const ctx = await makeStore("dsp");
    const [ann, bo] = [await staffOf(ctx, "ann"), await staffOf(ctx, "bo")];
    const { id } = await fileDispute(ctx, ip, { now: t0 });
    await startReview(ann, id, { now: later(1) });
    await routeDispute(ann, id, { now: later(2) });
    // Both pages offered "Escalate to the platform"; neither meant the lawyer after it.
    const both = await Promise.allSettled([ann, bo].map((staff) => escalateDispute(staff, id, { now: later(9), to: "platform" })));
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = both.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "conflict", key: "disputes.errors.escalatedMeanwhile", values: { party: "platform" } });
    expect(await getDispute(ctx, id)).toMatchObject({ status: "escalated", currentParty: "platform" });
    expect((await history(ctx, id)).filter((e) => e.startsWith("escalated"))).toEqual(["escalated:routed→escalated"]);
    // Asked for again from the page now showing the platform, it goes on to the lawyer.
    await escalateDispute(bo, id, { now: later(10), to: "lawyer" });
    expect((await getDispute(ctx, id)).currentParty).toBe("lawyer");
  });

  it("refuses each illegal step through the commands, changing nothing and recording nothing", async () => {
    const ctx = await makeStore("dsp");
    const draft = await fileDispute(ctx, ip, { draft: true, now: t0 });
    const submitted = await fileDispute(ctx, ip, { now: t0 });
    const snapshot = async () => ({ rows: await getDispute(ctx, submitted.id), events: await history(ctx, submitted.id) });
    const before = await snapshot();
    const refusals: [string, () => Promise<unknown>][] = [
      ["route a submitted dispute", () => routeDispute(ctx, submitted.id)],
      ["escalate a submitted dispute", () => escalateDispute(ctx, submitted.id)],
      ["resolve a submitted dispute", () => resolveDispute(ctx, submitted.id, { outcome: "won", summary: "too early" })],
      ["submit twice", () => submitDispute(ctx, submitted.id)],
      ["assign a draft", () => assignDispute(ctx, draft.id, ctx.userId!)],
      ["review a draft", () => startReview(ctx, draft.id)],
      ["route a draft", () => routeDispute(ctx, draft.id)],
    ];
    for (const [what, run] of refusals) await expect(run(), what).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await snapshot()).toEqual(before);

    await startReview(ctx, submitted.id);
    await expect(startReview(ctx, submitted.id)).rejects.toMatchObject({ values: { action: "startReview", status: "in_review" } });
    await withdrawDispute(ctx, submitted.id, { reason: "Settled privately" });
    for (const run of [
      () => withdrawDispute(ctx, submitted.id, { reason: "again" }),
      () => resolveDispute(ctx, submitted.id, { outcome: "lost", summary: "x" }),
      () => escalateDispute(ctx, submitted.id),
      () => overrideDeadline(ctx, submitted.id, { deadlineAt: later(400), reason: "why not" }),
      () => assignDispute(ctx, submitted.id, ctx.userId!),
    ]) {
      await expect(run()).rejects.toMatchObject({ code: "conflict", values: { status: "withdrawn" } });
    }
    // Comments stay possible on a closed dispute.
    await commentOnDispute(ctx, submitted.id, "For the record.");
    await expect(overrideDeadline(ctx, draft.id, { deadlineAt: new Date(Date.now() - DAY), reason: "past" })).rejects.toMatchObject({
      key: "disputes.errors.deadlinePast",
    });
    // A slipped year is refused, not kept as a deadline that never comes due.
    await expect(overrideDeadline(ctx, draft.id, { deadlineAt: new Date("9999-12-31T15:59:00Z"), reason: "typo" })).rejects.toMatchObject({
      key: "disputes.errors.deadlineOutOfRange",
      details: [{ path: "deadlineAt" }],
    });
  });

  it("keeps the history append-only: the database refuses to change or delete an event", async () => {
    const ctx = await makeStore("dsp");
    const { id } = await fileDispute(ctx, ip);
    const where = sql`store_id = ${ctx.store.id} and dispute_id = ${id}`;
    // The driver wraps the database's refusal; its message is in the cause.
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => "allowed",
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    expect(await refusal(getDb().execute(sql`update dispute_events set data = '{}' where ${where}`))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(getDb().execute(sql`delete from dispute_events where ${where}`))).toMatch(/append-only: DELETE refused/);
    expect(await refusal(getDb().execute(sql`truncate dispute_events`))).toMatch(/append-only: TRUNCATE refused/);
    expect(await history(ctx, id)).toEqual(["created", "submitted:draft→submitted"]);
    // Deleting the whole store still cascades through its disputes' history.
    await getDb().delete(stores).where(eq(stores.id, ctx.store.id));
    expect(await getDb().$count(disputes, eq(disputes.storeId, ctx.store.id))).toBe(0);
  });

  it("keeps one store's disputes from another's members", async () => {
    const a = await makeStore("dsp");
    const b = await makeStore("dsp");
    const { id } = await fileDispute(a, ip);
    await expect(getDispute(b, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(startReview(b, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(commentOnDispute(b, id, "hi")).rejects.toMatchObject({ code: "not_found" });
    expect((await listDisputes(b, { page: 1 })).total).toBe(0);
  });
});

describe("the queue and the dashboard's numbers", () => {
  it("filters, sorts by deadline, counts per status and overdue", async () => {
    const ctx = await makeStore("dsp");
    const me = await staffOf(ctx, "me");
    const soon = await fileDispute(ctx, { ...ip, title: "soon" }, { now: t0 });
    const lateOne = await fileDispute(ctx, { ...ip, title: "late" }, { now: later(3) });
    const counterfeitProduct = await getDb()
      .insert(products)
      .values({ storeId: ctx.store.id, externalId: "P1", name: "Bag", price: 100 })
      .returning({ id: products.id });
    expect(counterfeitProduct).toHaveLength(1);
    const cf = await fileDispute(ctx, { type: "counterfeit_accusation", title: "cf", description: "Reported as fake by a rival.", amountAtStake: 0, productExternalId: "P1" }, { now: t0 });
    await fileDispute(ctx, { ...ip, title: "draft" }, { draft: true, now: t0 });
    const done = await fileDispute(ctx, { ...ip, title: "done" }, { now: t0 });
    await startReview(me, done.id, { now: t0 });
    await resolveDispute(me, done.id, { outcome: "settled", summary: "ok" }, { now: t0 });
    await startReview(me, lateOne.id, { now: later(3) });

    const now = later(8); // "soon" (due day 7) is overdue; "late" (day 10) and the counterfeit (day 15) are not
    const all = await listDisputes(ctx, { page: 1 }, now);
    // Open ones first by deadline, then the closed one, then the draft (no deadline).
    expect(all.disputes.map((d) => d.title)).toEqual(["soon", "late", "cf", "done", "draft"]);
    expect(all.disputes.slice(0, 3).map((d) => d.id)).toEqual([soon.id, lateOne.id, cf.id]);
    expect(all.counts).toMatchObject({ byStatus: { draft: 1, submitted: 2, in_review: 1, resolved: 1 }, open: 3, overdue: 1, total: 5 });
    expect((await listDisputes(ctx, { page: 1, overdue: true }, now)).disputes.map((d) => d.id)).toEqual([soon.id]);
    expect((await listDisputes(ctx, { page: 1, type: "counterfeit_accusation" }, now)).disputes.map((d) => d.id)).toEqual([cf.id]);
    expect((await listDisputes(ctx, { page: 1, status: "in_review" }, now)).disputes.map((d) => d.id)).toEqual([lateOne.id]);
    expect((await listDisputes(ctx, { page: 1, assignee: me.userId! }, now)).total).toBe(2);
    expect((await listDisputes(me, { page: 1, assignee: "me" }, now)).total).toBe(2);
    expect((await listDisputes(ctx, { page: 1, party: "platform" }, now)).disputes.map((d) => d.id)).toEqual([cf.id]);

    expect(await disputeCounts(ctx, now)).toMatchObject({ open: 3, overdue: 1 });
    expect(await disputesByTypeAndStatus(ctx)).toEqual([
      { type: "ip_infringement", status: "draft", count: 1 },
      { type: "ip_infringement", status: "submitted", count: 1 },
      { type: "ip_infringement", status: "in_review", count: 1 },
      { type: "ip_infringement", status: "resolved", count: 1 },
      { type: "counterfeit_accusation", status: "submitted", count: 1 },
    ]);
    expect(await disputesByTypeAndStatus(ctx, { from: later(1) })).toEqual([{ type: "ip_infringement", status: "in_review", count: 1 }]);
    const queue = await disputesForQueue(ctx, me.userId!, { now });
    expect(queue.assigned.map((d) => d.id)).toEqual([lateOne.id]);
    expect(queue.overdue.map((d) => d.id)).toEqual([soon.id]);
    // Submitted and not yet taken up for review, by anyone: neither the draft, the one in review nor the resolved one.
    expect(queue.toReview.map((d) => d.id)).toEqual([soon.id, cf.id]);
  });

  it("counts no resolved or withdrawn dispute as overdue, whatever deadline it had", async () => {
    const ctx = await makeStore("dsp");
    const me = await staffOf(ctx, "me");
    const open = await fileDispute(ctx, { ...ip, title: "open" }, { now: t0 });
    const resolved = await fileDispute(ctx, { ...ip, title: "resolved" }, { now: t0 });
    await startReview(me, resolved.id, { now: t0 });
    await routeDispute(me, resolved.id, { now: t0 });
    await resolveDispute(me, resolved.id, { outcome: "lost", summary: "no" }, { now: later(1) });
    const withdrawn = await fileDispute(ctx, { ...ip, title: "withdrawn" }, { now: t0 });
    await withdrawDispute(me, withdrawn.id, { reason: "settled privately" }, { now: later(1) });

    const now = later(30); // every one of them is past the deadline it had
    for (const d of [resolved, withdrawn]) {
      const closed = await getDispute(ctx, d.id, now);
      // The deadline stays on record (the history and the API tell it); it is not overdue.
      expect(closed.deadlineAt, closed.status).toEqual(later(7));
      expect(closed.overdue, closed.status).toBe(false);
    }
    expect((await getDispute(ctx, open.id, now)).overdue).toBe(true);
    expect((await listDisputes(ctx, { page: 1, overdue: true }, now)).disputes.map((d) => d.id)).toEqual([open.id]);
    expect((await listDisputes(ctx, { page: 1, overdue: false }, now)).disputes.map((d) => d.id).sort()).toEqual([resolved.id, withdrawn.id].sort());
    const all = await listDisputes(ctx, { page: 1 }, now);
    expect(all.disputes.map((d) => [d.title, d.overdue])).toEqual([
      ["open", true],
      ["withdrawn", false],
      ["resolved", false],
    ]);
    expect(all.counts).toMatchObject({ open: 1, overdue: 1 });
    expect((await disputesForQueue(ctx, me.userId!, { now })).overdue.map((d) => d.id)).toEqual([open.id]);

    // Among the closed ones, the newest first: the deadline one had no longer places it.
    const newest = await fileDispute(ctx, { ...ip, title: "newest, later deadline" }, { now: t0 });
    await overrideDeadline(me, newest.id, { deadlineAt: later(20), reason: "platform's date" }, { now: t0 });
    await withdrawDispute(me, newest.id, { reason: "dropped" }, { now: later(1) });
    expect((await listDisputes(ctx, { page: 1, status: "withdrawn" }, now)).disputes.map((d) => d.title)).toEqual(["newest, later deadline", "withdrawn"]);
  });

  it("pages a long queue in its order, page after page, each page read in the order of its index", async () => {
    const ctx = await makeStore("dsp");
    const me = await staffOf(ctx, "me");
    const statuses = ["draft", "submitted", "in_review", "routed", "escalated", "resolved", "withdrawn"] as const;
    // 130 disputes: every status, deadlines spread (some shared, some past), every third one mine.
    await getDb()
      .insert(disputes)
      .values(
        Array.from({ length: 130 }, (_, i) => {
          const status = statuses[i % statuses.length]!;
          return {
            storeId: ctx.store.id,
            type: "ip_infringement" as const,
            status,
            title: `d${i}`,
            deadlineAt: status === "draft" ? null : later(((i * 37) % 20) - 5),
            assigneeUserId: i % 3 === 0 ? me.userId : null,
          };
        }),
      );
    const now = later(0);
    const rows = await getDb()
      .select({ id: disputes.id, status: disputes.status, deadlineAt: disputes.deadlineAt, assignee: disputes.assigneeUserId })
      .from(disputes)
      .where(eq(disputes.storeId, ctx.store.id));
    const isOpen = (status: string) => ["submitted", "in_review", "routed", "escalated"].includes(status);
    // Open first, soonest deadline first; then the rest; the newest (highest id) first within each.
    const expected = [...rows]
      .sort((a, b) => {
        const rank = Number(!isOpen(a.status)) - Number(!isOpen(b.status));
        if (rank !== 0) return rank;
        const deadline = isOpen(a.status) ? a.deadlineAt!.getTime() - b.deadlineAt!.getTime() : 0;
        return deadline !== 0 ? deadline : b.id - a.id;
      })
      .map((r) => r.id);
    const pages = async (query: { assignee?: number }) => {
      const ids: number[] = [];
      for (let page = 1; page <= 3; page++) {
        const listed = await listDisputes(ctx, { page, ...query }, now);
        ids.push(...listed.disputes.map((d) => d.id));
        expect(listed.total).toBe(query.assignee ? 44 : 130);
      }
      return ids;
    };
    expect(QUEUE_PAGE_SIZE).toBe(50);
    expect(await pages({})).toEqual(expected);
    const mine = new Set(rows.filter((r) => r.assignee === me.userId).map((r) => r.id));
    expect(await pages({ assignee: me.userId! })).toEqual(expected.filter((id) => mine.has(id)));
    // The totals a status or "overdue" alone is told by the counts beside the queue: the same as counted.
    const open = rows.filter((r) => isOpen(r.status));
    for (const [query, n] of [
      [{ status: "resolved" as const }, rows.filter((r) => r.status === "resolved").length],
      [{ overdue: true }, open.filter((r) => r.deadlineAt! < now).length],
      [{ overdue: true, status: "routed" as const }, open.filter((r) => r.status === "routed" && r.deadlineAt! < now).length],
      [{ overdue: false }, rows.length - open.filter((r) => r.deadlineAt! < now).length],
    ] as const) {
      expect(n, JSON.stringify(query)).toBeGreaterThan(0);
      expect((await listDisputes(ctx, { page: 1, ...query }, now)).total, JSON.stringify(query)).toBe(n);
    }

    // Read in that order from disputes_queue_order_idx: no sort of the store's disputes, whatever the filter.
    for (const query of [{ page: 3 }, { page: 2, assignee: me.userId! }, { page: 1, status: "resolved" as const }, { page: 1, overdue: true }]) {
      const plan = await getDb().transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        // A sort is still planned when nothing else gives the order: the index must give it.
        await tx.execute(sql`set local enable_sort = off`);
        const { rows: lines } = await tx.execute<{ "QUERY PLAN": string }>(sql`explain ${queuePageIds(ctx, query, now)}`);
        return lines.map((line) => line["QUERY PLAN"]).join("\n");
      });
      expect(plan, JSON.stringify(query)).toContain("disputes_queue_order_idx");
      expect(plan, JSON.stringify(query)).not.toMatch(/Sort/);
    }
  });
});
