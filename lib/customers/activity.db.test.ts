import { describe, expect, it } from "vitest";
import { upsertOrders, upsertReturns } from "@/lib/imports/ingest";
import { makeStore } from "@/tests/factories";
import { customerActivity } from "./activity";
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
