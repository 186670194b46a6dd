import { describe, expect, it } from "vitest";
import { makeStore } from "@/tests/factories";
import { createFlashSale } from "./commands";
import { flashSaleSellThrough, flashSalesToday } from "./stats";
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

describe("staff's today's flash sales", () => {
  it("say which of them began before today or end after it, in the store's time zone", async () => {
    const ctx = await makeStore("today");
    const product = await makeProduct(ctx, { stock: 100 });
    // Noon in Shanghai (the store's zone) some days ahead; 04:00 UTC.
    const noon = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 5, 10, 4, 0));
    const shanghai = (hoursFromNoon: number) => new Date(noon.getTime() + hoursFromNoon * HOUR);
    const overnight = await createFlashSale(ctx, product.id, draft(shanghai(-14), { endsAt: shanghai(-9) })); // 22:00 the day before – 03:00
    const afternoon = await createFlashSale(ctx, product.id, draft(shanghai(2), { endsAt: shanghai(4) }));
    const tonight = await createFlashSale(ctx, product.id, draft(shanghai(11), { endsAt: shanghai(13) })); // 23:00 – 01:00 the day after
    const today = await flashSalesToday(ctx, noon);
    const flags = Object.fromEntries(today.map((s) => [s.id, [s.startsBeforeToday, s.endsAfterToday]]));
    expect(flags).toEqual({ [overnight.id]: [true, false], [afternoon.id]: [false, false], [tonight.id]: [false, true] });
  });
});
