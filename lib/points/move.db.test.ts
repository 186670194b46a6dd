import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { upsertOrders, upsertReturns } from "@/lib/imports/ingest";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";
import { adjustPoints, listPointsEntries, pointsBalance, redeemPoints } from "./ledger";
import { savePointsRules } from "./rules";
import { settlePoints } from "./settle";

// An order upserted again with another customer (a merchant correcting a wrong customer id)
// takes its points along: off the customer who had them, to the one it is now of.

const rules = { enabled: true, earnRate: 1, expiryMonths: 12, redeemRate: 100, ordinary: 1, silver: 1, gold: 1.5, diamond: 2, crown: 3 };

async function pointsStore(overrides: Partial<typeof rules> = {}) {
  const ctx = await makeStore("mv");
  await savePointsRules(ctx, { ...rules, ...overrides }, new Date("2026-01-01T00:00:00Z"));
  return ctx;
}

const order = (externalId: string, customer: string, status: "paid" | "cancelled" = "paid", unitPrice = 12345) => ({
  orders: [
    {
      externalId,
      customer: { externalId: customer },
      placedAt: new Date("2026-06-01T10:00:00Z"),
      status,
      items: [{ productExternalId: "SKU-1", quantity: 1, unitPrice }],
    },
  ],
});

const aReturn = (customer: string, status: "completed" | "rejected", amount = 5000) => ({
  returns: [
    { externalId: "R-1", customerExternalId: customer, orderExternalId: "O-1", type: "refund_only" as const, amount, requestedAt: new Date("2026-06-02T00:00:00Z"), status },
  ],
});

async function customerId(ctx: StoreContext, externalId: string) {
  const { rows } = await getDb().execute<{ id: number }>(
    sql`select id::int as id from customers where store_id = ${ctx.store.id} and external_id = ${externalId}`,
  );
  return rows[0]!.id;
}

/** The ledger as the customer page lists it, oldest first: what, how many points, of which order or return. */
async function ledgerSeen(ctx: StoreContext, customer: string) {
  return (await listPointsEntries(ctx, await customerId(ctx, customer))).reverse().map((e) => [e.kind, e.points, e.returnExternalId ?? e.orderExternalId]);
}

async function balance(ctx: StoreContext, customer: string, at?: Date) {
  return pointsBalance(getDb(), ctx.store.id, await customerId(ctx, customer), at);
}

/** A's and B's balances now: the two customers an order moves between. */
async function balancesOfAAndB(ctx: StoreContext) {
  return [await balance(ctx, "A"), await balance(ctx, "B")];
}

