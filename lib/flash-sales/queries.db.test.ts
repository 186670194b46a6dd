import { describe, expect, it } from "vitest";
import { makeStore } from "@/tests/factories";
import { cancelFlashSale, createFlashSale } from "./commands";
import { listFlashSales } from "./queries";
import { draft, HOUR, makeProduct } from "./test-helpers";

describe("the flash sales list", () => {
  it("lists every open and upcoming sale, and of the finished ones the latest few, saying so", async () => {
    const ctx = await makeStore("fs-list");
    const product = await makeProduct(ctx, { stock: 100 });
    const t0 = Date.now() + HOUR;
    const at = (hours: number) => new Date(t0 + hours * HOUR);
    const sale = async (startHour: number, hours = 1) =>
      (await createFlashSale(ctx, product.id, draft(at(startHour), { quantity: 5, endsAt: at(startHour + hours) }))).id;
    const ended = [await sale(0), await sale(2), await sale(4)];
    const cancelled = await sale(20);
    await cancelFlashSale(ctx, cancelled);
    const live = await sale(9, 2);
    const upcoming = [await sale(12), await sale(14)];
    const now = at(10);

    const cut = await listFlashSales(ctx, now, 2);
    expect(cut.finishedLeftOut).toBe(true);
    // Open and upcoming first whatever their start, then the two finished sales that started last.
    expect(cut.sales.map((s) => [s.id, s.status])).toEqual([
      [live, "live"],
      [upcoming[0], "scheduled"],
      [upcoming[1], "scheduled"],
      [ended[2], "ended"],
      [cancelled, "cancelled"],
    ]);

    const whole = await listFlashSales(ctx, now, 4);
    expect(whole.finishedLeftOut).toBe(false);
    expect(whole.sales.map((s) => s.id).sort((a, b) => a - b)).toEqual([...ended, cancelled, live, ...upcoming].sort((a, b) => a - b));
  });
});
