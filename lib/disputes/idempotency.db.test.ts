import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { disputeEvents, disputes } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import type { DisputeFacts } from "@/lib/validation/disputes";
import { makeStore } from "@/tests/factories";
import { fileDispute, withdrawDispute } from "./commands";

const complaint: DisputeFacts = {
  type: "malicious_competition",
  title: "Fake bad reviews",
  description: "A rival shop posts one-star reviews from new accounts.",
  amountAtStake: 300_000,
  counterparty: { name: "Shop Y", kind: "competitor" },
};

async function filedIn(ctx: StoreContext) {
  const rows = await getDb()
    .select({ id: disputes.id, title: disputes.title })
    .from(disputes)
    .where(eq(disputes.storeId, ctx.store.id))
    .orderBy(disputes.id);
  return rows;
}

async function eventsOf(ctx: StoreContext, id: number) {
  const rows = await getDb()
    .select({ kind: disputeEvents.kind })
    .from(disputeEvents)
    .where(and(eq(disputeEvents.storeId, ctx.store.id), eq(disputeEvents.disputeId, id)));
  return rows.map((r) => r.kind);
}

describe("filing a dispute under an idempotency key", () => {
  it("answers a retry with the dispute the first request filed, and files nothing more", async () => {
    const ctx = await makeStore("didem");
    const first = await fileDispute(ctx, complaint, { idempotencyKey: "erp-7781" });
    expect(first).toEqual({ id: expect.any(Number), status: "submitted", replayed: false });
    // The same request as the API reads it, its keys in another order.
    const { counterparty, ...rest } = complaint;
    const retry = await fileDispute(ctx, { counterparty, ...rest }, { idempotencyKey: "erp-7781" });
    expect(retry).toEqual({ id: first.id, status: "submitted", replayed: true });
    expect(await filedIn(ctx)).toHaveLength(1);
    expect(await eventsOf(ctx, first.id)).toEqual(["created", "submitted"]);

    // Answered as the dispute is now: withdrawn since, a retry says so and files nothing.
    await withdrawDispute(ctx, first.id, { reason: "Settled with the rival" });
    expect(await fileDispute(ctx, complaint, { idempotencyKey: "erp-7781" })).toEqual({ id: first.id, status: "withdrawn", replayed: true });
    expect(await filedIn(ctx)).toHaveLength(1);
  });

  it("refuses the key with another request (409) and files nothing; without a key every request files", async () => {
    const ctx = await makeStore("didem");
    const first = await fileDispute(ctx, complaint, { idempotencyKey: "erp-1" });
    for (const [facts, draft] of [
      [{ ...complaint, amountAtStake: 300_001 }, false],
      [{ ...complaint, title: "Another case" }, false],
      // The same facts saved as a draft are another request.
      [complaint, true],
    ] as const) {
      await expect(fileDispute(ctx, facts, { idempotencyKey: "erp-1", draft })).rejects.toMatchObject({
        code: "conflict",
        status: 409,
        message: expect.stringContaining(`already used to file dispute #${first.id} with a different request`),
        details: [{ path: "Idempotency-Key", message: `Already used for dispute #${first.id} with a different body` }],
      });
    }
    expect((await filedIn(ctx)).map((d) => d.id)).toEqual([first.id]);
    await fileDispute(ctx, complaint);
    await fileDispute(ctx, complaint);
    expect(await filedIn(ctx)).toHaveLength(3);
  });

  it("keeps keys per store, and a refused request leaves its key unused", async () => {
    const a = await makeStore("didem");
    const b = await makeStore("didem");
    const inA = await fileDispute(a, complaint, { idempotencyKey: "shared-key" });
    const inB = await fileDispute(b, { ...complaint, title: "Store B's own case" }, { idempotencyKey: "shared-key" });
    expect(inB.replayed).toBe(false);
    expect(inB.id).not.toBe(inA.id);

    // Refused for a missing counterparty: nothing is kept under the key, so the corrected request files.
    const { counterparty: _, ...without } = complaint;
    await expect(fileDispute(a, without, { idempotencyKey: "erp-2" })).rejects.toMatchObject({ code: "invalid" });
    const corrected = await fileDispute(a, complaint, { idempotencyKey: "erp-2" });
    expect(corrected.replayed).toBe(false);
    expect(await filedIn(a)).toHaveLength(2);
  });

  it("files one dispute when the same request arrives several times at once", async () => {
    const ctx = await makeStore("didem");
    const results = await Promise.all(Array.from({ length: 4 }, () => fileDispute(ctx, complaint, { idempotencyKey: "burst" })));
    const filed = await filedIn(ctx);
    expect(filed).toHaveLength(1);
    expect(results.map((r) => r.id)).toEqual(results.map(() => filed[0]!.id));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await eventsOf(ctx, filed[0]!.id)).toEqual(["created", "submitted"]);
  });

  it("files one dispute when two different requests share a key at once, refusing the other", async () => {
    const ctx = await makeStore("didem");
    const settled = await Promise.allSettled([
      fileDispute(ctx, complaint, { idempotencyKey: "race" }),
      fileDispute(ctx, { ...complaint, title: "Second thoughts" }, { idempotencyKey: "race" }),
    ]);
    const filed = await filedIn(ctx);
    expect(filed).toHaveLength(1);
    expect(settled.filter((s) => s.status === "fulfilled").map((s) => (s as PromiseFulfilledResult<{ id: number }>).value.id)).toEqual([filed[0]!.id]);
    expect(settled.filter((s) => s.status === "rejected").map((s) => (s as PromiseRejectedResult).reason.code)).toEqual(["conflict"]);
    const { rows } = await getDb().execute(sql`select count(*)::int as n from dispute_events where store_id = ${ctx.store.id}`);
    expect(rows[0]!.n).toBe(2);
  });
});
