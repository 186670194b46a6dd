import { describe, expect, it } from "vitest";
import { onPostgres } from "@/tests/backend";
import { makeStore } from "@/tests/factories";
import { upsertOrders } from "./ingest";

describe.skipIf(!onPostgres)("two API batches at once", () => {
  it("both land when they name the same customers in opposite orders", async () => {
    const ctx = await makeStore("batches");
    const customers = Array.from({ length: 500 }, (_, i) => `C${String(i).padStart(4, "0")}`);
    const order = (externalId: string, customer: string) => ({
      externalId,
      customer: { externalId: customer, name: `name ${customer}` },
      placedAt: new Date(Date.now() - 3_600_000),
      status: "paid" as const,
      items: [{ productExternalId: "P1", productName: "P1", quantity: 1, unitPrice: 1000 }],
    });
    await upsertOrders(ctx, { orders: customers.map((c) => order(`first-${c}`, c)) });

    // Each batch locks the customers it names in its own order: the two cross, and PostgreSQL
    // aborts one of them to break the deadlock; it must run again, not fail the request.
    for (let round = 0; round < 4; round++) {
      const results = await Promise.allSettled([
        upsertOrders(ctx, { orders: customers.map((c) => order(`r${round}-a-${c}`, c)) }),
        upsertOrders(ctx, { orders: [...customers].reverse().map((c) => order(`r${round}-b-${c}`, c)) }),
      ]);
      expect(results.map((r) => (r.status === "fulfilled" ? r.value.created : String(r.reason)))).toEqual([500, 500]);
    }
  });
});
