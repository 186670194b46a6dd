import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import type { AppError } from "@/lib/errors";
import { upsertOrders, upsertReturns } from "@/lib/imports/ingest";
import { setScoreTier } from "@/lib/pricing/pricing-test-data";
import type { StoreContext } from "@/lib/stores/context";
import { asStaff, makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";
import { adjustPoints, listPointsEntries, pointsBalance, redeemPoints } from "./ledger";
import { pointsOutstanding } from "./queries";
import { findPointsRules, savePointsRules } from "./rules";
import { settlePoints } from "./settle";
import { refusal } from "@/tests/refusal";
import { storeDateTime } from "@/lib/store-time";

const rules = { enabled: true, earnRate: 1, expiryMonths: 12, redeemRate: 100, ordinary: 1, silver: 1, gold: 1.5, diamond: 2, crown: 3 };
const programmeStart = new Date("2026-01-01T00:00:00Z");

async function pointsStore(overrides: Partial<typeof rules> = {}) {
  const ctx = await makeStore("pts");
  await savePointsRules(ctx, { ...rules, ...overrides }, programmeStart);
  return ctx;
}

async function entries(ctx: StoreContext, customerId: number) {
  const { rows } = await getDb().execute<{ kind: string; points: number }>(sql`
    select kind, points::float8 as points from points_entries where store_id = ${ctx.store.id} and customer_id = ${customerId} order by id`);
  return rows.map((r) => [r.kind, r.points]);
}


/** The ledger as the customer page lists it, oldest first: what, how many points, of which order or return. */
async function ledgerSeen(ctx: StoreContext, customerId: number) {
  return (await listPointsEntries(ctx, customerId)).reverse().map((e) => [e.kind, e.points, e.returnExternalId ?? e.orderExternalId]);
}

const order = (externalId: string, status: "paid" | "cancelled", unitPrice = 12345) => ({
  orders: [
    {
      externalId,
      customer: { externalId: "buyer-1" },
      placedAt: new Date("2026-06-01T10:00:00Z"),
      status,
      items: [{ productExternalId: "SKU-1", quantity: 1, unitPrice }],
    },
  ],
});

async function customerId(ctx: StoreContext, externalId: string) {
  const { rows } = await getDb().execute<{ id: number }>(
    sql`select id::int as id from customers where store_id = ${ctx.store.id} and external_id = ${externalId}`,
  );
  return rows[0]!.id;
}

describe("points earned from paid orders", () => {
  it("earns exactly once per order, even when the order is upserted twice, and reverses a cancelled one", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "paid"));
    await upsertOrders(ctx, order("O-1", "paid"));
    const id = await customerId(ctx, "buyer-1");
    // ¥123.45 × 1 point per yuan, floored
    expect(await entries(ctx, id)).toEqual([["earn", 123]]);
    await recomputeScores(ctx.store.id);
    expect(await entries(ctx, id)).toEqual([["earn", 123]]);

    await upsertOrders(ctx, order("O-1", "cancelled"));
    await upsertOrders(ctx, order("O-1", "cancelled"));
    expect(await entries(ctx, id)).toEqual([["earn", 123], ["reversal", -123]]);
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(0);
  });

  it("earns on an order of billions of yuan, and the store's batches and recomputes go on", async () => {
    const ctx = await pointsStore();
    // ¥3,000,000,000 (30 lines of 10,000 × ¥10,000, each the most a line may be): 3 billion
    // points, past the range of an integer, which failed this batch and every later recompute.
    const lines = Array.from({ length: 30 }, (_, i) => ({ productExternalId: `SKU-${i + 1}`, quantity: 10_000, unitPrice: 1_000_000 }));
    await upsertOrders(ctx, { orders: [{ ...order("BIG-1", "paid").orders[0]!, items: lines }] });
    const id = await customerId(ctx, "buyer-1");
    expect(await entries(ctx, id)).toEqual([["earn", 3_000_000_000]]);
    await upsertOrders(ctx, order("O-2", "paid"));
    expect(await entries(ctx, id)).toEqual([["earn", 3_000_000_000], ["earn", 123]]);
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(3_000_000_123);
    await expect(recomputeScores(ctx.store.id)).resolves.toMatchObject({ customers: 1 });
  });

  it("earns nothing for orders before the programme started or while it is switched off", async () => {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    const before = await d.order("A", "2025-12-31T23:59:59Z", 10000);
    await d.order("A", "2026-01-01T00:00:00Z", 20000);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-02-01T00:00:00Z"));
    const id = await d.customer("A");
    expect(await entries(ctx, id)).toEqual([["earn", 200]]);
    expect(before).toBeGreaterThan(0);

    const off = await pointsStore({ enabled: false });
    const e = storeData(off);
    await e.order("B", "2026-03-01T00:00:00Z", 20000);
    await settlePoints(getDb(), off.store.id, new Date("2026-04-01T00:00:00Z"));
    expect(await entries(off, await e.customer("B"))).toEqual([]);

    // Switched on again on 1 May: the March order still earns nothing, a May one does.
    await savePointsRules(off, { ...rules, enabled: true }, new Date("2026-05-01T00:00:00Z"));
    await e.order("B", "2026-05-02T00:00:00Z", 10000);
    await settlePoints(getDb(), off.store.id, new Date("2026-05-03T00:00:00Z"));
    expect(await entries(off, await e.customer("B"))).toEqual([["earn", 100]]);
  });

  it("earns, once switched on again, for orders placed before it was switched off, whenever they arrive", async () => {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    await savePointsRules(ctx, { ...rules, enabled: false }, new Date("2026-07-01T00:00:00Z"));
    // Imported while off: one placed in June, while points were on, one in July, while off.
    await d.order("A", "2026-06-15T00:00:00Z", 10000);
    await d.order("A", "2026-07-15T00:00:00Z", 20000);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-07-20T00:00:00Z"));
    const id = await d.customer("A");
    expect(await entries(ctx, id)).toEqual([]);

    await savePointsRules(ctx, rules, new Date("2026-08-01T00:00:00Z"));
    await d.order("A", "2026-08-02T00:00:00Z", 40000);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-08-03T00:00:00Z"));
    expect(await entries(ctx, id)).toEqual([["earn", 100], ["earn", 400]]);
    // Edited while on, and off and on once more: the July pause is kept, a second one added.
    await savePointsRules(ctx, { ...rules, earnRate: 2 }, new Date("2026-08-05T00:00:00Z"));
    await savePointsRules(ctx, { ...rules, enabled: false }, new Date("2026-09-01T00:00:00Z"));
    await savePointsRules(ctx, rules, new Date("2026-09-10T00:00:00Z"));
    expect((await findPointsRules(getDb(), ctx.store.id))!.paused).toEqual([
      { from: new Date("2026-07-01T00:00:00Z"), to: new Date("2026-08-01T00:00:00Z") },
      { from: new Date("2026-09-01T00:00:00Z"), to: new Date("2026-09-10T00:00:00Z") },
    ]);
    await d.order("A", "2026-09-05T00:00:00Z", 80000);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-09-11T00:00:00Z"));
    expect(await entries(ctx, id)).toEqual([["earn", 100], ["earn", 400]]);
  });

  it("still takes back, while switched off, the points of orders cancelled or returned since", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "paid", 20000));
    await upsertOrders(ctx, order("O-2", "paid", 30000));
    const id = await customerId(ctx, "buyer-1");
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(500);

    await savePointsRules(ctx, { ...rules, enabled: false }, new Date("2026-07-01T00:00:00Z"));
    await upsertOrders(ctx, order("O-1", "cancelled", 20000));
    await upsertReturns(ctx, {
      returns: [{ externalId: "R-1", customerExternalId: "buyer-1", orderExternalId: "O-2", type: "refund_only", amount: 10000, requestedAt: new Date("2026-07-02T00:00:00Z"), status: "completed" }],
    });
    // A new paid order earns nothing while off.
    await upsertOrders(ctx, order("O-3", "paid", 40000));
    expect(await ledgerSeen(ctx, id)).toEqual([
      ["earn", 200, "O-1"],
      ["earn", 300, "O-2"],
      ["reversal", -200, "O-1"],
      ["reversal", -100, "R-1"],
    ]);
    // 500 - 200 - 300 × ¥100 / ¥300
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(200);
  });

  it("multiplies by the customer's tier", async () => {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    await d.order("G", "2026-03-01T00:00:00Z", 10000);
    const id = await d.customer("G");
    await setScoreTier(ctx, id, "gold");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-04-01T00:00:00Z"));
    expect(await entries(ctx, id)).toEqual([["earn", 150]]);
  });

  it("reverses completed returns in proportion to the order, once, and never below a zero balance", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-9", "paid", 20000));
    const id = await customerId(ctx, "buyer-1");
    const ret = (status: "requested" | "completed", amount = 5000) => ({
      returns: [{ externalId: "R-1", customerExternalId: "buyer-1", orderExternalId: "O-9", type: "refund_only" as const, amount, requestedAt: new Date("2026-06-02T00:00:00Z"), status }],
    });
    await upsertReturns(ctx, ret("requested"));
    expect(await entries(ctx, id)).toEqual([["earn", 200]]);
    await upsertReturns(ctx, ret("completed"));
    await upsertReturns(ctx, ret("completed"));
    expect(await entries(ctx, id)).toEqual([["earn", 200], ["reversal", -50]]);

    // Spend the rest, then a second return may only take what is left: nothing.
    await redeemPoints(ctx, { customerId: id, points: 150 });
    await upsertReturns(ctx, {
      returns: [{ externalId: "R-2", customerExternalId: "buyer-1", orderExternalId: "O-9", type: "refund_only", amount: 15000, requestedAt: new Date("2026-06-03T00:00:00Z"), status: "completed" }],
    });
    expect(await entries(ctx, id)).toEqual([["earn", 200], ["reversal", -50], ["redeem", -150], ["reversal", 0]]);
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(0);
  });
});

