import { and, asc, eq, sql, TransactionRollbackError, type SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type DbOrTx } from "@/db";
import { customerMemberships, membershipPlans, tierChanges, tiers, type Tier } from "@/db/schema";
import { asStaff, makeStore } from "@/tests/factories";
import { assignRep } from "@/lib/reps/assignments";
import { ensureUserWithRole } from "@/lib/users/commands";
import { storeData } from "@/tests/store-data";
import type { StoreContext } from "@/lib/stores/context";
import { getCustomer, latestScoreSummary, listCustomerRows, listCustomers } from "./queries";
import { recomputeScores } from "./recompute";
import { saveScoringRules } from "./rules";

// Every number below was worked out by hand from PRODUCT.md §3 (see the comments); the test
// fails if the SQL disagrees with the merchant's spreadsheet.

const asOf = new Date("2026-06-30T12:00:00Z");
const third = 100 / 3;

async function view(ctx: StoreContext, externalId: string) {
  return getCustomer(ctx, { externalId });
}

function factor(customer: Awaited<ReturnType<typeof view>>, key: string) {
  return customer.factors.find((f) => f.key === key)!;
}

async function handMadeStore() {
  const ctx = await makeStore("score");
  const d = storeData(ctx);
  // A: 3 paid orders (60,000), last 10 days ago; a completed refund of 5,000 (net 55,000);
  // two reviews (one with photos, rating 5; one rating 3) → weighted 3; one share.
  await d.order("A", "2026-01-10T08:00:00Z", 10000);
  await d.order("A", "2026-04-01T08:00:00Z", 20000);
  await d.order("A", "2026-06-20T12:00:00Z", 30000);
  await d.return("A", "2026-06-22T00:00:00Z", 5000, "completed");
  await d.review("A", "2026-06-25T00:00:00Z", 5, true);
  await d.review("A", "2026-05-01T00:00:00Z", 3);
  await d.share("A", "2026-06-26T00:00:00Z");
  // B: 2 paid orders (10,000), last 1 day ago, a cancelled order and a rejected return (neither
  // counts); no reviews, no shares.
  await d.order("B", "2026-02-01T00:00:00Z", 5000);
  await d.order("B", "2026-06-29T12:00:00Z", 5000);
  await d.order("B", "2026-06-29T13:00:00Z", 7000, "cancelled");
  await d.return("B", "2026-06-29T14:00:00Z", 5000, "rejected");
  // C: 1 paid order (80,000) 91 days ago; a requested return (counts, not refunded); one
  // rating-4 review; two shares (share rate capped at 1).
  await d.order("C", "2026-03-31T12:00:00Z", 80000);
  await d.return("C", "2026-04-02T00:00:00Z", 80000, "requested");
  await d.review("C", "2026-04-03T00:00:00Z", 4);
  await d.share("C", "2026-04-04T00:00:00Z");
  await d.share("C", "2026-04-05T00:00:00Z");
  // D: window edges — an order exactly at asOf − 365 days (out) and one exactly at asOf (in).
  await d.order("D", "2025-06-30T12:00:00Z", 99999);
  await d.order("D", "2026-01-01T00:00:00Z", 10000);
  await d.order("D", "2026-03-01T00:00:00Z", 10000);
  await d.order("D", "2026-06-30T12:00:00Z", 10000);
  // E: bought only before the window: no score, ordinary. F: never bought.
  await d.order("E", "2024-01-01T00:00:00Z", 50000);
  await d.customer("F");
  return { ctx, d };
}

