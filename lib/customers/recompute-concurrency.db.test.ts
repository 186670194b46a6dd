import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { claimFlashSale } from "@/lib/flash-sales/claims";
import { createFlashSale } from "@/lib/flash-sales/commands";
import { draft, HOUR, makeProduct } from "@/lib/flash-sales/test-helpers";
import { upsertOrders } from "@/lib/imports/ingest";
import { spreadReps } from "@/lib/reps/assignments";
import { ensureUserWithRole } from "@/lib/users/commands";
import { onPostgres, within } from "@/tests/backend";
import { makeStore } from "@/tests/factories";
import { recomputeScores } from "./recompute";


/** A recompute of the store that has done its work and holds its transaction open until released. */
async function holdRecompute(storeId: number): Promise<{ release: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let recomputed!: () => void;
  const inside = new Promise<void>((resolve) => (recomputed = resolve));
  const recompute = getDb().transaction(async (tx) => {
    await recomputeScores(storeId, { db: tx });
    recomputed();
    await released;
  });
  await Promise.race([inside, recompute]);
  return {
    release: async () => {
      release();
      await recompute;
    },
  };
}

describe.skipIf(!onPostgres)("while a recompute of the store runs", () => {
  it("takes a new buyer's flash-sale claim at once, and holds a rep spread until the recompute ends", async () => {
    const ctx = await makeStore("held");
    const staff = await ensureUserWithRole({ storeId: ctx.store.id, email: `rep-${ctx.store.slug}@test.laoke`, password: "staff-password", role: "staff" });
    await recomputeScores(ctx.store.id);
    const product = await makeProduct(ctx, { stock: 10 });
    const { id: saleId } = await createFlashSale(
      ctx,
      product.id,
      draft(new Date(Date.now() - HOUR), { quantity: 10, perCustomerLimit: 2, endsAt: new Date(Date.now() + HOUR) }),
    );

    const recompute = await holdRecompute(ctx.store.id);
    let spread: Promise<unknown> | undefined;
    try {
      // The claim creates the buyer, whose row refers to the store: it must not wait for the scores.
      const claim = await within(
        claimFlashSale(ctx, saleId, { customerExternalId: "NEW-1", customerName: "新买家", quantity: 1, idempotencyKey: "held-1" }),
        3000,
      );
      expect(claim).toMatchObject({ ok: true, quantity: 1 });

      // A spread of the reps reads the high-value flags the recompute is writing: it waits.
      spread = spreadReps(ctx, [staff.userId]);
      expect(await within(spread, 500)).toBe("still waiting");
    } finally {
      await recompute.release();
    }
    expect(await within(spread!, 3000)).toMatchObject({ assigned: 0 });
  });

  it("times the next recompute's own work, not its wait for this one", async () => {
    const ctx = await makeStore("held-time");
    await recomputeScores(ctx.store.id);
    const recompute = await holdRecompute(ctx.store.id);
    let next: ReturnType<typeof recomputeScores> | undefined;
    try {
      next = recomputeScores(ctx.store.id);
      expect(await within(next, 1500)).toBe("still waiting");
    } finally {
      await recompute.release();
    }
    expect((await next!).tookMs).toBeLessThan(1000);
  });

  it("writes a batch's orders for a customer it took off the rescore queue at once; only the batch's own recompute waits", async () => {
    const ctx = await makeStore("held-queue");
    const order = (externalId: string) => ({
      externalId,
      customer: { externalId: "repeat-buyer" },
      placedAt: new Date(Date.now() - HOUR),
      status: "paid" as const,
      items: [{ productExternalId: "P1", productName: "P1", quantity: 1, unitPrice: 1000 }],
    });
    await upsertOrders(ctx, { orders: [order("Q-1")] });
    // The buyer queued again (as any write of theirs queues them), for the recompute to take.
    await getDb().execute(sql`insert into rescore_queue (store_id, customer_id) select store_id, id from customers where store_id = ${ctx.store.id}`);

    const recompute = await holdRecompute(ctx.store.id);
    let batch: Promise<unknown> | undefined;
    try {
      batch = upsertOrders(ctx, { orders: [order("Q-2")] });
      // Seen from another connection within 3 s: the batch's transaction committed.
      const written = async () => {
        for (let tries = 0; tries < 60; tries++) {
          const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from orders where store_id = ${ctx.store.id} and external_id = 'Q-2'`);
          if (rows[0]!.n === 1) return "written";
          await sleep(50);
        }
        return "not written";
      };
      expect(await written()).toBe("written");
      expect(await within(batch, 300)).toBe("still waiting");
    } finally {
      await recompute.release();
    }
    expect(await within(batch!, 5000)).toMatchObject({ created: 1 });
  });
});

describe("recomputes asked for at once", () => {
  it("share the next run after the one under way", async () => {
    const ctx = await makeStore("held-share");
    await recomputeScores(ctx.store.id);
    const runs = sql`select count(*)::int as n from score_runs where store_id = ${ctx.store.id}`;
    const before = (await getDb().execute<{ n: number }>(runs)).rows[0]!.n;
    const results = await Promise.all(Array.from({ length: 6 }, () => recomputeScores(ctx.store.id)));
    expect(new Set(results.slice(1).map((r) => r.runId)).size).toBe(1);
    expect((await getDb().execute<{ n: number }>(runs)).rows[0]!.n - before).toBe(2);
  });
});