// A recompute settles the points of the customers it rescores alone (those written since the
// last run, and those whose orders reached their time), while the rules stay as they were.
describe("settling the customers a recompute rescores", () => {
  it("settles every order again once the rules are saved: an order that arrived while points were off earns when they are on, nothing of its customer written since", async () => {
    const ctx = await pointsStore();
    await savePointsRules(ctx, { ...rules, enabled: false }, new Date("2026-07-01T00:00:00Z"));
    // Placed on 1 June, while points were on; it arrives while they are off (its batch settles it: nothing yet).
    await upsertOrders(ctx, order("O-1", "paid"));
    const id = await customerId(ctx, "buyer-1");
    await recomputeScores(ctx.store.id);
    expect(await entries(ctx, id)).toEqual([]);
    await savePointsRules(ctx, rules, new Date("2026-08-01T00:00:00Z"));
    await recomputeScores(ctx.store.id);
    expect(await entries(ctx, id)).toEqual([["earn", 123]]);
  });

  it("earns on an order placed ahead of the clock once a recompute reaches its time, nothing written since", async () => {
    const ctx = await pointsStore();
    const placedAt = new Date(Date.now() + 3_600_000);
    await upsertOrders(ctx, { orders: [{ ...order("O-1", "paid").orders[0]!, placedAt }] });
    const id = await customerId(ctx, "buyer-1");
    expect(await entries(ctx, id)).toEqual([]);
    await recomputeScores(ctx.store.id, { asOf: new Date(placedAt.getTime() + 60_000) });
    expect(await entries(ctx, id)).toEqual([["earn", 123]]);
  });

  it("leaves nothing for a settlement of every order after moves, cancellations and returns settled customer by customer", async () => {
    // One point a yuan whatever the tier the three buyers' scores give them.
    const ctx = await pointsStore({ gold: 1, diamond: 1, crown: 1 });
    const mine = (externalId: string, buyer: string, status: "paid" | "cancelled", unitPrice = 12345) => ({
      orders: [{ ...order(externalId, status, unitPrice).orders[0]!, customer: { externalId: buyer } }],
    });
    await upsertOrders(ctx, mine("O-1", "buyer-1", "paid"));
    await upsertOrders(ctx, mine("O-2", "buyer-2", "paid", 50000));
    await upsertOrders(ctx, mine("O-3", "buyer-3", "paid", 7000));
    // O-1 moves to buyer-2 (a corrected customer id), O-2 is cancelled, O-3 costs more, and a return of O-3 completes.
    await upsertOrders(ctx, mine("O-1", "buyer-2", "paid"));
    await upsertOrders(ctx, mine("O-2", "buyer-2", "cancelled", 50000));
    await upsertOrders(ctx, mine("O-3", "buyer-3", "paid", 9000));
    await upsertReturns(ctx, {
      returns: [{ externalId: "R-1", customerExternalId: "buyer-3", orderExternalId: "O-3", type: "refund_only", amount: 4500, requestedAt: new Date("2026-06-05T10:00:00Z"), status: "completed" }],
    });
    await recomputeScores(ctx.store.id);
    const balances = await Promise.all(["buyer-1", "buyer-2", "buyer-3"].map(async (b) => pointsBalance(getDb(), ctx.store.id, await customerId(ctx, b))));
    expect(balances).toEqual([0, 123, 45]);
    expect(await settlePoints(getDb(), ctx.store.id, new Date())).toMatchObject({ earned: 0, reversed: 0, corrected: 0, moved: 0 });
  });
});