describe("scoring a hand-made store", () => {
  it("computes every metric, factor, score and tier as worked out by hand", async () => {
    const { ctx } = await handMadeStore();
    const result = await recomputeScores(ctx.store.id, { asOf });
    expect(result).toMatchObject({ customers: 6, scored: 4, highValue: 0, ruleVersion: 1 });

    const a = await view(ctx, "A");
    expect(a).toMatchObject({
      orders: 3,
      spend: 60000,
      averageOrderValue: 20000,
      recencyDays: 10,
      returns: 1,
      refunded: 5000,
      netSpend: 55000,
      reviews: 2,
      shares: 1,
      isRepeat: true,
      positiveReviewRate: 0.5,
      interactionRate: 1,
      lastOrderAt: "2026-06-20T12:00:00.000Z",
    });
    expect(a.returnRate).toBeCloseTo(1 / 3, 12);
    expect(a.shareRate).toBeCloseTo(1 / 3, 12);
    // Scored customers: C(1 order) < B(2) < A(3) = D(3): ties share the lowest rank → 2/3.
    // Net spend: B 10,000 < D 30,000 < A 55,000 < C 80,000. Recency: D 0 < B 1 < A 10 < C 91.
    const expectedA = { frequency: 2 * third, monetary: 2 * third, recency: third, interaction: 100, sharing: third, returns: 2 * third, reputation: 50 };
    for (const [key, value] of Object.entries(expectedA)) expect(factor(a, key).value, key).toBeCloseTo(value, 9);
    // (25·66.67 + 30·66.67 + 10·33.33 + 10·100 + 10·33.33 + 10·66.67 + 5·50) / 100 = 62.5
    expect(a.score).toBe(62.5);
    expect(a.tier).toBe("gold");
    // Return rate 1/3 > 0.30: gated, so not high-value although repeat and gold.
    expect(a.gates).toEqual(["return_rate"]);
    expect(a.isHighValue).toBe(false);

    const b = await view(ctx, "B");
    expect(b).toMatchObject({ orders: 2, spend: 10000, returns: 0, refunded: 0, netSpend: 10000, recencyDays: 1, reviews: 0 });
    // Reputation left out for B alone: (25·33.33 + 0 + 10·66.67 + 0 + 0 + 10·100) / 95 = 26.3
    expect(factor(b, "reputation")).toMatchObject({ used: false, reason: "no_reviews", points: 0 });
    expect(b.positiveReviewRate).toBeNull();
    expect(b.score).toBe(26.3);
    expect(b.tier).toBe("ordinary");

    const c = await view(ctx, "C");
    expect(c).toMatchObject({ orders: 1, returns: 1, returnRate: 1, refunded: 0, netSpend: 80000, shareRate: 1, recencyDays: 91 });
    // (0 + 30·100 + 0 + 10·100 + 10·100 + 0 + 5·100) / 100 = 55.0
    expect(c.score).toBe(55);
    expect(c.tier).toBe("silver");
    expect(c.isRepeat).toBe(false);

    const d = await view(ctx, "D");
    // The order at asOf − 365 days is out, the one at asOf is in.
    expect(d).toMatchObject({ orders: 3, spend: 30000, recencyDays: 0, lastOrderAt: "2026-06-30T12:00:00.000Z" });
    // (25·66.67 + 30·33.33 + 10·100 + 0 + 0 + 10·100) / 95 = 49.1
    expect(d.score).toBe(49.1);
    expect(d.tier).toBe("silver");

    for (const externalId of ["E", "F"]) {
      const unscored = await view(ctx, externalId);
      expect(unscored).toMatchObject({ orders: 0, score: null, tier: "ordinary", isHighValue: false, isRepeat: false });
      expect(unscored.factors.every((f) => !f.used && f.reason === "no_paid_orders")).toBe(true);
    }
  });

  it("explains each score with points that add up to it", async () => {
    const { ctx } = await handMadeStore();
    await recomputeScores(ctx.store.id, { asOf });
    const { customers } = await listCustomers(ctx, { sort: "score", limit: 50 });
    for (const customer of customers.filter((c) => c.score !== null)) {
      const total = customer.factors.reduce((sum, f) => sum + f.points, 0);
      expect(Math.round(total * 10) / 10, customer.externalId).toBe(customer.score);
    }
    const a = customers.find((c) => c.externalId === "A")!;
    expect(factor(a, "monetary").points).toBeCloseTo((30 * 2 * third) / 100, 9);
  });

  it("lists the same customers, values and pages on the customers page as in the API", async () => {
    const { ctx, d } = await handMadeStore();
    await d.flag("A", "malicious_complaint");
    await recomputeScores(ctx.store.id, { asOf });
    for (const query of [
      { sort: "score", limit: 2 },
      { sort: "netSpend", order: "asc", limit: 3 },
      { sort: "recencyDays", repeat: true, limit: 1 },
    ] as const) {
      let cursor: string | undefined;
      const pages: { ids: string[]; previousCursor: string | null }[] = [];
      do {
        const full = await listCustomers(ctx, { ...query, cursor });
        const rows = await listCustomerRows(ctx, { ...query, cursor });
        expect(rows.nextCursor).toBe(full.nextCursor);
        pages.push({ ids: rows.customers.map((c) => c.externalId), previousCursor: rows.previousCursor });
        const shown = rows.customers.map(({ sortValue: _, ...row }) => row);
        expect(shown).toEqual(
          full.customers.map((c) => ({
            id: c.id, externalId: c.externalId, name: c.name, tier: c.tier, score: c.score, orders: c.orders,
            netSpend: c.netSpend, spend: c.spend, recencyDays: c.recencyDays,
            returnRate: c.returnRate, isHighValue: c.isHighValue, gates: c.gates, rep: c.rep,
          })),
        );
        cursor = full.nextCursor ?? undefined;
      } while (cursor);
      // Back from the last page by the Previous link's cursor: the same pages, the first with none.
      expect(pages[0]!.previousCursor).toBeNull();
      for (let i = pages.length - 1; i > 0; i--) {
        const back = await listCustomerRows(ctx, { ...query, before: pages[i]!.previousCursor! });
        expect(back.customers.map((c) => c.externalId), `${query.sort} page ${i - 1}`).toEqual(pages[i - 1]!.ids);
        expect(back.previousCursor === null).toBe(i === 1);
        expect(back.nextCursor).not.toBeNull();
      }
    }
  });

  it("opens the gates with the rules, and closes them again with a compliance flag", async () => {
    const { ctx, d } = await handMadeStore();
    await recomputeScores(ctx.store.id, { asOf });
    const saved = await saveScoringRules(ctx, { gates: { maxReturnRate: 0.4 } });
    expect(saved.version).toBe(2);
    expect(saved.rules.weights.monetary).toBe(30);
    const second = await recomputeScores(ctx.store.id, { asOf });
    expect(second).toMatchObject({ highValue: 1, ruleVersion: 2 });
    expect(await view(ctx, "A")).toMatchObject({ isHighValue: true, gates: [], ruleVersion: 2 });

    await d.flag("A", "malicious_complaint");
    await recomputeScores(ctx.store.id, { asOf });
    expect(await view(ctx, "A")).toMatchObject({ isHighValue: false, gates: ["compliance_flag"], tier: "gold", score: 62.5 });

    await saveScoringRules(ctx, { gates: { complianceFlags: false } });
    await recomputeScores(ctx.store.id, { asOf });
    expect(await view(ctx, "A")).toMatchObject({ isHighValue: true, gates: [] });
    const summary = await latestScoreSummary(ctx);
    // High-value net spend 55,000 of 55,000 + 10,000 + 80,000 + 30,000 (E's old order is outside).
    expect(summary).toMatchObject({ customers: 6, scored: 4, repeatCustomers: 3, highValue: 1, ruleVersion: 3 });
    expect(summary!.highValueSpendShare).toBeCloseTo(55000 / 175000, 12);
  });

  it("refuses invalid rules with the failing fields, and keeps the version", async () => {
    const { ctx } = await handMadeStore();
    const refusal = (patch: unknown) => saveScoringRules(ctx, patch).then(() => null, (e: { details: unknown }) => e.details);
    expect(await refusal({ weights: { frequency: 0, monetary: 0, recency: 0, interaction: 0, sharing: 0, returns: 0, reputation: 0 } })).toEqual([
      { path: "weights", message: "At least one weight must be above 0." },
    ]);
    expect(await refusal({ cutoffs: { gold: 80 } })).toEqual([
      { path: "cutoffs.diamond", message: "The diamond cutoff (75) must be above the gold cutoff (80)." },
    ]);
    // Interaction, sharing and reputation alone would leave a customer without reviews or shares unscored.
    expect(await refusal({ weights: { frequency: 0, monetary: 0, recency: 0, returns: 0, reputation: 5 } })).toEqual([
      {
        path: "weights",
        message:
          "Give frequency, spend, recency or returns a weight above 0: the other factors can be left out for a customer, who would then have no score.",
      },
    ]);
    expect(await refusal({ weights: { monetary: -1 } })).toMatchObject([{ path: "weights.monetary" }]);
    expect(await refusal({ gates: { maxReturnRat: 0.2 } })).toMatchObject([{ path: "gates", message: expect.stringContaining("maxReturnRat") }]);
    expect(await refusal({ gates: { maxReturnRate: 1.5 } })).toMatchObject([{ path: "gates.maxReturnRate" }]);
    expect(await refusal({ windowDays: 1.5 })).toMatchObject([{ path: "windowDays" }]);
    expect(await refusal({ colour: "red" })).toMatchObject([{ message: expect.stringContaining("colour") }]);
    expect(await saveScoringRules(ctx, { hysteresis: 3 })).toMatchObject({ version: 2, changed: true });
    // The rules in force sent again (a form saved twice, PUT {}) are no new version.
    expect(await saveScoringRules(ctx, { hysteresis: 3 })).toMatchObject({ version: 2, changed: false });
    expect(await saveScoringRules(ctx, {})).toMatchObject({ version: 2, changed: false, rules: { hysteresis: 3 } });
    await expect(saveScoringRules(asStaff(ctx), { hysteresis: 4 })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses a settings form saved over rules changed since it was opened (by the API or another owner)", async () => {
    const ctx = await makeStore("rules-stale");
    const opened = await saveScoringRules(ctx, { windowDays: 200 });
    // An ERP's PUT (a patch) changes the gate while the owner's page, at that version, is open.
    await saveScoringRules(ctx, { gates: { maxReturnRate: 0.2 } });
    // The page sends every rule as it showed them: the gate at its old value, the window changed.
    const form = { ...opened.rules, windowDays: 180 };
    await expect(saveScoringRules(ctx, form, { baseVersion: opened.version })).rejects.toMatchObject({
      code: "conflict",
      key: "errors.rulesChangedMeanwhile",
      values: { version: opened.version + 1 },
    });
    expect((await saveScoringRules(ctx, {})).rules).toMatchObject({ windowDays: 200, gates: { maxReturnRate: 0.2 } });
    // From the page reloaded, the owner's change lands on top of the API's.
    expect(await saveScoringRules(ctx, { ...form, gates: { ...form.gates, maxReturnRate: 0.2 } }, { baseVersion: opened.version + 1 })).toMatchObject({
      changed: true,
      rules: { windowDays: 180, gates: { maxReturnRate: 0.2 } },
    });
  });
});

describe("missing signals", () => {
  it("leaves interaction, sharing and reputation out for everyone when the store has no reviews or shares", async () => {
    const ctx = await makeStore("score");
    const d = storeData(ctx);
    await d.order("P", "2026-06-01T00:00:00Z", 10000);
    await d.order("P", "2026-06-25T12:00:00Z", 10000);
    await d.order("Q", "2026-05-21T12:00:00Z", 5000);
    await recomputeScores(ctx.store.id, { asOf });
    const p = await view(ctx, "P");
    // n = 2: P ranks 1 on orders and net spend and has the lower recency → 100, 100, 100, and
    // returns 100: (25·100 + 30·100 + 10·100 + 10·100) / 75 = 100.
    expect(p.score).toBe(100);
    expect(p.tier).toBe("crown");
    for (const key of ["interaction", "sharing", "reputation"]) {
      expect(factor(p, key), key).toMatchObject({ used: false, reason: key === "sharing" ? "no_shares_in_store" : "no_reviews_in_store" });
    }
    // Q: only returns counts: 10·100 / 75 = 13.3
    expect((await view(ctx, "Q")).score).toBe(13.3);
  });

  it("scores a single-customer store with percent_rank 0", async () => {
    const ctx = await makeStore("score");
    await storeData(ctx).order("Solo", "2026-06-01T00:00:00Z", 12345);
    await recomputeScores(ctx.store.id, { asOf });
    const solo = await view(ctx, "Solo");
    expect(factor(solo, "frequency").value).toBe(0);
    expect(factor(solo, "monetary").value).toBe(0);
    expect(factor(solo, "recency").value).toBe(100);
    // (0 + 0 + 10·100 + 10·100) / 75 = 26.7
    expect(solo.score).toBe(26.7);
  });
});

describe("edges worked out by hand", () => {
  it("counts part days down, caps the interaction rate, holds the return gate at exactly its limit, and scores a negative net spend", async () => {
    const ctx = await makeStore("score");
    const d = storeData(ctx);
    // G: 10 paid orders of 1,000, the last 2.5 days before asOf (recency 2); 3 requested returns
    // (rate exactly 0.30: the gate is "above 0.30"); 6 photo reviews rated 5 (weighted 12 > 10
    // orders: interaction capped at 1).
    for (let i = 1; i <= 9; i++) await d.order("G", `2026-05-0${i}T00:00:00Z`, 1000);
    await d.order("G", "2026-06-28T00:00:00Z", 1000);
    for (let i = 0; i < 3; i++) await d.return("G", "2026-06-01T00:00:00Z", 500, "requested");
    for (let i = 0; i < 6; i++) await d.review("G", "2026-06-02T00:00:00Z", 5, true);
    // H: one order of 1,000 an hour before asOf (recency 0), refunded 3,000 (net −2,000); a share.
    await d.order("H", "2026-06-30T11:00:00Z", 1000);
    await d.return("H", "2026-06-30T11:30:00Z", 3000, "completed");
    await d.share("H", "2026-06-30T11:45:00Z");
    await recomputeScores(ctx.store.id, { asOf });

    const g = await view(ctx, "G");
    expect(g).toMatchObject({ orders: 10, recencyDays: 2, returns: 3, returnRate: 0.3, interactionRate: 1, netSpend: 10000, gates: [] });
    // n = 2. G: frequency 100, monetary 100, recency 0, interaction 100, sharing 0, returns 70,
    // reputation 100: (2500 + 3000 + 0 + 1000 + 0 + 700 + 500) / 100 = 77.0 → diamond.
    expect(factor(g, "interaction").value).toBe(100);
    expect(factor(g, "returns").value).toBeCloseTo(70, 12);
    expect(g).toMatchObject({ score: 77, tier: "diamond", isRepeat: true, isHighValue: true });

    const h = await view(ctx, "H");
    // H: frequency 0, monetary 0 (−2,000 is the lowest), recency 100, interaction 0, sharing 100,
    // returns 0, reputation left out (no reviews): (1000 + 1000) / 95 = 21.05… → 21.1.
    expect(h).toMatchObject({ orders: 1, recencyDays: 0, refunded: 3000, netSpend: -2000, returnRate: 1, score: 21.1, tier: "ordinary" });
    expect(factor(h, "reputation")).toMatchObject({ used: false, reason: "no_reviews" });
    expect(h.gates).toEqual(["return_rate"]);
  });

  it("counts all history with a window of 0 days", async () => {
    const ctx = await makeStore("score");
    const d = storeData(ctx);
    await d.order("E", "2024-01-01T00:00:00Z", 50000);
    await d.order("K", "2026-06-01T00:00:00Z", 10000);
    await saveScoringRules(ctx, { windowDays: 0 });
    await recomputeScores(ctx.store.id, { asOf });
    // E's order, 911.5 days before asOf, counts. One order each: frequency 0 for both (a tie).
    // No reviews or shares anywhere: interaction, sharing and reputation left out (Σw 75).
    // E: (0 + 30·100 + 10·0 + 10·100) / 75 = 53.3 → silver; K: (10·100 + 10·100) / 75 = 26.7.
    expect(await view(ctx, "E")).toMatchObject({ orders: 1, recencyDays: 911, score: 53.3, tier: "silver" });
    expect(await view(ctx, "K")).toMatchObject({ orders: 1, recencyDays: 29, score: 26.7, tier: "ordinary" });
  });

  it("leaves interaction out for everyone when the store's only reviews fall before the window", async () => {
    const ctx = await makeStore("score");
    const d = storeData(ctx);
    await d.order("P", "2026-06-01T00:00:00Z", 10000);
    await d.order("Q", "2026-05-21T00:00:00Z", 5000);
    // Before asOf − 365 days (2025-06-30T12:00Z): outside the window.
    await d.review("P", "2025-06-30T11:00:00Z", 5, true);
    await recomputeScores(ctx.store.id, { asOf });
    const p = await view(ctx, "P");
    expect(p.reviews).toBe(0);
    expect(factor(p, "interaction")).toMatchObject({ used: false, reason: "no_reviews_in_store" });
    // P: (0 + 30·100 + 10·100 + 10·100) / 75 = 66.7 → gold; Q: 10·100 / 75 = 13.3.
    expect(p).toMatchObject({ score: 66.7, tier: "gold" });
    expect((await view(ctx, "Q")).score).toBe(13.3);
  });
});

describe("tiers over recomputes", () => {
  it("holds a tier until the score falls the hysteresis under its cutoff, and records each change", async () => {
    const ctx = await makeStore("score");
    const d = storeData(ctx);
    // Only the returns factor weighs: score = (1 − returns / 40) × 100, 2.5 points a return.
    await saveScoringRules(ctx, { weights: { frequency: 0, monetary: 0, recency: 0, interaction: 0, sharing: 0, returns: 100, reputation: 0 } });
    for (let i = 0; i < 40; i++) {
      const day = `2026-05-${String((i % 20) + 1).padStart(2, "0")}`;
      await d.order("X", `${day}T0${Math.floor(i / 20)}:00:00Z`, 1000);
      await d.order("Y", `${day}T1${Math.floor(i / 20)}:00:00Z`, 1000);
    }
    for (let i = 0; i < 16; i++) await d.return("X", "2026-06-01T00:00:00Z", 100, "requested");
    for (let i = 0; i < 17; i++) await d.return("Y", "2026-06-01T00:00:00Z", 100, "requested");

    await recomputeScores(ctx.store.id, { asOf });
    // First computation: cutoffs exactly. X 60.0 → gold; Y 57.5 → silver.
    expect(await view(ctx, "X")).toMatchObject({ score: 60, tier: "gold", previousTier: null });
    expect(await view(ctx, "Y")).toMatchObject({ score: 57.5, tier: "silver" });

    await d.return("X", "2026-06-02T00:00:00Z", 100, "approved");
    await recomputeScores(ctx.store.id, { asOf });
    // 57.5 is 2.5 under gold's 60, less than the hysteresis of 5: X stays gold.
    expect(await view(ctx, "X")).toMatchObject({ score: 57.5, tier: "gold", previousTier: "gold" });

    await d.return("X", "2026-06-03T00:00:00Z", 100, "completed");
    await recomputeScores(ctx.store.id, { asOf });
    // 55.0 has fallen the whole 5 points under 60: X drops to silver.
    expect(await view(ctx, "X")).toMatchObject({ score: 55, tier: "silver", previousTier: "gold" });

    const xId = await d.customer("X");
    const history = await getDb()
      .select({ from: tierChanges.fromTier, to: tierChanges.toTier, score: tierChanges.score })
      .from(tierChanges)
      .where(and(eq(tierChanges.storeId, ctx.store.id), eq(tierChanges.customerId, xId)))
      .orderBy(asc(tierChanges.runId));
    expect(history).toEqual([
      { from: null, to: "gold", score: 60 },
      { from: "gold", to: "silver", score: 55 },
    ]);
  });
});

describe("paid membership", () => {
  it("lifts the tier in force while active, and falls back to the score's tier at its end", async () => {
    const ctx = await makeStore("score");
    const d = storeData(ctx);
    // M: 2 orders, less spend and older than O's one order; no reviews or shares anywhere.
    // M = (25·100 + 30·0 + 10·0 + 10·100) / 75 = 46.7 → silver by score. N never bought.
    await d.order("M", "2026-01-01T00:00:00Z", 1000);
    await d.order("M", "2026-01-02T00:00:00Z", 1000);
    await d.order("O", "2026-06-01T00:00:00Z", 90000);
    const n = await d.customer("N");
    const m = await d.customer("M");
    const [plan] = await getDb()
      .insert(membershipPlans)
      .values({ storeId: ctx.store.id, name: "金卡", fee: 9900, lengthDays: 30, tier: "gold" })
      .returning({ id: membershipPlans.id });
    for (const customerId of [m, n]) {
      await getDb().insert(customerMemberships).values({
        storeId: ctx.store.id,
        customerId,
        planId: plan!.id,
        tier: "gold",
        feePaid: 9900,
        startsAt: new Date("2026-06-10T00:00:00Z"),
        endsAt: new Date("2026-07-10T00:00:00Z"),
      });
    }

    await recomputeScores(ctx.store.id, { asOf });
    const member = await view(ctx, "M");
    // The membership lifts the tier in force to gold, and M (two orders, no gate) becomes
    // high-value with it.
    expect(member).toMatchObject({ score: 46.7, tier: "gold", isHighValue: true });
    // N never bought: no score, but a paying member holds gold (and is no repeat customer).
    expect(await view(ctx, "N")).toMatchObject({ score: null, tier: "gold", isHighValue: false });

    // Exactly at ends_at the membership no longer counts.
    await recomputeScores(ctx.store.id, { asOf: new Date("2026-07-10T00:00:00Z") });
    expect(await view(ctx, "N")).toMatchObject({ tier: "ordinary" });
    expect(await view(ctx, "M")).toMatchObject({ tier: "silver", isHighValue: false });
  });
});

describe("what a recompute rewrites", () => {
  // The run that last wrote each customer's row, and its frequency factor.
  async function rows(storeId: number) {
    const { rows } = await getDb().execute<{ external_id: string; run_id: number; rule_version: number; f_frequency: number | null }>(sql`
      select c.external_id, s.run_id::int as run_id, s.rule_version, s.f_frequency
      from customer_scores s join customers c on c.store_id = s.store_id and c.id = s.customer_id
      where s.store_id = ${storeId} order by c.external_id`);
    return new Map(rows.map((r) => [r.external_id, r]));
  }

  it("keeps a row whose rank factors moved by less than 0.01, and rewrites every row for new rules", async () => {
    const { ctx } = await handMadeStore();
    const db = getDb();
    await recomputeScores(ctx.store.id, { asOf });
    // The second run writes every row once more (each row's previous tier is now the first's).
    const first = await recomputeScores(ctx.store.id, { asOf });
    // As if the factors had moved since: A's by thousandths (one customer more among
    // thousands does that to everyone's), B's by a hundredth.
    const nudge = (who: string, by: number) => db.execute(sql`
      update customer_scores s set f_frequency = f_frequency + ${by}
      from customers c where c.store_id = s.store_id and c.id = s.customer_id and s.store_id = ${ctx.store.id} and c.external_id = ${who}`);
    await nudge("A", 0.003);
    await nudge("B", -0.02);
    const before = await rows(ctx.store.id);
    const again = await recomputeScores(ctx.store.id, { asOf });
    const after = await rows(ctx.store.id);
    expect(after.get("A")).toEqual(before.get("A")); // kept, with its own run
    expect(after.get("B")!.run_id).toBe(again.runId); // written again, exact
    expect(after.get("B")!.f_frequency).toBeCloseTo(third, 9);
    expect([...after.values()].filter((r) => r.run_id === again.runId).map((r) => r.external_id)).toEqual(["B"]);

    // A new version of the rules: every row is written, those whose score it does not move too,
    // so each names the rules its explanation is read with.
    await saveScoringRules(ctx, { hysteresis: 6 });
    const renamed = await recomputeScores(ctx.store.id, { asOf });
    expect(renamed.ruleVersion).toBe(first.ruleVersion + 1);
    for (const row of (await rows(ctx.store.id)).values()) expect(row).toMatchObject({ run_id: renamed.runId, rule_version: renamed.ruleVersion });
  });
});

describe("the list in the order of the scores", () => {
  it("lists by score and by tier as the new rules score, after a rules change moves every score", async () => {
    const { ctx } = await handMadeStore();
    const everyone = async () => (await listCustomers(ctx, { sort: "netSpend", limit: 100 })).customers;
    // The order a spreadsheet of the scores gives: highest first, nulls last, ties by the higher id.
    const byScore = (customers: Awaited<ReturnType<typeof everyone>>) =>
      [...customers].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || b.id - a.id).map((c) => c.externalId);
    const listed = async (query: { tier?: Tier } = {}) =>
      (await listCustomerRows(ctx, { sort: "score", limit: 100, ...query })).customers.map((c) => c.externalId);

    await recomputeScores(ctx.store.id, { asOf });
    const before = await everyone();
    expect(await listed()).toEqual(byScore(before));
    // Recency alone: the latest buyers first, and tiers move with the scores.
    await saveScoringRules(ctx, { weights: { frequency: 0, monetary: 0, recency: 1, interaction: 0, sharing: 0, returns: 0, reputation: 0 } });
    await recomputeScores(ctx.store.id, { asOf });
    const after = await everyone();
    expect(await listed()).toEqual(byScore(after));
    expect(byScore(after)).not.toEqual(byScore(before));
    expect(after.filter((c) => before.find((b) => b.id === c.id)!.tier !== c.tier).length).toBeGreaterThan(0);
    for (const tier of tiers) {
      expect(await listed({ tier }), tier).toEqual(byScore(after.filter((c) => c.tier === tier)));
      const bySpend = (await listCustomerRows(ctx, { sort: "netSpend", limit: 100, tier })).customers.map((c) => c.externalId);
      expect(bySpend, `${tier} by net spend`).toEqual(after.filter((c) => c.tier === tier).map((c) => c.externalId));
    }
  });
});

