import { describe, expect, it } from "vitest";
import { upsertOrders, upsertReturns, upsertShares } from "@/lib/imports/ingest";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { ACTIVITY_PAGE_SIZE, customerActivity, customerActivityPage } from "./activity";
import { getCustomer } from "./queries";

describe("a customer's activity", () => {
  it("lists their orders with item counts and their returns with the order they name, newest first", async () => {
    const ctx = await makeStore("act");
    const line = (productExternalId: string) => ({ productExternalId, productName: productExternalId, quantity: 1, unitPrice: 1000 });
    await upsertOrders(ctx, {
      orders: [
        { externalId: "A-1", customer: { externalId: "buyer" }, placedAt: new Date("2026-05-01T00:00:00Z"), status: "paid", items: [line("P1"), line("P2"), line("P3")] },
        { externalId: "A-2", customer: { externalId: "buyer" }, placedAt: new Date("2026-06-01T00:00:00Z"), status: "paid", items: [line("P1")] },
      ],
    });
    await upsertReturns(ctx, {
      returns: [
        { externalId: "R-1", customerExternalId: "buyer", orderExternalId: "A-1", type: "refund_only", amount: 500, requestedAt: new Date("2026-05-03T00:00:00Z"), status: "completed" },
      ],
    });
    const { id } = await getCustomer(ctx, { externalId: "buyer" });
    const activity = await customerActivity(ctx, id);
    expect(activity.orders.rows.map((o) => [o.externalId, o.items])).toEqual([
      ["A-2", 1],
      ["A-1", 3],
    ]);
    expect(activity.returns.rows.map((r) => [r.externalId, r.orderExternalId])).toEqual([["R-1", "A-1"]]);
    expect(activity.orders.total).toBe(2);
  });
});

