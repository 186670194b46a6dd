import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { dashboardSnapshots } from "@/db/schema";
import { recomputeScores } from "@/lib/customers/recompute";
import { listCustomers } from "@/lib/customers/queries";
import { saveScoringRules } from "@/lib/customers/rules";
import { customerListQuerySchema } from "@/lib/validation/customers";
import { asStaff, makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";
import { getHeadline, getScoreHistogram, getSpendConcentration, getTierBreakdown, getTierMovement } from "./customer-value";
import { shareOfTop } from "./pareto";
import { loadOwnerDashboard } from "./owner-dashboard";
import { getRepeatRateByMonth } from "./repeat-by-month";
import { recentlyFlaggedCustomers } from "./work-queue";

// A store whose every chart number is worked out by hand. No reviews or shares anywhere, so
// interaction, sharing and reputation are left out and the weights used are 25 + 30 + 10 + 10.
// Buyers A…E (i = 0…4) have i + 1 paid orders, rising net spend and falling recency, so each
// factor's percent_rank is i/4: score = (25·25i + 30·25i + 10·25i + 10·100) / 75
//   A 13.3 ordinary · B 35.0 ordinary · C 56.7 silver · D 78.3 diamond · E 100.0 crown.
// F never bought; G bought only before the 365-day window (both: no score, ordinary).
const asOf = new Date("2026-06-30T12:00:00Z");

async function handMadeStore() {
  const ctx = await makeStore("dash");
  const d = storeData(ctx);
  await d.order("A", "2026-03-22T12:00:00Z", 1000); // 100 days before asOf
  await d.order("A", "2026-06-05T12:00:00Z", 99000, "cancelled"); // counts nowhere
  await d.order("B", "2026-01-31T20:00:00Z", 2000); // 1 February 04:00 in Shanghai
  await d.order("B", "2026-04-11T12:00:00Z", 2000); // 80 days
  for (const day of ["2026-01-20", "2026-03-10", "2026-05-01"]) await d.order("C", `${day}T12:00:00Z`, 3000); // 60 days
  for (const day of ["2026-02-05", "2026-03-15", "2026-04-20", "2026-05-21"]) await d.order("D", `${day}T12:00:00Z`, 4000); // 40
  for (const day of ["2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10", "2026-06-10"]) {
    await d.order("E", `${day}T12:00:00Z`, 14000); // 20 days
  }
  await d.customer("F");
  await d.order("G", "2024-01-01T12:00:00Z", 50000);
  await d.order("G", "2024-01-15T12:00:00Z", 50000);
  await recomputeScores(ctx.store.id, { asOf });
  return { ctx, d };
}

describe("the owner's customer-value charts", () => {
  it("count customers, tiers, score bands and the net-spend concentration as worked out by hand", async () => {
    const { ctx } = await handMadeStore();

    const headline = await getHeadline(ctx);
    // Repeat: B, C, D, E of the 5 buyers. High-value: D (diamond) and E (crown), 16,000 + 70,000
    // of the 100,000 net spend.
    expect(headline).toMatchObject({ customers: 7, scored: 5, repeatCustomers: 4, repeatRate: 0.8, highValue: 2 });
    expect(headline).toMatchObject({ netSpend: 100000, highValueNetSpend: 86000, highValueShare: 0.86, windowDays: 365 });

    expect(await getTierBreakdown(ctx)).toEqual([
      { tier: "ordinary", customers: 4, netSpend: 5000, customerShare: 4 / 7, spendShare: 0.05 },
      { tier: "silver", customers: 1, netSpend: 9000, customerShare: 1 / 7, spendShare: 0.09 },
      { tier: "gold", customers: 0, netSpend: 0, customerShare: 0, spendShare: 0 },
      { tier: "diamond", customers: 1, netSpend: 16000, customerShare: 1 / 7, spendShare: 0.16 },
      { tier: "crown", customers: 1, netSpend: 70000, customerShare: 1 / 7, spendShare: 0.7 },
    ]);

    const histogram = await getScoreHistogram(ctx);
    expect(histogram.unscored).toBe(2);
    expect(histogram.buckets.map((b) => b.customers)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(histogram.buckets[9]).toEqual({ min: 90, max: 100, customers: 1 });

    // 5 buyers, so each is 20% of them: E alone brings 70%, E + D 86%, and so on.
    const curve = await getSpendConcentration(ctx);
    expect(curve.map((p) => [p.topPercent, p.customers])).toEqual([
      [20, 1],
      [40, 2],
      [60, 3],
      [80, 4],
      [100, 5],
    ]);
    expect(curve.map((p) => p.spendShare)).toEqual([0.7, 0.86, 0.95, 0.99, 1].map((x) => expect.closeTo(x, 12)));
    expect(shareOfTop(curve, 20)).toEqual({ customers: 1, spendShare: expect.closeTo(0.7, 12) });
    expect(shareOfTop(curve, 10)).toEqual({ customers: 0, spendShare: 0 });
    expect(shareOfTop(curve, 50)).toEqual({ customers: 2, spendShare: expect.closeTo(0.86, 12) });
  });

  it("takes every share of spend over the buyers, a customer refunded more than they spent counting as none", async () => {
    const ctx = await makeStore("dash-refunds");
    const d = storeData(ctx);
    // E: 3 × 14,000, crown. C: 3,000 spent, 5,000 refunded (-2,000). N: bought only before the
    // window, refunded 10,000 in it (-10,000, no score). Summed as they are, the store's net
    // spend was 30,000 and E's share 140%, the ordinary tier's -40%.
    for (const day of ["2026-04-10", "2026-05-10", "2026-06-10"]) await d.order("E", `${day}T12:00:00Z`, 14000);
    await d.order("C", "2026-05-01T12:00:00Z", 3000);
    await d.return("C", "2026-05-05T12:00:00Z", 5000, "completed");
    await d.order("N", "2024-01-01T12:00:00Z", 50000);
    await d.return("N", "2026-02-01T12:00:00Z", 10000, "completed");
    await recomputeScores(ctx.store.id, { asOf });

    const tiers = await getTierBreakdown(ctx);
    expect(tiers.map((t) => [t.tier, t.netSpend, t.spendShare])).toEqual([
      ["ordinary", 0, 0],
      ["silver", 0, 0],
      ["gold", 0, 0],
      ["diamond", 0, 0],
      ["crown", 42000, 1],
    ]);
    expect(await getHeadline(ctx)).toMatchObject({ netSpend: 42000, highValueNetSpend: 42000, highValueShare: 1 });
    const curve = await getSpendConcentration(ctx);
    expect(curve.at(-1)).toMatchObject({ topPercent: 100, spendShare: 1 });
  });

  it("counts buyers and repeat buyers per month in the store's time zone, over the chosen period", async () => {
    const { ctx } = await handMadeStore();
    const months = await getRepeatRateByMonth(ctx, "all", asOf);
    // Every month from the first to the last is there: the 23 between G's and the next orders
    // with no buyers and no rate.
    expect(months).toHaveLength(30);
    expect(months[1]).toEqual({ month: "2024-02", buyers: 0, repeatBuyers: 0, rate: null });
    expect(months.filter((m) => m.buyers === 0).map((m) => m.month)).toEqual(
      Array.from({ length: 23 }, (_, i) => `${2024 + Math.floor((i + 1) / 12)}-${String(((i + 1) % 12) + 1).padStart(2, "0")}`),
    );
    // G's two January 2024 orders make G a repeat buyer in their first month. B's first order
    // is 31 January 20:00 UTC, already February in Shanghai. A's cancelled June order is no purchase.
    expect(months.filter((m) => m.buyers > 0).map((m) => [m.month, m.buyers, m.repeatBuyers])).toEqual([
      ["2024-01", 1, 1],
      ["2026-01", 2, 0], // C, E first
      ["2026-02", 3, 1], // B, D first; E back
      ["2026-03", 4, 3], // A first; C, D, E back
      ["2026-04", 3, 3], // B, D, E
      ["2026-05", 2, 2], // C, D
      ["2026-06", 1, 1], // E
    ]);
    expect(months.find((m) => m.month === "2026-03")!.rate).toBe(0.75);
    // 90 days before 30 June reach into April; 30 days into May; 365 into June 2025.
    expect((await getRepeatRateByMonth(ctx, "90", asOf)).map((m) => m.month)).toEqual(["2026-04", "2026-05", "2026-06"]);
    expect((await getRepeatRateByMonth(ctx, "30", asOf)).map((m) => m.month)).toEqual(["2026-05", "2026-06"]);
    // Seen in mid-August, the last 90 days reach back to May: June's sales, then two empty months.
    const august = await getRepeatRateByMonth(ctx, "90", new Date("2026-08-15T00:00:00Z"));
    expect(august.map((m) => [m.month, m.buyers])).toEqual([["2026-05", 2], ["2026-06", 1], ["2026-07", 0], ["2026-08", 0]]);
    const year = await getRepeatRateByMonth(ctx, "365", asOf);
    expect([year[0]!.month, year.find((m) => m.buyers > 0)!.month, year.length]).toEqual(["2025-06", "2026-01", 13]);
  });

  it("ends the months at the current one in the store's time zone, whatever orders are dated after it", async () => {
    const { ctx, d } = await handMadeStore();
    // Stored before such times were refused: a wrong year, and a month ahead.
    await d.order("H", "2027-06-01T12:00:00Z", 1000);
    await d.order("A", "2026-07-20T12:00:00Z", 1000);
    // 30 June 20:00 UTC is already 1 July in Shanghai: July is the current month, and ends the chart.
    const evening = new Date("2026-06-30T20:00:00Z");
    for (const period of ["all", "30", "365"] as const) {
      const months = await getRepeatRateByMonth(ctx, period, evening);
      expect(months.at(-1), period).toEqual({ month: "2026-07", buyers: 1, repeatBuyers: 1, rate: 1 });
    }
    const june = await getRepeatRateByMonth(ctx, "all", asOf);
    expect([june.length, june.at(-1)!.month]).toEqual([30, "2026-06"]);
  });

  it("shows tier movement only once there are two recomputes, then counts each move", async () => {
    const { ctx, d } = await handMadeStore();
    const first = await getTierMovement(ctx);
    expect(first).toMatchObject({ previousAsOf: null, moves: [], unchanged: 7 });

    // Same scores, new cutoffs, no hysteresis: C (56.7) rises to gold (56), D (78.3) drops under
    // diamond (79) to gold. H is a new customer since the last recompute.
    await saveScoringRules(ctx, { cutoffs: { silver: 40, gold: 56, diamond: 79, crown: 100 }, hysteresis: 0 });
    await d.customer("H");
    await recomputeScores(ctx.store.id, { asOf });
    const movement = await getTierMovement(ctx);
    expect(movement).toMatchObject({ previousAsOf: asOf.toISOString(), latestAsOf: asOf.toISOString(), unchanged: 5 });
    expect(movement!.moves).toEqual([
      { from: null, to: "ordinary", customers: 1, direction: "new" },
      { from: "silver", to: "gold", customers: 1, direction: "up" },
      { from: "diamond", to: "gold", customers: 1, direction: "down" },
    ]);
  });

  it("keeps the dashboard's aggregates until the data changes, then shows the new numbers", async () => {
    const { ctx, d } = await handMadeStore();
    const before = await loadOwnerDashboard(ctx, "all", asOf);
    expect(before.tiers.find((t) => t.tier === "crown")!.customers).toBe(1);
    expect(before.repeatByMonth.at(-1)).toMatchObject({ month: "2026-06", buyers: 1 });
    // Read twice from the same data: the same answer (from the stored snapshot).
    expect(await loadOwnerDashboard(ctx, "all", asOf)).toEqual(before);

    // A returns in June and the scores are recomputed: June has two buyers, both returning.
    await d.order("A", "2026-06-20T12:00:00Z", 1000);
    await recomputeScores(ctx.store.id, { asOf });
    const after = await loadOwnerDashboard(ctx, "all", asOf);
    expect(after.repeatByMonth.at(-1)).toMatchObject({ month: "2026-06", buyers: 2, repeatBuyers: 2, rate: 1 });
    expect(after.headline).toMatchObject({ repeatCustomers: 5 });
    expect(after.movement!.previousAsOf).not.toBeNull();
  });

  it("keep the monthly chart through a recompute that wrote no order, and redraw it for an order alone", async () => {
    const { ctx, d } = await handMadeStore();
    await loadOwnerDashboard(ctx, "all", asOf);
    const stored = async () =>
      Object.fromEntries(
        (await getDb().select().from(dashboardSnapshots).where(eq(dashboardSnapshots.storeId, ctx.store.id))).map((r) => [r.kind, r]),
      );
    const first = await stored();

    // A recompute with no order written: the score charts are redrawn, the months are not read again.
    await recomputeScores(ctx.store.id, { asOf });
    await loadOwnerDashboard(ctx, "all", asOf);
    const second = await stored();
    expect(second["tiers"]!.version).not.toBe(first["tiers"]!.version);
    expect(second["repeat-by-month"]).toEqual(first["repeat-by-month"]);

    // An order written with no recompute after it still shows in its month.
    await d.order("B", "2026-06-25T12:00:00Z", 2000);
    const after = await loadOwnerDashboard(ctx, "all", asOf);
    expect(after.repeatByMonth.at(-1)).toMatchObject({ month: "2026-06", buyers: 2, repeatBuyers: 2 });
  });

  it("are the owner's: staff are refused", async () => {
    const { ctx } = await handMadeStore();
    await expect(loadOwnerDashboard(asStaff(ctx), "365")).rejects.toMatchObject({ code: "forbidden" });
    await expect(getTierBreakdown(asStaff(ctx))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("give nothing to draw for a store without orders", async () => {
    const ctx = await makeStore("dash");
    const data = await loadOwnerDashboard(ctx, "365");
    expect(data.headline).toBeNull();
    expect(data.concentration).toEqual([]);
    expect(data.repeatByMonth).toEqual([]);
    expect(data.movement).toBeNull();
  });
});

describe("the lists the charts open", () => {
  it("filter customers by score band and by the tier they held before", async () => {
    const { ctx, d } = await handMadeStore();
    const names = async (query: Record<string, string>) =>
      (await listCustomers(ctx, customerListQuerySchema.parse(query))).customers.map((c) => c.externalId).sort();
    expect(await names({ minScore: "50", maxScore: "60" })).toEqual(["C"]);
    expect(await names({ minScore: "90" })).toEqual(["E"]);
    expect(await names({ maxScore: "0" })).toEqual(["F", "G"]);
    await saveScoringRules(ctx, { cutoffs: { silver: 40, gold: 56, diamond: 79, crown: 100 }, hysteresis: 0 });
    await d.customer("H");
    await recomputeScores(ctx.store.id, { asOf });
    expect(await names({ tier: "gold", previousTier: "diamond" })).toEqual(["D"]);
    expect(await names({ tier: "gold", previousTier: "silver" })).toEqual(["C"]);
  });
});

describe("the staff's work queue", () => {
  it("lists customers flagged recently, newest first, for any role", async () => {
    const { ctx, d } = await handMadeStore();
    expect(await recentlyFlaggedCustomers(asStaff(ctx))).toEqual([]);
    await d.flag("B", "malicious_complaint");
    await d.flag("E", "confirmed_fraud");
    const flagged = await recentlyFlaggedCustomers(asStaff(ctx));
    expect(flagged.map((f) => [f.externalId, f.flag])).toEqual(
      expect.arrayContaining([
        ["B", "malicious_complaint"],
        ["E", "confirmed_fraud"],
      ]),
    );
    expect(flagged).toHaveLength(2);
    // Flags set more than 30 days before "now" are not recent.
    expect(await recentlyFlaggedCustomers(asStaff(ctx), { now: new Date(Date.now() + 31 * 86_400_000) })).toEqual([]);
  });
});