/** The list's pages forwards from the first: every customer's external id, and the last page. */
async function everyPage(who: StoreContext, query: Parameters<typeof listCustomerRows>[1]) {
  const ids: string[] = [];
  let page = await listCustomerRows(who, query);
  ids.push(...page.customers.map((c) => c.externalId));
  while (page.nextCursor) {
    page = await listCustomerRows(who, { ...query, cursor: page.nextCursor });
    ids.push(...page.customers.map((c) => c.externalId));
  }
  return { ids, last: page };
}

describe("a list whose customers are found first", () => {
  it("pages a search and a rep's own customers by score as the whole list orders them, both ways", async () => {
    // 40 customers, every second one's name holding 老客; scores in tied groups of five, and
    // every seventh customer with no order in the window (no score: listed last).
    const ctx = await makeStore("found");
    await getDb().execute(sql`
      with c as (
        insert into customers (store_id, external_id, name)
        select ${ctx.store.id}, 'R' || i, case when i % 2 = 0 then '老客' || i else 'X' || i end from generate_series(1, 40) i
        returning id, external_id, substr(external_id, 2)::int as i
      )
      insert into orders (store_id, external_id, customer_id, placed_at, status, total)
      select ${ctx.store.id}, c.external_id || '-' || n, c.id,
             case when c.i % 7 = 0 then timestamptz '2024-01-01T00:00:00Z' else timestamptz '2026-06-01T12:00:00Z' end - n * interval '1 day',
             'paid', 1000 * (c.i % 5 + 1)
      from c cross join lateral generate_series(1, c.i % 3 + 1) n`);
    await recomputeScores(ctx.store.id, { asOf });
    const staff = await ensureUserWithRole({ storeId: ctx.store.id, email: `rep-${ctx.store.slug}@test.laoke`, password: "rep-password", role: "staff" });
    const whole = (await listCustomerRows(ctx, { sort: "score", limit: 100 })).customers;
    // Reps are for high-value customers only: every second of them.
    const assigned = whole.filter((c) => c.isHighValue).filter((_, i) => i % 2 === 0);
    for (const c of assigned) await assignRep(ctx, { customerId: c.id, userId: staff.userId });
    expect(assigned.length).toBeGreaterThan(4);
    expect(whole.filter((c) => c.score === null).length).toBeGreaterThan(0);

    const cases = [
      { who: ctx, query: { q: "老客" }, expected: whole.filter((c) => c.name.includes("老客")) },
      { who: ctx, query: { q: "老客", tier: "ordinary" as Tier }, expected: whole.filter((c) => c.name.includes("老客") && c.tier === "ordinary") },
      { who: asStaff(ctx, staff.userId), query: { rep: "me" as const }, expected: assigned },
    ];
    for (const { who, query, expected } of cases) {
      const label = JSON.stringify(query);
      const { ids: forwards, last } = await everyPage(who, { sort: "score", limit: 4, ...query });
      let page = last;
      expect(forwards, label).toEqual(expected.map((c) => c.externalId));
      const backwards = [...page.customers.map((c) => c.externalId)];
      while (page.previousCursor) {
        page = await listCustomerRows(who, { sort: "score", limit: 4, ...query, before: page.previousCursor });
        backwards.unshift(...page.customers.map((c) => c.externalId));
      }
      expect(backwards, label).toEqual(forwards);
    }
  });
});