describe("points follow corrected statuses and amounts", () => {
  const ret = (status: "requested" | "completed" | "rejected", amount = 15000) => ({
    returns: [{ externalId: "R-1", customerExternalId: "buyer-1", orderExternalId: "O-1", type: "refund_only" as const, amount, requestedAt: new Date("2026-06-02T00:00:00Z"), status }],
  });

  it("gives a return's reversal back when it is rejected after completing, and takes it again when it completes again", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "paid", 20000));
    await upsertOrders(ctx, order("O-2", "paid", 30000));
    const id = await customerId(ctx, "buyer-1");
    await upsertReturns(ctx, ret("completed"));
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(350);
    await upsertReturns(ctx, ret("rejected"));
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(500);
    await upsertReturns(ctx, ret("completed"));
    expect(await ledgerSeen(ctx, id)).toEqual([
      ["earn", 200, "O-1"],
      ["earn", 300, "O-2"],
      ["reversal", -150, "R-1"],
      ["restore", 150, "R-1"],
      ["reversal", -150, "R-1"],
    ]);
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(350);
    expect(await pointsOutstanding(getDb(), ctx.store.id)).toEqual({ points: 350, holders: 1 });
  });

  it("earns again on an order set back to paid after its cancellation", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "paid"));
    await upsertOrders(ctx, order("O-1", "cancelled"));
    await upsertOrders(ctx, order("O-1", "paid"));
    const id = await customerId(ctx, "buyer-1");
    expect(await ledgerSeen(ctx, id)).toEqual([["earn", 123, "O-1"], ["reversal", -123, "O-1"], ["restore", 123, "O-1"]]);
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(123);
    await upsertOrders(ctx, order("O-1", "cancelled"));
    expect((await ledgerSeen(ctx, id)).at(-1)).toEqual(["reversal", -123, "O-1"]);
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(0);
  });

  it("follows a change of a paid order's amount and of a completed return's, at the rate the order first earned", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "paid", 20000));
    const id = await customerId(ctx, "buyer-1");
    // Gold now: the order keeps the multiplier it earned at, its corrections too.
    await setScoreTier(ctx, id, "gold");
    await upsertOrders(ctx, order("O-1", "paid", 30000));
    await upsertOrders(ctx, order("O-1", "paid", 25000));
    await upsertReturns(ctx, ret("completed", 5000));
    await upsertReturns(ctx, ret("completed", 10000));
    expect(await ledgerSeen(ctx, id)).toEqual([
      ["earn", 200, "O-1"],
      ["amount_change", 100, "O-1"],
      ["amount_change", -50, "O-1"],
      ["reversal", -50, "R-1"],
      ["amount_change", -50, "R-1"],
    ]);
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(150);
  });

  it("writes nothing when settled again, nor when the rules or the tier change", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "paid", 20000));
    await upsertOrders(ctx, order("O-2", "cancelled", 20000));
    await upsertReturns(ctx, ret("completed"));
    await upsertReturns(ctx, ret("rejected"));
    const id = await customerId(ctx, "buyer-1");
    const before = await entries(ctx, id);
    await expect(settlePoints(getDb(), ctx.store.id, new Date())).resolves.toEqual({ earned: 0, reversed: 0, corrected: 0, moved: 0, expired: 0 });
    await savePointsRules(ctx, { ...rules, earnRate: 2 }, new Date());
    await recomputeScores(ctx.store.id);
    await setScoreTier(ctx, id, "crown");
    await settlePoints(getDb(), ctx.store.id, new Date());
    expect(await entries(ctx, id)).toEqual(before);
    expect(before).toEqual([["earn", 200], ["reversal", -150], ["restore", 150]]);
  });

  it("gives back only what a reversal took: a cancellation capped at the balance restores what it took", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "paid"));
    const id = await customerId(ctx, "buyer-1");
    await redeemPoints(ctx, { customerId: id, points: 100 });
    await upsertOrders(ctx, order("O-1", "cancelled"));
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(0);
    await upsertOrders(ctx, order("O-1", "paid"));
    expect(await entries(ctx, id)).toEqual([["earn", 123], ["redeem", -100], ["reversal", -23], ["restore", 23]]);
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(23);
  });

  it("lets points an order earns again expire at once when its expiry has passed", async () => {
    const ctx = await pointsStore({ expiryMonths: 1 });
    const d = storeData(ctx);
    const first = await d.order("E", "2026-02-10T08:00:00Z", 10000); // 100 points, expire 2026-03-10T08:00Z
    const id = await d.customer("E");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-02-11T00:00:00Z"));
    const setStatus = (status: string) => getDb().execute(sql`update orders set status = ${status} where store_id = ${ctx.store.id} and id = ${first}`);
    await setStatus("cancelled");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-01T00:00:00Z"));
    await setStatus("paid");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-15T00:00:00Z"));
    expect(await entries(ctx, id)).toEqual([["earn", 100], ["reversal", -100], ["restore", 100], ["expiry", -100]]);
    expect(await pointsBalance(getDb(), ctx.store.id, id, new Date("2026-03-15T00:00:00Z"))).toBe(0);
    // Expired while cancelled, paid again: nothing comes back.
    await setStatus("cancelled");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-16T00:00:00Z"));
    await setStatus("paid");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-17T00:00:00Z"));
    expect((await entries(ctx, id)).slice(4)).toEqual([["reversal", 0], ["restore", 0]]);
    expect(await pointsBalance(getDb(), ctx.store.id, id, new Date("2026-03-17T00:00:00Z"))).toBe(0);
  });
});

