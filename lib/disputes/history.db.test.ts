import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeStore } from "@/tests/factories";
import type { StoreContext } from "@/lib/stores/context";
import { commentOnDispute, fileDispute, lastFactsEventId, overrideDeadline, updateDraft } from "./commands";
import { deadlineEvents, disputeHistoryPage, getDispute, HISTORY_PAGE_SIZE, latestComments, LATEST_COMMENTS } from "./queries";

const t0 = new Date("2026-03-01T02:00:00Z");
const facts = { type: "unfair_platform_treatment", title: "Payout frozen", description: "The platform froze our payout without a reason.", amountAtStake: 10_000 } as const;

/**
 * A dispute with `comments` comments after its filing: the comments `sameMoment` from the 40th
 * on written at one microsecond (a page's edge falls among them), and the last five written
 * before the rest though saved after them (their ids out of time order, as an import of a
 * platform's log might be).
 */
async function longDispute(ctx: StoreContext, comments: number, sameMoment = 30) {
  const { id } = await fileDispute(ctx, facts, { now: t0 });
  await getDb().execute(sql`
    insert into dispute_events (store_id, dispute_id, kind, data, at)
    select ${ctx.store.id}, ${id}, 'comment', jsonb_build_object('body', 'Comment ' || n),
           case when n between 40 and ${39 + sameMoment} then timestamptz '2026-03-02 10:00:00.123456+00'
                when n > ${comments - 5} then timestamptz '2026-03-01 03:00:00.000001+00' + n * interval '1 microsecond'
                else timestamptz '2026-03-01 12:00:00+00' + n * interval '1 minute' end
    from generate_series(1, ${comments}) n
    order by n`);
  return id;
}

/** Every event of the dispute, walked a page at a time from the latest back to the first. */
async function walkBack(ctx: StoreContext, id: number, limit: number) {
  const pages = [await disputeHistoryPage(ctx, id, { limit })];
  while (pages.at(-1)!.earlierCursor) pages.push(await disputeHistoryPage(ctx, id, { before: pages.at(-1)!.earlierCursor!, limit }));
  return pages;
}