/**
 * 2,100 customers, `prefix` 1…2100, named by `name` (of their number, i), each with one paid order
 * whose total makes tied groups of five scores; then scored.
 */
async function seedTiedCustomers(ctx: StoreContext, prefix: string, name: SQL) {
  await getDb().execute(sql`
    with c as (
      insert into customers (store_id, external_id, name)
      select ${ctx.store.id}, ${prefix} || i, ${name} from generate_series(1, 2100) i
      returning id, external_id, substr(external_id, 2)::int as i
    )
    insert into orders (store_id, external_id, customer_id, placed_at, status, total)
    select ${ctx.store.id}, c.external_id || '-1', c.id, timestamptz '2026-06-01T12:00:00Z', 'paid', 1000 * (c.i % 5 + 1) from c`);
  await recomputeScores(ctx.store.id, { asOf });
  // Statistics that count the new store, as autovacuum's would be by the time anyone lists it:
  // planned for a store of one row, the list by score took 1.7 s a page on PostgreSQL.
  await getDb().execute(sql`analyze customers, customer_scores, customer_score_order`);
}

describe("a rep's own customers", () => {
  it("lists every customer of the rep's book, a large one and a small one, by score and by net spend", async () => {
    // 2,100 customers; one rep holds every customer but every 70th (2,070), another every 70th
    // (30). Scores in tied groups.
    const ctx = await makeStore("books");
    const db = getDb();
    await seedTiedCustomers(ctx, "B", sql`'B' || i`);
    const rep = async (name: string, small: boolean) => {
      const user = await ensureUserWithRole({ storeId: ctx.store.id, email: `${name}-${ctx.store.slug}@test.laoke`, password: "rep-password", role: "staff" });
      await db.execute(sql`
        insert into rep_assignments (store_id, customer_id, user_id)
        select store_id, id, ${user.userId} from customers
        where store_id = ${ctx.store.id} and (substr(external_id, 2)::int % 70 = 0) = ${small}`);
      return asStaff(ctx, user.userId);
    };
    const large = await rep("large", false);
    const small = await rep("small", true);
    const listed = async (who: StoreContext, query: { rep?: "me"; sort: "score" | "netSpend" }) => (await everyPage(who, { ...query, limit: 500 })).ids;
    for (const sort of ["score", "netSpend"] as const) {
      const whole = await listed(ctx, { sort });
      expect(whole).toHaveLength(2100);
      const inSmallBook = (id: string) => Number(id.slice(1)) % 70 === 0;
      expect(await listed(large, { rep: "me", sort }), `large book by ${sort}`).toEqual(whole.filter((id) => !inSmallBook(id)));
      expect(await listed(small, { rep: "me", sort }), `small book by ${sort}`).toEqual(whole.filter(inSmallBook));
    }
  });
});