describe("points ledgers written before corrections", () => {
  it("are deemed settled where their entries match the status, and corrected where they do not", async () => {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    const S = ctx.store.id;
    const stillPaid = await d.order("P", "2026-03-01T00:00:00Z", 10000);
    const stillCancelled = await d.order("P", "2026-03-02T00:00:00Z", 10000, "cancelled");
    const paidAgain = await d.order("P", "2026-03-03T00:00:00Z", 10000);
    const id = await d.customer("P");
    const ret = async (externalId: string, status: string, amount: number) => {
      const { rows } = await getDb().execute<{ id: number }>(sql`
        insert into returns (store_id, external_id, customer_id, order_id, type, amount, requested_at, status)
        values (${S}, ${externalId}, ${id}, ${stillPaid}, 'refund_only', ${amount}, '2026-03-05T00:00:00Z', ${status})
        returning id::int as id`);
      return rows[0]!.id;
    };
    const stillCompleted = await ret("R-1", "completed", 5000);
    const rejected = await ret("R-2", "rejected", 3000);
    // As the settlement before wrote them (no due), with the basis migration 0035 gave them.
    const expires = "2027-03-01T00:00:00Z";
    await getDb().execute(sql`
      insert into points_entries (store_id, customer_id, kind, points, occurred_at, expires_at, order_id, return_id, basis) values
        (${S}, ${id}, 'earn', 100, '2026-03-01T00:00:00Z', ${expires}, ${stillPaid}, null, 10000),
        (${S}, ${id}, 'earn', 100, '2026-03-02T00:00:00Z', ${expires}, ${stillCancelled}, null, 10000),
        (${S}, ${id}, 'earn', 100, '2026-03-03T00:00:00Z', ${expires}, ${paidAgain}, null, 10000),
        (${S}, ${id}, 'reversal', -100, '2026-03-04T00:00:00Z', ${expires}, ${stillCancelled}, null, null),
        (${S}, ${id}, 'reversal', -100, '2026-03-04T00:00:00Z', ${expires}, ${paidAgain}, null, null),
        (${S}, ${id}, 'reversal', -50, '2026-03-06T00:00:00Z', ${expires}, ${stillPaid}, ${stillCompleted}, null),
        (${S}, ${id}, 'reversal', -30, '2026-03-06T00:00:00Z', ${expires}, ${stillPaid}, ${rejected}, null)`);
    const at = new Date("2026-04-01T00:00:00Z");
    await expect(settlePoints(getDb(), S, at)).resolves.toEqual({ earned: 0, reversed: 0, corrected: 2, moved: 0, expired: 0 });
    expect((await entries(ctx, id)).slice(7)).toEqual([["restore", 30], ["restore", 100]]);
    expect(await pointsBalance(getDb(), S, id, at)).toBe(150);
    await expect(settlePoints(getDb(), S, at)).resolves.toEqual({ earned: 0, reversed: 0, corrected: 0, moved: 0, expired: 0 });
  });

  it("follow a later correction of the order's total with the reversals of its returns, as reckoned on the basis of its earning", async () => {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    const S = ctx.store.id;
    const first = await d.order("P", "2026-03-01T00:00:00Z", 10000);
    await d.order("P", "2026-03-10T00:00:00Z", 50000); // 500 points of P's own
    const id = await d.customer("P");
    const ret = async (externalId: string, amount: number) => {
      const { rows } = await getDb().execute<{ id: number }>(sql`
        insert into returns (store_id, external_id, customer_id, order_id, type, amount, requested_at, status)
        values (${S}, ${externalId}, ${id}, ${first}, 'refund_only', ${amount}, '2026-03-05T00:00:00Z', 'completed')
        returning id::int as id`);
      return rows[0]!.id;
    };
    const r1 = await ret("R-1", 6000);
    const r2 = await ret("R-2", 5000);
    // Before 0035: the order earned 100; its returns took 60, then the 40 left of them.
    const expires = "2027-03-01T00:00:00Z";
    await getDb().execute(sql`
      insert into points_entries (store_id, customer_id, kind, points, occurred_at, expires_at, order_id, return_id, basis) values
        (${S}, ${id}, 'earn', 100, '2026-03-01T00:00:00Z', ${expires}, ${first}, null, 10000),
        (${S}, ${id}, 'reversal', -60, '2026-03-06T00:00:00Z', ${expires}, ${first}, ${r1}, null),
        (${S}, ${id}, 'reversal', -40, '2026-03-06T00:00:00Z', ${expires}, ${first}, ${r2}, null)`);
    const at = new Date("2026-04-01T00:00:00Z");
    const nothing = { earned: 0, reversed: 0, corrected: 0, moved: 0, expired: 0 };
    await settlePoints(getDb(), S, at);
    expect(await pointsBalance(getDb(), S, id, at)).toBe(500);
    await expect(settlePoints(getDb(), S, at)).resolves.toEqual(nothing);

    const total = (minor: number) => getDb().execute(sql`update orders set total = ${minor} where store_id = ${S} and id = ${first}`);
    // ¥40: the order earns 40, and its returns take no more than that (40, then nothing).
    await total(4000);
    await settlePoints(getDb(), S, at);
    expect((await entries(ctx, id)).slice(4)).toEqual([["amount_change", 20], ["amount_change", 40], ["amount_change", -60]]);
    expect(await pointsBalance(getDb(), S, id, at)).toBe(500);
    // ¥200: 200 earned, 60 and 50 taken back.
    await total(20000);
    await settlePoints(getDb(), S, at);
    expect(await pointsBalance(getDb(), S, id, at)).toBe(590);
    await expect(settlePoints(getDb(), S, at)).resolves.toEqual(nothing);
  });
});