describe("a page of a customer's activity", () => {
  const line = { productExternalId: "P1", productName: "P1", quantity: 1, unitPrice: 1000 };
  const start = Date.parse("2026-01-01T00:00:00Z");

  /** `count` orders of one buyer, an hour apart but in pairs at the same moment (ties the id breaks). */
  async function buyerWithOrders(ctx: StoreContext, count: number, customer = "buyer") {
    await upsertOrders(ctx, {
      orders: Array.from({ length: count }, (_, i) => ({
        externalId: `${customer}-${String(i).padStart(4, "0")}`,
        customer: { externalId: customer },
        placedAt: new Date(start + Math.floor(i / 2) * 3_600_000),
        status: "paid" as const,
        items: [line],
      })),
    });
    return (await getCustomer(ctx, { externalId: customer })).id;
  }

  const ids = (page: { rows: { externalId: string }[] }) => page.rows.map((r) => r.externalId);

  it("reads 120 orders as pages of 50, 50 and 20, newest first, each once, and back again", async () => {
    const ctx = await makeStore("pages");
    const id = await buyerWithOrders(ctx, 120);
    const first = await customerActivityPage(ctx, id, "orders");
    expect(first.total).toBe(120);
    expect(first.rows).toHaveLength(ACTIVITY_PAGE_SIZE);
    expect(first.previousCursor).toBeNull();
    const second = await customerActivityPage(ctx, id, "orders", { cursor: first.nextCursor! });
    const third = await customerActivityPage(ctx, id, "orders", { cursor: second.nextCursor! });
    expect([first, second, third].map((p) => p.rows.length)).toEqual([50, 50, 20]);
    expect(third.nextCursor).toBeNull();

    const all = [...ids(first), ...ids(second), ...ids(third)];
    expect(new Set(all).size).toBe(120);
    // Newest first; of two orders at one moment, the later-created (higher id) first.
    const placed = [first, second, third].flatMap((p) => p.rows.map((r) => r.placedAt.getTime()));
    expect(placed).toEqual([...placed].sort((a, b) => b - a));
    expect(all.slice(0, 2)).toEqual(["buyer-0119", "buyer-0118"]);
    expect(all.at(-1)).toBe("buyer-0000");

    // The previous page of the third is the second, exactly; of the second, the first.
    const backToSecond = await customerActivityPage(ctx, id, "orders", { before: third.previousCursor! });
    expect(ids(backToSecond)).toEqual(ids(second));
    expect(backToSecond.nextCursor).not.toBeNull();
    const backToFirst = await customerActivityPage(ctx, id, "orders", { before: backToSecond.previousCursor! });
    expect(ids(backToFirst)).toEqual(ids(first));
    expect(backToFirst.previousCursor).toBeNull();
  });

  it("has no next page at exactly 50 rows, and one of a single row at 51", async () => {
    const ctx = await makeStore("pages50");
    const fifty = await buyerWithOrders(ctx, 50, "fifty");
    const one = await customerActivityPage(ctx, fifty, "orders");
    expect([one.rows.length, one.nextCursor, one.previousCursor]).toEqual([50, null, null]);

    const fiftyOne = await buyerWithOrders(ctx, 51, "fifty-one");
    const page = await customerActivityPage(ctx, fiftyOne, "orders");
    expect(page.rows).toHaveLength(50);
    const last = await customerActivityPage(ctx, fiftyOne, "orders", { cursor: page.nextCursor! });
    expect(ids(last)).toEqual(["fifty-one-0000"]);
    expect(last.nextCursor).toBeNull();
    // Only this customer's orders: the other buyer's fifty are in the same store.
    expect(page.total).toBe(51);
  });

  it("pages the other kinds the same way, and a customer with none has an empty first page", async () => {
    const ctx = await makeStore("kinds");
    const id = await buyerWithOrders(ctx, 1);
    await upsertShares(ctx, {
      shares: Array.from({ length: 55 }, (_, i) => ({
        externalId: `S-${String(i).padStart(2, "0")}`,
        customerExternalId: "buyer",
        sharedAt: new Date(start + i * 60_000),
        conversions: i % 3,
      })),
    });
    const shares = await customerActivityPage(ctx, id, "shares");
    expect(shares.rows[0]).toMatchObject({ externalId: "S-54", conversions: 0 });
    const rest = await customerActivityPage(ctx, id, "shares", { cursor: shares.nextCursor! });
    expect(ids(rest)).toEqual(["S-04", "S-03", "S-02", "S-01", "S-00"]);
    const reviews = await customerActivityPage(ctx, id, "reviews");
    expect([reviews.rows, reviews.total, reviews.nextCursor, reviews.previousCursor]).toEqual([[], 0, null, null]);
  });

  it("finds no customer of another store, and refuses a cursor it did not give out", async () => {
    const ctx = await makeStore("mine");
    const other = await makeStore("theirs");
    const id = await buyerWithOrders(ctx, 3);
    await expect(customerActivityPage(other, id, "orders")).rejects.toMatchObject({ code: "not_found" });
    // The other store's own customer of the same external id has its own orders, not these.
    const theirs = await buyerWithOrders(other, 1);
    expect(ids(await customerActivityPage(other, theirs, "orders"))).toEqual(["buyer-0000"]);
    // A cursor of this store's rows carries only a time and an id: used in the other store it
    // reads that store's rows after it, never this store's.
    const mine = await customerActivityPage(ctx, id, "orders", { limit: 1 });
    expect((await customerActivityPage(other, theirs, "orders", { cursor: mine.nextCursor! })).rows.every((r) => r.externalId === "buyer-0000")).toBe(true);

    for (const cursor of ["not-a-cursor", Buffer.from(JSON.stringify([1.5, 1])).toString("base64url"), Buffer.from(JSON.stringify(["1", -1])).toString("base64url")]) {
      await expect(customerActivityPage(ctx, id, "orders", { cursor })).rejects.toMatchObject({ code: "invalid_request" });
    }
  });
});
