import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { claimFlashSale } from "@/lib/flash-sales/claims";
import { createFlashSale } from "@/lib/flash-sales/commands";
import { draft, HOUR, makeProduct } from "@/lib/flash-sales/test-helpers";
import { spreadReps } from "@/lib/reps/assignments";
import { ensureUserWithRole } from "@/lib/users/commands";
import { makeStore } from "@/tests/factories";
import { recomputeScores } from "./recompute";

// PGlite serves one transaction at a time, so there nothing runs beside a recompute at all:
// what a recompute lets through is PostgreSQL's to show.
const postgres = process.env.LAOKE_TEST_BACKEND === "postgres";

/** `work`, or "still waiting" when it has not settled after `ms`. */
function within<T>(work: Promise<T>, ms: number): Promise<T | "still waiting"> {
  return Promise.race([work, sleep(ms).then(() => "still waiting" as const)]);
}

describe.skipIf(!postgres)("while a recompute of the store runs", () => {
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

    // A recompute that has done its work and holds its transaction open until released.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let recomputed!: () => void;
    const inside = new Promise<void>((resolve) => (recomputed = resolve));
    const recompute = getDb().transaction(async (tx) => {
      await recomputeScores(ctx.store.id, { db: tx });
      recomputed();
      await released;
    });
    let spread: Promise<unknown> | undefined;
    try {
      await inside;
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
      release();
      await recompute;
    }
    expect(await within(spread!, 3000)).toMatchObject({ assigned: 0 });
  });
});