describe("a search of one character", () => {
  it("lists every name holding it, any case, whether few names hold it (found first) or many (walked)", async () => {
    // 2,100 customers named A1…A2100, every 70th QA…: "A" is in more names than a rare character
    // may be (2,000), "Q" in 30. Scores in tied groups.
    const ctx = await makeStore("one-char");
    await seedTiedCustomers(ctx, "E", sql`case when i % 70 = 0 then 'Q' else '' end || 'A' || i`);
    const listed = async (query: { q?: string; sort: "score" | "netSpend" }) => (await everyPage(ctx, { ...query, limit: 500 })).ids;
    for (const sort of ["score", "netSpend"] as const) {
      const whole = await listed({ sort });
      expect(whole).toHaveLength(2100);
      const named = (text: string) => whole.filter((id) => (Number(id.slice(1)) % 70 === 0 ? "qa" : "a").includes(text.toLowerCase()));
      for (const q of ["A", "a", "Q", "q", "龘"]) {
        const expected = named(q);
        expect(await listed({ q, sort }), `${q} by ${sort}`).toEqual(expected);
      }
      expect(named("q")).toHaveLength(30);
    }
  });
});

describe("a search typed in full-width digits and letters", () => {
  it("finds the names that hold them as ASCII (a masked phone number) and the names that hold them as typed", async () => {
    const ctx = await makeStore("full-width");
    await getDb().execute(sql`
      with c as (
        insert into customers (store_id, external_id, name)
        values (${ctx.store.id}, 'W1', '152****2107'), (${ctx.store.id}, 'W2', '小明２号'), (${ctx.store.id}, 'W3', 'Amy老客'), (${ctx.store.id}, 'W4', '王五')
        returning id, external_id
      )
      insert into orders (store_id, external_id, customer_id, placed_at, status, total)
      select ${ctx.store.id}, c.external_id || '-1', c.id, timestamptz '2026-06-01T12:00:00Z', 'paid', 1000 from c`);
    await recomputeScores(ctx.store.id, { asOf });
    const found = async (q: string) => (await everyPage(ctx, { sort: "score", limit: 50, q })).ids.sort();
    // Two characters or more (found through the pairs' index) and one (through the characters').
    expect(await found("２１０７")).toEqual(["W1"]);
    expect(await found("ａｍｙ")).toEqual(["W3"]);
    expect(await found("２")).toEqual(["W1", "W2"]);
    expect(await found("１")).toEqual(["W1"]);
    // As typed: a name stored with a full-width digit, and an ASCII search as before.
    expect(await found("明２")).toEqual(["W2"]);
    expect(await found("2107")).toEqual(["W1"]);
  });
});

