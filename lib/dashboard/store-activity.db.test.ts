import { describe, expect, it } from "vitest";
import { assignDispute, fileDispute } from "@/lib/disputes/commands";
import { claimFlashSale } from "@/lib/flash-sales/claims";
import { createFlashSale } from "@/lib/flash-sales/commands";
import { draft, HOUR, makeProduct, makeTieredCustomer, MINUTE } from "@/lib/flash-sales/test-helpers";
import { enrolCustomer } from "@/lib/memberships/enrolments";
import { createPlan } from "@/lib/memberships/plans";
import { adjustPoints } from "@/lib/points/ledger";
import { asStaff, makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";
import { chartData } from "./chart-data";
import { countLiveFlashSales, loadStoreActivity } from "./store-activity";

const at = (base: Date, delta: number) => new Date(base.getTime() + delta);
const DAY = 24 * HOUR;

// A store with one of everything the activity half of the dashboard counts: a paid member,
// points, a flash sale with claims from a gold and a silver customer, and two disputes.
async function busyStore() {
  const ctx = await makeStore("activity");
  const d = storeData(ctx);
  await d.customer("M1");
  const plan = await createPlan(ctx, { name: "金卡", fee: 9900, lengthDays: 365, tier: "gold" });
  await enrolCustomer(ctx, { planId: plan.id, customer: "M1" });
  await adjustPoints(ctx, { customerId: await d.customer("M1"), points: 120, reason: "Welcome" });
  await adjustPoints(ctx, { customerId: await d.customer("P2"), points: 30, reason: "Welcome" });

  const product = await makeProduct(ctx, { stock: 100, name: "秒杀茶杯" });
  const start = at(new Date(), HOUR);
  const sale = await createFlashSale(ctx, product.id, draft(start, { quantity: 10, perCustomerLimit: 2 }));
  await makeTieredCustomer(ctx, "GOLD", "gold", true);
  await makeTieredCustomer(ctx, "SILVER", "silver");
  const claim = (who: string, quantity: number, key: string) =>
    claimFlashSale(ctx, sale.id, { customerExternalId: who, quantity, idempotencyKey: key }, at(start, MINUTE));
  expect(await claim("GOLD", 2, "g1")).toMatchObject({ ok: true });
  expect(await claim("SILVER", 1, "s1")).toMatchObject({ ok: true });

  const submitted = await fileDispute(ctx, {
      type: "malicious_complaint",
      title: "差评勒索",
      description: "买家以差评要挟退款。",
      amountAtStake: 0,
      customerExternalId: "M1",
    }, { now: start });
  await assignDispute(ctx, submitted.id, ctx.userId!, { now: start });
  await fileDispute(ctx, { type: "fake_return", title: "空包退货", description: "", amountAtStake: 5000 }, { now: start, draft: true });
  return { ctx, start, saleId: sale.id };
}

describe("the owner's flash-sale, dispute, member and points figures", () => {
  it("count members, points, live sales, open disputes, sell-through and buyers by tier", async () => {
    const { ctx, start, saleId } = await busyStore();
    const now = at(start, 10 * MINUTE);
    const activity = await loadStoreActivity(ctx, "30", now);
    expect(activity).toMatchObject({ members: 1, points: { points: 150, holders: 2 }, liveFlashSales: 1 });
    // The submitted dispute is open; the draft is not.
    expect(activity.disputes).toEqual({ open: 1, overdue: 0 });
    expect(activity.sellThrough).toEqual([
      expect.objectContaining({ saleId, productName: "秒杀茶杯", quantity: 10, sold: 3, sellThrough: 0.3 }),
    ]);
    expect(activity.flashBuyers.map((b) => [b.tier, b.buyers, b.units, b.revenue]).sort()).toEqual([
      ["gold", 1, 2, 15_800],
      ["silver", 1, 1, 7_900],
    ]);
    expect(activity.disputeMix.map((m) => [m.type, m.status, m.count])).toEqual(
      expect.arrayContaining([
        ["malicious_complaint", "submitted", 1],
        ["fake_return", "draft", 1],
      ]),
    );
    expect(activity.disputeMix).toHaveLength(2);
  });

  it("follows the clock and the period: the sale ends, the dispute's deadline passes, old ones drop out", async () => {
    const { ctx, start } = await busyStore();
    expect(await countLiveFlashSales(ctx, at(start, -MINUTE))).toBe(0);
    expect(await countLiveFlashSales(ctx, at(start, 3 * HOUR))).toBe(0);
    const later = await loadStoreActivity(ctx, "30", at(start, 60 * DAY));
    expect(later.disputes).toEqual({ open: 1, overdue: 1 });
    expect(later.sellThrough).toEqual([]);
    expect(later.flashBuyers).toEqual([]);
    expect(later.disputeMix).toEqual([]);
    const all = await loadStoreActivity(ctx, "all", at(start, 60 * DAY));
    expect(all.sellThrough).toHaveLength(1);
    expect(all.disputeMix).toHaveLength(2);
  });

  it("gives each chart's numbers as a table, to the owner only", async () => {
    const { ctx, start } = await busyStore();
    const table = await chartData(ctx, "flash-buyers", "30", at(start, 10 * MINUTE));
    expect(table.columns).toEqual(["tier", "buyers", "units", "revenue (CNY)"]);
    expect(table.rows).toEqual([
      ["ordinary", 0, 0, 0],
      ["silver", 1, 1, 79],
      ["gold", 1, 2, 158],
      ["diamond", 0, 0, 0],
      ["crown", 0, 0, 0],
    ]);
    await expect(chartData(asStaff(ctx), "disputes", "30")).rejects.toMatchObject({ code: "forbidden" });
    await expect(loadStoreActivity(asStaff(ctx), "30")).rejects.toMatchObject({ code: "forbidden" });
  });
});