describe("points expiry", () => {
  it("expires what is left of points at their expiry moment, first in first out, once", async () => {
    const ctx = await pointsStore({ expiryMonths: 1 });
    const d = storeData(ctx);
    await d.order("E", "2026-02-10T08:00:00Z", 10000); // 100 points, expire 2026-03-10T08:00Z
    await d.order("E", "2026-02-20T08:00:00Z", 5000); // 50 points, expire 2026-03-20T08:00Z
    const id = await d.customer("E");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-02-21T00:00:00Z"));
    await redeemPoints(ctx, { customerId: id, points: 30 }, new Date("2026-02-22T00:00:00Z"));

    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-10T07:59:59.999Z"));
    expect(await pointsBalance(getDb(), ctx.store.id, id, new Date("2026-03-10T07:59:59.999Z"))).toBe(120);
    // Past the expiry the balance no longer counts them, even before the recompute writes them off.
    expect(await pointsBalance(getDb(), ctx.store.id, id, new Date("2026-03-10T08:00:00Z"))).toBe(50);
    expect(await pointsOutstanding(getDb(), ctx.store.id, new Date("2026-03-10T08:00:00Z"))).toEqual({ points: 50, holders: 1 });
    // At the boundary: the first 100 less the 30 spent (which came out of them) expire.
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-10T08:00:00Z"));
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-15T00:00:00Z"));
    expect(await entries(ctx, id)).toEqual([["earn", 100], ["earn", 50], ["redeem", -30], ["expiry", -70]]);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-20T08:00:00Z"));
    expect((await entries(ctx, id)).at(-1)).toEqual(["expiry", -50]);
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(0);
  });

  it("expires points N months later on the store's calendar, not UTC's", async () => {
    const ctx = await pointsStore({ expiryMonths: 1 }); // Asia/Shanghai
    const d = storeData(ctx);
    // 31 March 02:00 in Shanghai is 30 March in UTC: a month on, 30 April 02:00 in Shanghai
    // (April has no 31st), not 30 April in UTC, which in Shanghai is 1 May.
    await d.order("E", "2026-03-30T18:00:00Z", 10000);
    const id = await d.customer("E");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-04-01T00:00:00Z"));
    // A hand adjustment on 31 January 03:00 in Shanghai expires on 28 February 03:00, not on 1 March.
    await adjustPoints(ctx, { customerId: id, points: 5, reason: "Goodwill" }, new Date("2026-01-30T19:00:00Z"));
    const expiries = (await listPointsEntries(ctx, id)).map((e) => [e.kind, e.expiresAt && storeDateTime(e.expiresAt, "Asia/Shanghai")]);
    expect(expiries.sort()).toEqual([["adjustment", "2026-02-28 03:00"], ["earn", "2026-04-30 02:00"]]);
  });

  it("takes a cancelled order's points from that order alone, so older points still expire on time", async () => {
    const ctx = await pointsStore({ expiryMonths: 1 });
    const d = storeData(ctx);
    await d.order("F", "2026-02-10T08:00:00Z", 10000); // 100 points, expire 2026-03-10T08:00Z
    const later = await d.order("F", "2026-03-01T08:00:00Z", 10000); // 100 points, expire 2026-04-01T08:00Z
    const id = await d.customer("F");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-02T00:00:00Z"));
    await getDb().execute(sql`update orders set status = 'cancelled' where store_id = ${ctx.store.id} and id = ${later}`);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-03T00:00:00Z"));
    // Counted against the oldest points, the reversal kept the first 100 alive past 10 March.
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-15T00:00:00Z"));
    expect(await entries(ctx, id)).toEqual([["earn", 100], ["earn", 100], ["reversal", -100], ["expiry", -100]]);
    expect(await pointsBalance(getDb(), ctx.store.id, id, new Date("2026-03-15T00:00:00Z"))).toBe(0);
  });

  it("takes a cancelled order's points from that order alone when they were earned without an expiry", async () => {
    const ctx = await pointsStore({ expiryMonths: 0 });
    const d = storeData(ctx);
    const first = await d.order("H", "2026-02-01T08:00:00Z", 10000); // 100 points, never expiring
    const id = await d.customer("H");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-02-02T00:00:00Z"));
    await savePointsRules(ctx, { ...rules, expiryMonths: 1 }, new Date("2026-02-05T00:00:00Z"));
    await d.order("H", "2026-02-10T08:00:00Z", 10000); // 100 points, expire 2026-03-10T08:00Z
    await settlePoints(getDb(), ctx.store.id, new Date("2026-02-11T00:00:00Z"));
    await getDb().execute(sql`update orders set status = 'cancelled' where store_id = ${ctx.store.id} and id = ${first}`);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-02-12T00:00:00Z"));
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-15T00:00:00Z"));
    expect(await entries(ctx, id)).toEqual([["earn", 100], ["earn", 100], ["reversal", -100], ["expiry", -100]]);
  });

  it("gives back nothing for an order whose points have expired, leaving the customer's other points", async () => {
    const ctx = await pointsStore({ expiryMonths: 1 });
    const d = storeData(ctx);
    const first = await d.order("L", "2026-02-10T08:00:00Z", 10000); // 100 points, expire 2026-03-10T08:00Z
    await d.order("L", "2026-03-01T08:00:00Z", 10000); // 100 points, expire 2026-04-01T08:00Z
    const id = await d.customer("L");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-15T00:00:00Z"));
    await getDb().execute(sql`update orders set status = 'cancelled' where store_id = ${ctx.store.id} and id = ${first}`);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-16T00:00:00Z"));
    expect(await entries(ctx, id)).toEqual([["earn", 100], ["earn", 100], ["expiry", -100], ["reversal", 0]]);
    expect(await pointsBalance(getDb(), ctx.store.id, id, new Date("2026-03-16T00:00:00Z"))).toBe(100);
  });

  it("never lets points past their expiry be redeemed, though no recompute has written them off", async () => {
    const ctx = await pointsStore({ expiryMonths: 1 });
    const d = storeData(ctx);
    await d.order("G", "2026-02-10T08:00:00Z", 10000); // 100 points, expire 2026-03-10T08:00Z
    const id = await d.customer("G");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-02-11T00:00:00Z"));
    const error = await refusal(redeemPoints(ctx, { customerId: id, points: 100 }, new Date("2026-03-11T00:00:00Z")));
    expect(error).toMatchObject({ key: "pricing.errors.notEnoughPoints", values: { balance: 0, points: 100 } });
    // The refusal wrote nothing (it rolled back whole); the recompute writes them off, once.
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-12T00:00:00Z"));
    expect(await entries(ctx, id)).toEqual([["earn", 100], ["expiry", -100]]);
  });
});

