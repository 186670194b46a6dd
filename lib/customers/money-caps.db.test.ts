import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { getHeadline } from "@/lib/dashboard/customer-value";
import { upsertOrders, upsertReturns } from "@/lib/imports/ingest";
import { MAX_MONEY_MINOR } from "@/lib/money";
import { ordersBody, returnsBody } from "@/lib/imports/records";
import { savePointsRules } from "@/lib/points/rules";
import { updateStoreSettings } from "@/lib/stores/commands";
import { makeStore } from "@/tests/factories";
import { getCustomer, latestScoreSummary } from "./queries";
import { recomputeScores } from "./recompute";

// The largest amounts the API accepts, with the most points the rules allow, recompute: every
// sum of them is exact, and nothing overflows a bigint (MAX_MONEY_MINOR, MAX_POINTS_PER_ENTRY).

const LINES = 500; // the most lines an API order may have

describe("a store at the money caps", () => {
  it("recomputes with exact sums, and with its points capped per order rather than failing", async () => {
    const base = await makeStore("caps");
    // A currency without minor units earns the most points a minor unit.
    await updateStoreSettings(base, { name: "Caps", currency: "JPY", timezone: "Asia/Tokyo" });
    const ctx = { ...base, store: { ...base.store, currency: "JPY", timezone: "Asia/Tokyo" } };
    const most = { enabled: true, earnRate: 10_000, expiryMonths: 1, redeemRate: 100, ordinary: 100, silver: 100, gold: 100, diamond: 100, crown: 100 };
    await savePointsRules(ctx, most, new Date("2026-01-01T00:00:00Z"));

    const order = (externalId: string, placedAt: string) => ({
      externalId,
      customer: { externalId: "whale" },
      placedAt,
      status: "paid",
      items: Array.from({ length: LINES }, (_, i) => ({ productExternalId: `P${i}`, quantity: 1, unitPrice: MAX_MONEY_MINOR })),
    });
    // Through the API's own checks: each line is at the cap, not over it. Two months ago, so
    // their points have expired by now (expiryMonths 1).
    const placed = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await upsertOrders(ctx, ordersBody.parse({ orders: [order("O1", placed(70)), order("O2", placed(60))] }));
    await upsertReturns(ctx, returnsBody.parse({
      returns: [{ externalId: "R1", customerExternalId: "whale", orderExternalId: "O1", type: "refund_only", amount: MAX_MONEY_MINOR, requestedAt: placed(59), status: "completed" }],
    }));

    await expect(recomputeScores(ctx.store.id)).resolves.toMatchObject({ customers: 1 });
    const orderTotal = LINES * MAX_MONEY_MINOR;
    expect(await getCustomer(ctx, { externalId: "whale" })).toMatchObject({
      orders: 2,
      spend: 2 * orderTotal,
      refunded: MAX_MONEY_MINOR,
      netSpend: 2 * orderTotal - MAX_MONEY_MINOR,
    });
    expect(await getHeadline(ctx)).toMatchObject({ netSpend: 2 * orderTotal - MAX_MONEY_MINOR });
    expect(await latestScoreSummary(ctx)).toMatchObject({ customers: 1, scored: 1 });

    // Each order earns at most 10^15 points (uncapped, 5 × 10^18 each, whose expiry together
    // overflowed the ledger); the return takes back its share, and what is left expires.
    const { rows } = await getDb().execute<{ kind: string; points: number }>(sql`
      select kind::text, points::float8 as points from points_entries where store_id = ${ctx.store.id} order by id`);
    const earned = rows.filter((r) => r.kind === "earn").map((r) => r.points);
    expect(earned).toEqual([1e15, 1e15]);
    const balance = rows.reduce((sum, r) => sum + r.points, 0);
    expect(balance).toBe(0);
    // A second recompute writes nothing more and still succeeds.
    await expect(recomputeScores(ctx.store.id)).resolves.toMatchObject({ customers: 1 });
  });
});
