import { describe, expect, it } from "vitest";
import { makeStore } from "@/tests/factories";
import { createFlashSale } from "./commands";
import { flashSaleSellThrough } from "./stats";
import { draft, HOUR, makeProduct } from "./test-helpers";

describe("the dashboard's flash-sale sell-through", () => {
  it("lists the latest sales of the period when it has more than it shows, oldest first, and says older ones were left out", async () => {
    const ctx = await makeStore("sell-through");
    const product = await makeProduct(ctx, { stock: 100 });
    const first = new Date(Date.now() + HOUR);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createFlashSale(ctx, product.id, draft(new Date(first.getTime() + i * 3 * HOUR)))).id);
    const period = { from: new Date(first.getTime() - HOUR), to: new Date(first.getTime() + 10 * HOUR) };

    const capped = await flashSaleSellThrough(ctx, period, 2);
    expect(capped.sales.map((s) => s.saleId)).toEqual([ids[1], ids[2]]);
    expect(capped.olderLeftOut).toBe(true);

    const whole = await flashSaleSellThrough(ctx, period, 3);
    expect(whole.sales.map((s) => s.saleId)).toEqual(ids);
    expect(whole.olderLeftOut).toBe(false);
  });
});