describe("redeeming and adjusting points", () => {
  it("redeems for a coupon at the redemption rate and refuses more than the balance", async () => {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    await d.order("R", "2026-03-01T00:00:00Z", 25000);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-02T00:00:00Z"));
    const id = await d.customer("R");
    // 100 points per yuan: 200 points are a ¥2.00 coupon.
    expect(await redeemPoints(ctx, { customerId: id, points: 200 })).toEqual({ points: 200, couponValue: 200, balance: 50 });
    const error = await refusal(redeemPoints(ctx, { customerId: id, points: 51 }));
    expect(error.code).toBe("conflict");
    expect(error.key).toBe("pricing.errors.notEnoughPoints");
    expect(error.values).toEqual({ balance: 50, points: 51 });
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(50);
  });

  it("refuses to redeem while points are switched off, and writes nothing", async () => {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    const id = await d.customer("Q");
    await adjustPoints(ctx, { customerId: id, points: 300, reason: "Start" });
    await savePointsRules(ctx, { ...rules, enabled: false });
    const error = await refusal(redeemPoints(ctx, { customerId: id, points: 100 }));
    expect(error).toMatchObject({ code: "conflict", key: "pricing.errors.pointsOff" });
    expect(await entries(ctx, id)).toEqual([["adjustment", 300]]);
    // Switched on again, the same redemption goes through.
    await savePointsRules(ctx, rules);
    await expect(redeemPoints(ctx, { customerId: id, points: 100 })).resolves.toMatchObject({ balance: 200 });
  });

  it("adjusts by hand with a reason and who, never below zero; staff may not", async () => {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    const id = await d.customer("M");
    await adjustPoints(ctx, { customerId: id, points: 40, reason: "Goodwill after a late parcel" });
    expect((await refusal(adjustPoints(ctx, { customerId: id, points: -41, reason: "Too much" }))).key).toBe(
      "pricing.errors.notEnoughPoints",
    );
    await adjustPoints(ctx, { customerId: id, points: -40, reason: "Entered twice" });
    const { rows } = await getDb().execute<{ reason: string; created_by_user_id: number }>(sql`
      select reason, created_by_user_id::int from points_entries where store_id = ${ctx.store.id} and customer_id = ${id} order by id`);
    expect(rows).toEqual([
      { reason: "Goodwill after a late parcel", created_by_user_id: ctx.userId },
      { reason: "Entered twice", created_by_user_id: ctx.userId },
    ]);
    expect((await refusal(adjustPoints(asStaff(ctx), { customerId: id, points: 5, reason: "No" }))).code).toBe("forbidden");
    expect((await refusal(redeemPoints(asStaff(ctx), { customerId: id, points: 5 }))).code).toBe("forbidden");
  });

  // Concurrent connections, on both databases (PGlite runs them one at a time, PostgreSQL truly
  // at once).
  it("never overspends under concurrent redemptions", async () => {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    const id = await d.customer("C");
    await adjustPoints(ctx, { customerId: id, points: 100, reason: "Start" });
    const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => redeemPoints(ctx, { customerId: id, points: 30 })));
    const succeeded = attempts.filter((a) => a.status === "fulfilled").length;
    expect(succeeded).toBe(3);
    for (const a of attempts) if (a.status === "rejected") expect((a.reason as AppError).key, String(a.reason)).toBe("pricing.errors.notEnoughPoints");
    expect(await pointsBalance(getDb(), ctx.store.id, id)).toBe(10);
  });

  it("keeps each store's ledger to itself and sums what is outstanding", async () => {
    const a = await pointsStore();
    const b = await pointsStore();
    const da = storeData(a);
    const ida = await da.customer("X");
    await adjustPoints(a, { customerId: ida, points: 70, reason: "Start" });
    // Store B cannot touch store A's customer.
    expect((await refusal(adjustPoints(b, { customerId: ida, points: 5, reason: "Cross" }))).code).toBe("not_found");
    expect((await refusal(redeemPoints(b, { customerId: ida, points: 5 }))).code).toBe("not_found");
    expect(await pointsOutstanding(getDb(), a.store.id)).toEqual({ points: 70, holders: 1 });
    expect(await pointsOutstanding(getDb(), b.store.id)).toEqual({ points: 0, holders: 0 });
  });
});