describe("a dispute's history, a page at a time", () => {
  it("reads every event once, back from the latest and forward again, events of one microsecond included", async () => {
    const ctx = await makeStore("hist-walk");
    const id = await longDispute(ctx, 123);
    const whole = (await getDispute(ctx, id)).events;
    expect(whole).toHaveLength(125);
    // The whole history is in the order things happened: the late-saved comments sit by their time.
    expect(whole.map((e) => e.at.getTime())).toEqual(whole.map((e) => e.at.getTime()).sort((a, b) => a - b));
    expect(whole.slice(2, 7).map((e) => (e.data as { body: string }).body)).toEqual(["Comment 119", "Comment 120", "Comment 121", "Comment 122", "Comment 123"]);

    for (const limit of [HISTORY_PAGE_SIZE, 7]) {
      const back = await walkBack(ctx, id, limit);
      // The latest page first: the last events, in the order they happened, with the counts of all.
      expect(back[0]!.events.map((e) => e.id)).toEqual(whole.slice(-limit).map((e) => e.id));
      expect(back[0]).toMatchObject({ total: 125, comments: 123, laterCursor: null });
      expect(back.every((p) => p.events.length <= limit && p.total === 125)).toBe(true);
      const read = back.toReversed().flatMap((p) => p.events.map((e) => e.id));
      expect(read).toEqual(whole.map((e) => e.id));
      expect(back.at(-1)!.events[0]!.kind).toBe("created");

      // And forward again from the first page, by each page's "later" link, to the latest.
      const forward = [back.at(-1)!];
      while (forward.at(-1)!.laterCursor) forward.push(await disputeHistoryPage(ctx, id, { after: forward.at(-1)!.laterCursor!, limit }));
      expect(forward.flatMap((p) => p.events.map((e) => e.id))).toEqual(whole.map((e) => e.id));
      expect(forward.at(-1)!.events.map((e) => e.id)).toEqual(back[0]!.events.map((e) => e.id));
      // Each page says which events it holds, counted from the first, however it was reached.
      const place = (p: (typeof back)[number]) => whole.findIndex((e) => e.id === p.events[0]!.id) + 1;
      for (const p of [...back, ...forward]) expect(p.firstNumber).toBe(place(p));
      expect(back.map((p) => p.firstNumber).slice(0, 2)).toEqual([125 - limit + 1, 125 - 2 * limit + 1]);
      expect(back.at(-1)!.firstNumber).toBe(1);
      // A page reached forwards leads back to the one it came from.
      if (forward.length > 1) {
        const second = forward[1]!;
        const earlier = await disputeHistoryPage(ctx, id, { before: second.earlierCursor!, limit });
        expect(earlier.events.map((e) => e.id)).toEqual(forward[0]!.events.map((e) => e.id));
      }
    }
  });

  it("has one page for a short history, and none of another store's dispute", async () => {
    const ctx = await makeStore("hist-short");
    const other = await makeStore("hist-other");
    const { id } = await fileDispute(ctx, facts, { now: t0 });
    await commentOnDispute(ctx, id, "Called the platform.", { now: new Date(t0.getTime() + 60_000) });
    const page = await disputeHistoryPage(ctx, id);
    expect(page.events.map((e) => e.kind)).toEqual(["created", "submitted", "comment"]);
    expect(page).toMatchObject({ total: 3, comments: 1, firstNumber: 1, earlierCursor: null, laterCursor: null });
    // The store is in every read: another store asking for this id finds nothing.
    expect(await disputeHistoryPage(other, id)).toMatchObject({ events: [], total: 0, comments: 0 });
    expect(await latestComments(other, id)).toEqual([]);
    expect(await deadlineEvents(other, id)).toEqual([]);
  });

  it("refuses a position it did not give out", async () => {
    const ctx = await makeStore("hist-bad");
    const { id } = await fileDispute(ctx, facts, { now: t0 });
    for (const cursor of ["nonsense", Buffer.from(JSON.stringify(["12", -1])).toString("base64url"), Buffer.from("[1,2,3]").toString("base64url")]) {
      await expect(disputeHistoryPage(ctx, id, { before: cursor })).rejects.toMatchObject({ code: "invalid_request" });
      await expect(disputeHistoryPage(ctx, id, { after: cursor })).rejects.toMatchObject({ code: "invalid_request" });
    }
  });

  it("reads what depends on the whole history apart from the page: the latest comments, the deadline's steps, the draft's facts", async () => {
    const ctx = await makeStore("hist-apart");
    const id = await longDispute(ctx, 80);
    await overrideDeadline(ctx, id, { deadlineAt: new Date("2026-04-30T10:00:00Z"), reason: "Platform granted more time" }, { now: new Date("2026-03-03T00:00:00Z") });
    await getDb().execute(sql`
      insert into dispute_events (store_id, dispute_id, kind, data, at)
      select ${ctx.store.id}, ${id}, 'assigned', '{}'::jsonb, timestamptz '2026-03-04 00:00:00+00' + n * interval '1 minute' from generate_series(1, 60) n`);
    // The deadline's change lies beyond the latest page, and still says why the deadline is what it is.
    const latest = await disputeHistoryPage(ctx, id);
    expect(latest.events.some((e) => e.kind === "deadline_changed")).toBe(false);
    expect((await deadlineEvents(ctx, id)).map((e) => e.kind)).toEqual(["submitted", "deadline_changed"]);
    expect((await deadlineEvents(ctx, id)).at(-1)!.data).toMatchObject({ reason: "Platform granted more time" });
    // The latest comments are the last written, in the order written, however far back they lie.
    const comments = await latestComments(ctx, id);
    expect(comments).toHaveLength(LATEST_COMMENTS);
    const whole = (await getDispute(ctx, id)).events.filter((e) => e.kind === "comment");
    expect(comments.map((c) => c.id)).toEqual(whole.slice(-LATEST_COMMENTS).map((c) => c.id));
    expect(latest.comments).toBe(80);

    // A draft's last change of facts, as its edit form sends it back.
    const draft = await fileDispute(ctx, facts, { now: t0, draft: true });
    const created = await lastFactsEventId(ctx, draft.id);
    expect(created).toBeDefined();
    await commentOnDispute(ctx, draft.id, "Waiting for the platform's notice.", { now: t0 });
    expect(await lastFactsEventId(ctx, draft.id)).toBe(created);
    await updateDraft(ctx, draft.id, { ...facts, title: "Payout frozen for 30 days" }, { now: t0, seen: created });
    const updated = await lastFactsEventId(ctx, draft.id);
    expect(updated).toBeGreaterThan(created!);
    await expect(updateDraft(ctx, draft.id, { ...facts, title: "Stale edit" }, { now: t0, seen: created })).rejects.toMatchObject({ code: "conflict" });
  });
});