async function entryCount(ctx: StoreContext) {
  const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from points_entries where store_id = ${ctx.store.id}`);
  return rows[0]!.n;
}

const nothingWritten = { earned: 0, reversed: 0, corrected: 0, moved: 0, expired: 0 };

describe("points of an order moved to another customer", () => {
  it("leave the customer who had them for the one it is now of, once, and come back when it is moved back", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "A"));
    await upsertOrders(ctx, order("O-2", "A", "paid", 5000));
    expect(await balance(ctx, "A")).toBe(173);

    await upsertOrders(ctx, order("O-1", "B"));
    expect(await ledgerSeen(ctx, "A")).toEqual([["earn", 123, "O-1"], ["earn", 50, "O-2"], ["move_out", -123, "O-1"]]);
    expect(await ledgerSeen(ctx, "B")).toEqual([["move_in", 123, "O-1"]]);
    expect(await balancesOfAAndB(ctx)).toEqual([50, 123]);
    // Settled again, and upserted again as it is: nothing more.
    const written = await entryCount(ctx);
    await expect(settlePoints(getDb(), ctx.store.id, new Date())).resolves.toEqual(nothingWritten);
    await upsertOrders(ctx, order("O-1", "B"));
    expect(await entryCount(ctx)).toBe(written);

    // The moved points keep the order's expiry (12 months after it was placed).
    const [moved] = await listPointsEntries(ctx, await customerId(ctx, "B"));
    expect(moved!.expiresAt).toEqual(new Date("2027-06-01T10:00:00Z"));

    // Back to A: B gives them back, A has them again, not twice.
    await upsertOrders(ctx, order("O-1", "A"));
    expect(await ledgerSeen(ctx, "B")).toEqual([["move_in", 123, "O-1"], ["move_out", -123, "O-1"]]);
    expect((await ledgerSeen(ctx, "A")).at(-1)).toEqual(["move_in", 123, "O-1"]);
    expect(await balancesOfAAndB(ctx)).toEqual([173, 0]);
    await expect(settlePoints(getDb(), ctx.store.id, new Date())).resolves.toEqual(nothingWritten);
  });

  it("are reversed from the customer the order is now of when it is cancelled there", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "A"));
    await upsertOrders(ctx, order("O-1", "B"));
    await upsertOrders(ctx, order("O-1", "B", "cancelled"));
    expect(await ledgerSeen(ctx, "B")).toEqual([["move_in", 123, "O-1"], ["reversal", -123, "O-1"]]);
    expect(await ledgerSeen(ctx, "A")).toEqual([["earn", 123, "O-1"], ["move_out", -123, "O-1"]]);
    expect(await balancesOfAAndB(ctx)).toEqual([0, 0]);
    // Paid again: B has them back, at the rate the order first earned.
    await upsertOrders(ctx, order("O-1", "B"));
    expect((await ledgerSeen(ctx, "B")).at(-1)).toEqual(["restore", 123, "O-1"]);
    expect(await balancesOfAAndB(ctx)).toEqual([0, 123]);

    // Moved and cancelled by one upsert: moved first, then reversed from its new customer.
    await upsertOrders(ctx, order("O-2", "A", "paid", 5000));
    await upsertOrders(ctx, order("O-2", "B", "cancelled", 5000));
    const ofO2 = async (customer: string) => (await ledgerSeen(ctx, customer)).filter(([, , of]) => of === "O-2");
    expect(await ofO2("A")).toEqual([["earn", 50, "O-2"], ["move_out", -50, "O-2"]]);
    expect(await ofO2("B")).toEqual([["move_in", 50, "O-2"], ["reversal", -50, "O-2"]]);
    expect(await balancesOfAAndB(ctx)).toEqual([0, 123]);
  });

  it("never take the old customer below zero when they have spent them; the new customer gets them all", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "A"));
    await redeemPoints(ctx, { customerId: await customerId(ctx, "A"), points: 100 });

    await upsertOrders(ctx, order("O-1", "B"));
    // A keeps the 100 spent in good faith (the store's loss, as a cancellation capped at the
    // balance); B, whose order it is, gets the order's 123.
    expect(await ledgerSeen(ctx, "A")).toEqual([["earn", 123, "O-1"], ["redeem", -100, null], ["move_out", -23, "O-1"]]);
    expect(await ledgerSeen(ctx, "B")).toEqual([["move_in", 123, "O-1"]]);
    expect(await balancesOfAAndB(ctx)).toEqual([0, 123]);

    // What could not be taken is not asked for again, even once A has points again.
    await adjustPoints(ctx, { customerId: await customerId(ctx, "A"), points: 40, reason: "Goodwill" });
    await expect(settlePoints(getDb(), ctx.store.id, new Date())).resolves.toEqual(nothingWritten);
    expect(await balance(ctx, "A")).toBe(40);

    // Moved back: A's 100 kept of the order count toward its 123, so it never earns twice.
    await upsertOrders(ctx, order("O-1", "A"));
    expect((await ledgerSeen(ctx, "A")).at(-1)).toEqual(["move_in", 23, "O-1"]);
    expect(await balancesOfAAndB(ctx)).toEqual([63, 0]);
    await expect(settlePoints(getDb(), ctx.store.id, new Date())).resolves.toEqual(nothingWritten);
  });

  it("take what the old customer earns in the same settlement toward what they spent of it, as a cancellation does", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "A"));
    await redeemPoints(ctx, { customerId: await customerId(ctx, "A"), points: 123 });

    // One batch (one settlement): O-1 corrected to B, and a new order of A's worth 50.
    await upsertOrders(ctx, { orders: [...order("O-1", "B").orders, ...order("O-2", "A", "paid", 5000).orders] });
    // Settled in two batches (O-2 first) the move takes A's 50; in one it must too: A keeps
    // nothing of an order no longer theirs while they hold points, 123 - 123 + 50 - 50.
    expect(await ledgerSeen(ctx, "A")).toEqual([["earn", 123, "O-1"], ["earn", 50, "O-2"], ["redeem", -123, null], ["move_out", -50, "O-1"]]);
    expect(await balancesOfAAndB(ctx)).toEqual([0, 123]);
    await expect(settlePoints(getDb(), ctx.store.id, new Date())).resolves.toEqual(nothingWritten);
  });

  it("take the order's completed return along: the old customer gets its reversal back, the new one pays it", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "A", "paid", 20000));
    await upsertReturns(ctx, aReturn("A", "completed"));
    // A spent everything left: the return's reversal coming back is what pays the order's move.
    await redeemPoints(ctx, { customerId: await customerId(ctx, "A"), points: 150 });
    expect(await balance(ctx, "A")).toBe(0);

    await upsertOrders(ctx, order("O-1", "B", "paid", 20000));
    expect(await ledgerSeen(ctx, "A")).toEqual([
      ["earn", 200, "O-1"],
      ["reversal", -50, "R-1"],
      ["redeem", -150, null],
      ["move_out", -50, "O-1"],
      ["move_out", 50, "R-1"],
    ]);
    expect(await ledgerSeen(ctx, "B")).toEqual([["move_in", 200, "O-1"], ["move_in", -50, "R-1"]]);
    expect(await balancesOfAAndB(ctx)).toEqual([0, 150]);

    // The merchant corrects the return's customer too: nothing more; then B's return is
    // rejected: B gets its reversal back, A nothing.
    const written = await entryCount(ctx);
    await upsertReturns(ctx, aReturn("B", "completed"));
    expect(await entryCount(ctx)).toBe(written);
    await upsertReturns(ctx, aReturn("B", "rejected"));
    expect((await ledgerSeen(ctx, "B")).at(-1)).toEqual(["restore", 50, "R-1"]);
    expect(await balancesOfAAndB(ctx)).toEqual([0, 200]);
    await expect(settlePoints(getDb(), ctx.store.id, new Date())).resolves.toEqual(nothingWritten);
  });

  it("move a cancelled order's as they are: nothing to take and nothing to give, until it is paid again", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "A"));
    await upsertOrders(ctx, order("O-2", "A", "paid", 50000));
    // A spends 450 of 623, then O-1 is cancelled: its reversal may take 123 of the 173 left.
    await redeemPoints(ctx, { customerId: await customerId(ctx, "A"), points: 450 });
    await upsertOrders(ctx, order("O-1", "A", "cancelled"));
    expect(await balance(ctx, "A")).toBe(50);

    await upsertOrders(ctx, order("O-1", "B", "cancelled"));
    expect((await ledgerSeen(ctx, "A")).at(-1)).toEqual(["move_out", 0, "O-1"]);
    expect(await ledgerSeen(ctx, "B")).toEqual([["move_in", 0, "O-1"]]);
    expect(await balancesOfAAndB(ctx)).toEqual([50, 0]);
    await expect(settlePoints(getDb(), ctx.store.id, new Date())).resolves.toEqual(nothingWritten);

    // Paid again, now B's: B earns its points; A keeps its own.
    await upsertOrders(ctx, order("O-1", "B"));
    expect(await ledgerSeen(ctx, "B")).toEqual([["move_in", 0, "O-1"], ["restore", 123, "O-1"]]);
    expect(await balancesOfAAndB(ctx)).toEqual([50, 123]);
  });

  it("move a cancelled order whose reversal could not take everything without asking the old customer again", async () => {
    const ctx = await pointsStore();
    await upsertOrders(ctx, order("O-1", "A"));
    await redeemPoints(ctx, { customerId: await customerId(ctx, "A"), points: 100 });
    await upsertOrders(ctx, order("O-1", "A", "cancelled"));
    // The reversal took the 23 left; A kept the 100 spent. Later A has points again.
    await upsertOrders(ctx, order("O-2", "A", "paid", 50000));
    expect(await balance(ctx, "A")).toBe(500);

    await upsertOrders(ctx, order("O-1", "B", "cancelled"));
    expect(await ledgerSeen(ctx, "A")).toEqual([
      ["earn", 123, "O-1"],
      ["earn", 500, "O-2"],
      ["redeem", -100, null],
      ["reversal", -23, "O-1"],
      ["move_out", 0, "O-1"],
    ]);
    expect(await ledgerSeen(ctx, "B")).toEqual([["move_in", 0, "O-1"]]);
    expect(await balancesOfAAndB(ctx)).toEqual([500, 0]);
  });
});

describe("points of a moved order past their expiry", () => {
  it("stay gone: the new customer's are expired at once, and the old customer gives back nothing", async () => {
    const ctx = await pointsStore({ expiryMonths: 1 });
    const d = storeData(ctx);
    const first = await d.order("A", "2026-02-10T08:00:00Z", 10000); // 100 points, expire 2026-03-10T08:00Z
    const A = await d.customer("A");
    const B = await d.customer("B");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-02-11T00:00:00Z"));
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-15T00:00:00Z"));
    // As an upsert naming B does.
    await getDb().execute(sql`update orders set customer_id = ${B} where store_id = ${ctx.store.id} and id = ${first}`);
    const at = new Date("2026-03-16T00:00:00Z");
    await expect(settlePoints(getDb(), ctx.store.id, at)).resolves.toMatchObject({ moved: 1, expired: 1 });
    expect((await ledgerSeen(ctx, "A")).map(([kind, points]) => [kind, points])).toEqual([["earn", 100], ["expiry", -100], ["move_out", 0]]);
    expect((await ledgerSeen(ctx, "B")).map(([kind, points]) => [kind, points])).toEqual([["move_in", 100], ["expiry", -100]]);
    expect([await pointsBalance(getDb(), ctx.store.id, A, at), await pointsBalance(getDb(), ctx.store.id, B, at)]).toEqual([0, 0]);
    await expect(settlePoints(getDb(), ctx.store.id, at)).resolves.toEqual(nothingWritten);
  });

  it("keep the order's expiry when moved before it: the new customer's expire when the order's would have", async () => {
    const ctx = await pointsStore({ expiryMonths: 1 });
    const d = storeData(ctx);
    const first = await d.order("A", "2026-02-10T08:00:00Z", 10000); // 100 points, expire 2026-03-10T08:00Z
    await d.order("B", "2026-03-01T08:00:00Z", 5000); // B's own 50, expire 2026-04-01T08:00Z
    const B = await d.customer("B");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-02T00:00:00Z"));
    await getDb().execute(sql`update orders set customer_id = ${B} where store_id = ${ctx.store.id} and id = ${first}`);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-03T00:00:00Z"));
    expect(await pointsBalance(getDb(), ctx.store.id, B, new Date("2026-03-03T00:00:00Z"))).toBe(150);
    expect(await balance(ctx, "A", new Date("2026-03-03T00:00:00Z"))).toBe(0);

    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-15T00:00:00Z"));
    expect((await ledgerSeen(ctx, "B")).map(([kind, points]) => [kind, points])).toEqual([["earn", 50], ["move_in", 100], ["expiry", -100]]);
    expect(await pointsBalance(getDb(), ctx.store.id, B, new Date("2026-03-15T00:00:00Z"))).toBe(50);
    // A's points left with the order: nothing of A's expires.
    expect((await ledgerSeen(ctx, "A")).map(([kind, points]) => [kind, points])).toEqual([["earn", 100], ["move_out", -100]]);
  });
});

describe("points of an order earned before moves were", () => {
  const expires = "2027-03-01T00:00:00Z";
  /** Writes entries as a settlement before migration 0035 (no due) or 0037 (no moves) did. */
  async function written(ctx: StoreContext, rows: { customer: number; kind: string; points: number; order: number; due?: number; basis?: number }[]) {
    for (const r of rows) {
      await getDb().execute(sql`
        insert into points_entries (store_id, customer_id, kind, points, occurred_at, expires_at, order_id, due, basis)
        values (${ctx.store.id}, ${r.customer}, ${r.kind}::points_entry_kind, ${r.points}, '2026-03-02T00:00:00Z', ${expires},
                ${r.order}, ${r.due ?? null}, ${r.basis ?? null})`);
    }
  }
  /** A redemption after those entries (redeemPoints writes at the time it is called). */
  const redeemed = (ctx: StoreContext, customer: number, points: number) =>
    getDb().execute(sql`insert into points_entries (store_id, customer_id, kind, points, occurred_at)
      values (${ctx.store.id}, ${customer}, 'redeem', ${-points}, '2026-03-02T12:00:00Z')`);
  /** A store whose order of ¥123 (A's at first) is cancelled. */
  async function cancelledOrder() {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    const first = await d.order("A", "2026-03-01T00:00:00Z", 12300, "cancelled");
    return { ctx, d, first, A: await d.customer("A"), B: await d.customer("B") };
  }
  const setOrder = (ctx: StoreContext, id: number, set: { customer?: number; total?: number }) =>
    getDb().execute(sql`update orders set customer_id = coalesce(${set.customer ?? null}::bigint, customer_id),
      total = coalesce(${set.total ?? null}::bigint, total) where store_id = ${ctx.store.id} and id = ${id}`);
  const at = new Date("2026-04-01T00:00:00Z");
  const settle = (ctx: StoreContext) => settlePoints(getDb(), ctx.store.id, at);
  const balances = async (ctx: StoreContext, ...ids: number[]) => Promise.all(ids.map((id) => pointsBalance(getDb(), ctx.store.id, id, at)));
  const kindsAndPoints = async (ctx: StoreContext, customer: string) => (await ledgerSeen(ctx, customer)).map(([kind, points]) => [kind, points]);

  it("follow a later correction of the order's total, at the rate their earning fixed", async () => {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    const first = await d.order("A", "2026-03-01T00:00:00Z", 10000);
    const A = await d.customer("A");
    // Earned before 0035: no due; 0035 gave it the order's total as its basis.
    await written(ctx, [{ customer: A, kind: "earn", points: 100, order: first, basis: 10000 }]);
    await expect(settle(ctx)).resolves.toEqual(nothingWritten);

    await setOrder(ctx, first, { total: 15000 });
    await settle(ctx);
    await setOrder(ctx, first, { total: 5000 });
    await settle(ctx);
    // 100 → 150 → 50 points.
    expect(await kindsAndPoints(ctx, "A")).toEqual([["earn", 100], ["amount_change", 50], ["amount_change", -100]]);
    expect(await balances(ctx, A)).toEqual([50]);
    await expect(settle(ctx)).resolves.toEqual(nothingWritten);

    // Moved and corrected by one upsert: the old customer gives what they hold, the new one
    // gets it and the correction.
    const B = await d.customer("B");
    await setOrder(ctx, first, { customer: B, total: 20000 });
    await settle(ctx);
    expect((await kindsAndPoints(ctx, "A")).at(-1)).toEqual(["move_out", -50]);
    expect(await kindsAndPoints(ctx, "B")).toEqual([["move_in", 50], ["amount_change", 150]]);
    expect(await balances(ctx, A, B)).toEqual([0, 200]);
  });

  it("take nothing more off the old customer for an order cancelled before 0035 than its capped reversal did", async () => {
    const { ctx, d, first, A, B } = await cancelledOrder();
    // A earned 123, spent 100, and the cancellation could take back only the 23 left.
    await written(ctx, [
      { customer: A, kind: "earn", points: 123, order: first, basis: 12300 },
      { customer: A, kind: "reversal", points: -23, order: first },
    ]);
    await redeemed(ctx, A, 100);
    await d.order("A", "2026-03-10T00:00:00Z", 50000); // 500 points of A's own
    await settle(ctx);
    expect(await balances(ctx, A)).toEqual([500]);

    await setOrder(ctx, first, { customer: B });
    await expect(settle(ctx)).resolves.toMatchObject({ moved: 1 });
    // The order is settled to nothing: A keeps the 100 spent and their own 500; B gets nothing.
    expect((await kindsAndPoints(ctx, "A")).at(-1)).toEqual(["move_out", 0]);
    expect(await kindsAndPoints(ctx, "B")).toEqual([["move_in", 0]]);
    expect(await balances(ctx, A, B)).toEqual([500, 0]);
    await expect(settle(ctx)).resolves.toEqual(nothingWritten);
  });

  it("take off the old customer no more than their own latest due, when corrected under another customer before 0037", async () => {
    const ctx = await pointsStore();
    const d = storeData(ctx);
    await d.order("A", "2026-03-10T00:00:00Z", 50000); // 500 points of A's own
    await settle(ctx);
    const first = await d.order("B", "2026-03-01T00:00:00Z", 30000);
    const A = await d.customer("A");
    const B = await d.customer("B");
    await written(ctx, [
      // A earned 200 and spent them; the total corrected to ¥100 could take back nothing.
      { customer: A, kind: "earn", points: 200, order: first, due: 200, basis: 20000 },
      { customer: A, kind: "amount_change", points: 0, order: first, due: 100, basis: 10000 },
      // Then the order became B's and its total ¥300: before 0037 the correction went to B alone.
      { customer: B, kind: "amount_change", points: 100, order: first, due: 300, basis: 30000 },
    ]);
    await redeemed(ctx, A, 200);

    await expect(settle(ctx)).resolves.toEqual({ ...nothingWritten, moved: 1 });
    // A was due 100 of the order when it left (the other 100 were forgiven when the total fell):
    // 500 + 200 - 200 - 100. B: the order's 300.
    expect(await kindsAndPoints(ctx, "A")).toEqual([["earn", 200], ["amount_change", 0], ["redeem", -200], ["earn", 500], ["move_out", -100]]);
    expect(await kindsAndPoints(ctx, "B")).toEqual([["amount_change", 100], ["move_in", 200]]);
    expect(await balances(ctx, A, B)).toEqual([400, 300]);
    await expect(settle(ctx)).resolves.toEqual(nothingWritten);
  });

  it("take the points of an order earned before 0035 and cancelled under another customer before 0037 off the one who earned them", async () => {
    const { ctx, first, A, B } = await cancelledOrder();
    await written(ctx, [
      { customer: A, kind: "earn", points: 123, order: first, basis: 12300 },
      // Become B's and cancelled: the reversal was B's, who had nothing to give.
      { customer: B, kind: "reversal", points: 0, order: first, due: 0 },
    ]);
    await setOrder(ctx, first, { customer: B });
    await settle(ctx);
    expect((await kindsAndPoints(ctx, "A")).at(-1)).toEqual(["move_out", -123]);
    expect(await kindsAndPoints(ctx, "B")).toEqual([["reversal", 0], ["move_in", 0]]);
    expect(await balances(ctx, A, B)).toEqual([0, 0]);
    await expect(settle(ctx)).resolves.toEqual(nothingWritten);
  });
});