describe("points rules saved from a page opened before another save", () => {
  it("refuses the stale form instead of putting back the rates another owner changed", async () => {
    const ctx = await makeStore("pts-stale");
    const form = { enabled: true, earnRate: 1, expiryMonths: 12, redeemRate: 100, ordinary: 1, silver: 1.2, gold: 1.5, diamond: 2, crown: 3 };
    // Two owners open the members page before any rules exist: both forms show the defaults.
    const both = await Promise.allSettled([
      savePointsRules(ctx, { ...form, earnRate: 2 }, new Date("2026-05-01T00:00:00Z"), { seen: null }),
      savePointsRules(ctx, { ...form, redeemRate: 50 }, new Date("2026-05-01T00:00:00Z"), { seen: null }),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((both.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      code: "conflict",
      key: "pricing.errors.pointsRulesChangedMeanwhile",
    });
    const saved = (await findPointsRules(getDb(), ctx.store.id))!;
    // From the page as it now stands, the other change goes through on top.
    await savePointsRules(ctx, { ...form, earnRate: 2, redeemRate: 50 }, new Date("2026-05-02T00:00:00Z"), { seen: saved.updatedAt });
    expect(await findPointsRules(getDb(), ctx.store.id)).toMatchObject({ earnRate: 2, redeemRate: 50 });
    // A page showing the first version is refused now.
    await expect(savePointsRules(ctx, { ...form, expiryMonths: 6 }, new Date("2026-05-03T00:00:00Z"), { seen: saved.updatedAt })).rejects.toMatchObject({
      key: "pricing.errors.pointsRulesChangedMeanwhile",
    });
  });
});