describe("what a recompute keeps", () => {
  it("never keeps a rank factor that would show another figure than the exact one", async () => {
    // L1 and L2 with one order, X with two, 188 with three: X's frequency is 2/190 = 1.0526 %,
    // shown 1.1. One more customer with three orders makes it 2/191 = 1.0471 %, shown 1.0: the
    // same to two decimals, which kept the old row and its 1.1.
    const ctx = await makeStore("keep");
    const db = getDb();
    await db.execute(sql`
      with c as (
        insert into customers (store_id, external_id, name)
        select ${ctx.store.id}, 'K' || i, 'K' || i from generate_series(1, 191) i
        returning id, external_id
      )
      insert into orders (store_id, external_id, customer_id, placed_at, status, total)
      select ${ctx.store.id}, c.external_id || '-' || n, c.id, timestamptz '2026-06-01T12:00:00Z' - n * interval '1 day', 'paid', 1000
      from c cross join lateral generate_series(1, case c.external_id when 'K1' then 1 when 'K2' then 1 when 'K3' then 2 else 3 end) n`);
    const d = storeData(ctx);
    await recomputeScores(ctx.store.id, { asOf });
    await recomputeScores(ctx.store.id, { asOf });
    for (const day of ["2026-05-01", "2026-05-02", "2026-05-03"]) await d.order("Z", `${day}T12:00:00Z`, 1000);
    await recomputeScores(ctx.store.id, { asOf: new Date(asOf.getTime() + 3_600_000) });
    const x = await getCustomer(ctx, { externalId: "K3" });
    expect(x.factors.find((f) => f.key === "frequency")!.value).toBeCloseTo((2 / 191) * 100, 9);
  });
});

describe("store isolation", () => {
  it("never scores or shows another store's customers", async () => {
    const { ctx: a } = await handMadeStore();
    const { ctx: b } = await handMadeStore();
    await recomputeScores(a.store.id, { asOf });
    const page = await listCustomers(b, { sort: "score", limit: 50 });
    expect(page.customers).toEqual([]);
    await expect(getCustomer(b, { externalId: "A" })).rejects.toMatchObject({ code: "not_found" });
    const aId = (await getCustomer(a, { externalId: "A" })).id;
    await expect(getCustomer(b, { id: aId })).rejects.toMatchObject({ code: "not_found" });
  });
});

// A recompute aggregates the raw rows again only for customers whose rows were written since
// the last run, or whose events crossed the window's edges; the rest keep their stored metrics.
// Whatever it skips, the result must be what reading everything gives.
describe("a recompute built on the last run", () => {
  const t1 = new Date("2026-06-30T12:00:00Z");
  const t2 = new Date("2026-07-03T12:00:00Z"); // three days later
  const day = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000).toISOString();

  // Every stored figure but previous_tier, which names the run before (another one each time).
  async function metricsOf(storeId: number) {
    const { rows } = await getDb().execute(sql`
      select c.external_id, s.orders, s.spend, s.last_order_at, s.recency_days, s.returns, s.refunded, s.net_spend,
             s.reviews, s.photo_reviews, s.positive_reviews, s.shares, s.f_frequency, s.f_monetary, s.f_recency,
             s.f_interaction, s.f_sharing, s.score, s.score_tier, s.tier, s.gates, s.is_high_value
      from customer_scores s join customers c on c.store_id = s.store_id and c.id = s.customer_id
      where s.store_id = ${storeId} order by c.external_id`);
    return rows;
  }

  it("gives what reading every row gives, after writes of every kind and a move of the window", async () => {
    const ctx = await makeStore("incremental");
    const d = storeData(ctx);
    const db = getDb();
    // 60 customers, each with orders over the year; a few with returns, reviews and shares.
    for (let i = 0; i < 60; i++) {
      const who = `K${String(i).padStart(2, "0")}`;
      for (let k = 0; k <= i % 4; k++) await d.order(who, day(t1, -20 - 70 * k - i), 1000 + 100 * i + k);
      if (i % 5 === 0) await d.return(who, day(t1, -15 - i), 500, "requested");
      if (i % 3 === 0) await d.review(who, day(t1, -10 - i), 3 + (i % 3), i % 2 === 0);
      if (i % 7 === 0) await d.share(who, day(t1, -12 - i));
    }
    // K50's oldest order leaves the window between t1 and t2; K51 has an order dated after t1.
    await d.order("K50", day(t1, -364), 7000);
    await d.order("K51", day(t1, 1), 9000);
    const first = await recomputeScores(ctx.store.id, { asOf: t1 });
    expect(first.rescored).toBe(60);

    const id = async (who: string) => (await db.execute<{ id: number }>(sql`select id::int from customers where store_id = ${ctx.store.id} and external_id = ${who}`)).rows[0]!.id;
    await d.order("K01", day(t1, 2), 4000); // a new order
    await db.execute(sql`update orders set status = 'cancelled' where store_id = ${ctx.store.id} and customer_id = ${await id("K03")}`);
    // One of K07's orders now belongs to K08 (both customers change).
    await db.execute(sql`update orders set customer_id = ${await id("K08")}
      where store_id = ${ctx.store.id} and id = (select min(id) from orders where store_id = ${ctx.store.id} and customer_id = ${await id("K07")})`);
    await db.execute(sql`delete from reviews where store_id = ${ctx.store.id} and customer_id = ${await id("K09")}`);
    await d.share("K11", day(t1, 1));
    await db.execute(sql`update returns set status = 'completed' where store_id = ${ctx.store.id} and customer_id = ${await id("K10")}`);
    await d.review("K13", day(t1, 2), 5, true);
    await d.customer("K99"); // a new customer who has bought nothing

    const second = await recomputeScores(ctx.store.id, { asOf: t2 });
    // K01, K03, K07, K08, K09, K10, K11, K13 written; K50 and K51 crossed an edge of the window;
    // K99 is new (queued when created: no stored row to read their metrics from).
    expect(second.rescored).toBe(11);
    const built = await metricsOf(ctx.store.id);

    // Everyone queued: the same asOf read from every row.
    await db.execute(sql`insert into rescore_queue (store_id, customer_id) select store_id, id from customers where store_id = ${ctx.store.id}`);
    const full = await recomputeScores(ctx.store.id, { asOf: t2 });
    expect(full.rescored).toBe(61);
    expect(await metricsOf(ctx.store.id)).toEqual(built);
    // And the changes did show: K50 lost its oldest order (3 of 4 left), K51 gained one (5),
    // K03's orders are all cancelled.
    const byId = new Map(built.map((row) => [row.external_id, row]));
    expect(byId.get("K50")).toMatchObject({ orders: 3 });
    expect(byId.get("K51")).toMatchObject({ orders: 5 });
    expect(byId.get("K03")).toMatchObject({ orders: 0, score: null });
    expect(byId.get("K99")).toMatchObject({ orders: 0, score: null });
  });

  // Every value a row stores, but which run wrote it and at what asOf.
  async function storedRowsOf(storeId: number, db: DbOrTx = getDb()) {
    const { rows } = await db.execute<{ external_id: string; row: Record<string, unknown> }>(sql`
      select c.external_id, to_jsonb(s) - 'run_id' - 'as_of' - 'customer_id' as row
      from customer_scores s join customers c on c.store_id = s.store_id and c.id = s.customer_id
      where s.store_id = ${storeId} order by c.external_id`);
    return rows;
  }

  it("rewrites rows none of whose own records changed: a flag, a membership, the store's last review leaving", async () => {
    const ctx = await makeStore("kept-rows");
    const d = storeData(ctx);
    const db = getDb();
    for (let i = 0; i < 12; i++) {
      const who = `C${String(i).padStart(2, "0")}`;
      for (let k = 0; k < 2 + (i % 3); k++) await d.order(who, day(t1, -5 - 20 * k - i), 2000 + 150 * i);
    }
    // The store's only review; 300 days old at t1, so out of the 365-day window 70 days later.
    await d.review("C00", day(t1, -300), 5, true);
    await recomputeScores(ctx.store.id, { asOf: t1 });
    const withReview = await view(ctx, "C04");
    expect(factor(withReview, "interaction")).toMatchObject({ value: 0 });

    // Nothing of C03's or C05's is written: a flag (as staff set it, without the recompute), a
    // membership; and the review leaves the window, which changes everyone's interaction factor.
    await d.flag("C03", "confirmed_fraud");
    const [plan] = await db
      .insert(membershipPlans)
      .values({ storeId: ctx.store.id, name: "钻石卡", fee: 9900, lengthDays: 365, tier: "diamond" })
      .returning({ id: membershipPlans.id });
    await db.insert(customerMemberships).values({
      storeId: ctx.store.id,
      customerId: await d.customer("C05"),
      planId: plan!.id,
      tier: "diamond",
      feePaid: 9900,
      startsAt: t1,
      endsAt: new Date(day(t1, 365)),
    });
    const t3 = new Date(day(t1, 70));
    // What reading every row again gives at t3, in a transaction rolled back.
    let everyone: Awaited<ReturnType<typeof storedRowsOf>> = [];
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into rescore_queue (store_id, customer_id) select store_id, id from customers where store_id = ${ctx.store.id}`);
        expect((await recomputeScores(ctx.store.id, { asOf: t3, db: tx })).rescored).toBe(12);
        everyone = await storedRowsOf(ctx.store.id, tx);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });

    const second = await recomputeScores(ctx.store.id, { asOf: t3 });
    expect(second.rescored).toBe(1); // C00, whose review crossed the window's edge
    const built = await storedRowsOf(ctx.store.id);
    const byId = new Map(built.map((r) => [r.external_id, r.row]));
    expect(byId.get("C03")).toMatchObject({ gates: ["compliance_flag"], is_high_value: false });
    expect(byId.get("C05")).toMatchObject({ tier: "diamond" });
    for (const { row } of built) expect(row).toMatchObject({ f_interaction: null });
    expect(built).toEqual(everyone);
  });

  it("keeps the queue and the scores as they were when a recompute fails after taking the queue", async () => {
    const { ctx, d } = await handMadeStore();
    const db = getDb();
    await recomputeScores(ctx.store.id, { asOf });
    await d.order("A", "2026-06-29T00:00:00Z", 1000);
    const before = await metricsOf(ctx.store.id);
    const queued = sql`select count(*)::int as n from rescore_queue where store_id = ${ctx.store.id}`;
    expect((await db.execute<{ n: number }>(queued)).rows[0]!.n).toBe(1);
    // The run's last write (its totals in score_runs) fails, after the queue was taken and the
    // scores written in the same transaction. Only this store's runs fail: tests run side by side.
    const fail = `fail_run_${ctx.store.id}`;
    await db.execute(sql.raw(`create function ${fail}() returns trigger language plpgsql as $$ begin raise exception 'failing on purpose'; end $$`));
    await db.execute(sql.raw(`create trigger ${fail} before update on score_runs for each row when (new.store_id = ${ctx.store.id}) execute function ${fail}()`));
    try {
      await expect(recomputeScores(ctx.store.id, { asOf })).rejects.toThrow();
    } finally {
      await db.execute(sql.raw(`drop trigger ${fail} on score_runs`));
      await db.execute(sql.raw(`drop function ${fail}()`));
    }
    expect(await metricsOf(ctx.store.id)).toEqual(before);
    expect((await db.execute<{ n: number }>(queued)).rows[0]!.n).toBe(1);
    // The next run reads A again and counts the new order.
    const again = await recomputeScores(ctx.store.id, { asOf });
    expect(again.rescored).toBe(1);
    expect((await view(ctx, "A")).orders).toBe(4);
  });

  it("reads every row again when asOf goes back or the window changes", async () => {
    const { ctx } = await handMadeStore();
    await recomputeScores(ctx.store.id, { asOf });
    const earlier = await recomputeScores(ctx.store.id, { asOf: new Date(asOf.getTime() - 86_400_000) });
    expect(earlier.rescored).toBe(earlier.customers);
    await saveScoringRules(ctx, { windowDays: 90 });
    const narrower = await recomputeScores(ctx.store.id, { asOf });
    expect(narrower.rescored).toBe(narrower.customers);
    // With nothing written and asOf where it was, nobody's rows are read again.
    const same = await recomputeScores(ctx.store.id, { asOf });
    expect(same.rescored).toBe(0);
  });
});
