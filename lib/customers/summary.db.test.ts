import { describe, expect, it } from "vitest";
import { getHeadline } from "@/lib/dashboard/customer-value";
import { claimFlashSale } from "@/lib/flash-sales/claims";
import { createFlashSale } from "@/lib/flash-sales/commands";
import { draft, HOUR, makeProduct } from "@/lib/flash-sales/test-helpers";
import { customerListQuerySchema } from "@/lib/validation/customers";
import { makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";
import { defaultScoringRules } from "@/lib/validation/scoring-rules";
import { currentScoreSummary, latestScoreSummary, listCustomerRows } from "./queries";
import { recomputeScores } from "./recompute";
import { currentScoringRules, saveScoringRules } from "./rules";

// The customers page's summary strip and its list count the same customers, a new buyer of a
// flash sale too, who is listed from their claim on, before any recompute counts them.

describe("the customers summary strip", () => {
  it("counts a customer a flash-sale claim created since the last recompute, as the list shows them", async () => {
    const ctx = await makeStore("strip");
    const d = storeData(ctx);
    const yesterday = new Date(Date.now() - 24 * HOUR).toISOString();
    await d.order("A", yesterday, 5000);
    await d.order("A", yesterday, 5000);
    await d.order("B", yesterday, 3000);
    await recomputeScores(ctx.store.id);
    const listed = async () => (await listCustomerRows(ctx, customerListQuerySchema.parse({}))).customers.map((c) => c.externalId).sort();
    expect(await latestScoreSummary(ctx)).toMatchObject({ customers: 2, repeatCustomers: 1, highValue: 1 });

    const product = await makeProduct(ctx, { stock: 10 });
    const sale = await createFlashSale(ctx, product.id, draft(new Date(Date.now() - HOUR), { endsAt: new Date(Date.now() + HOUR) }));
    const claim = await claimFlashSale(ctx, sale.id, { customerExternalId: "NEW", quantity: 1, idempotencyKey: "k1" });
    expect(claim.ok).toBe(true);
    // A known buyer's claim adds nobody.
    expect((await claimFlashSale(ctx, sale.id, { customerExternalId: "B", quantity: 1, idempotencyKey: "k2" })).ok).toBe(true);

    expect(await listed()).toEqual(["A", "B", "NEW"]);
    const summary = await latestScoreSummary(ctx);
    // Three customers, as listed; the new buyer has bought nothing yet: no other figure moves.
    expect(summary).toMatchObject({ customers: 3, scored: 2, repeatCustomers: 1, highValue: 1 });
    expect(await getHeadline(ctx)).toMatchObject({ customers: 3, scored: 2 });

    // The next recompute counts them itself, once.
    await recomputeScores(ctx.store.id);
    expect(await latestScoreSummary(ctx)).toMatchObject({ customers: 3, scored: 2 });
    expect(await getHeadline(ctx)).toMatchObject({ customers: 3 });
  });

  it("carries the rules in force, the defaults until some are saved, as currentScoringRules reads them", async () => {
    const ctx = await makeStore("strip");
    const d = storeData(ctx);
    await d.order("A", new Date(Date.now() - 24 * HOUR).toISOString(), 5000);
    expect(await currentScoreSummary(ctx)).toBeNull();
    await recomputeScores(ctx.store.id);
    expect((await currentScoreSummary(ctx))!.rulesInForce).toEqual(defaultScoringRules);
    // Saved without a recompute: the page names its gates by the rules now in force.
    await saveScoringRules(ctx, { gates: { maxReturnRate: 0.4 } });
    const { rulesInForce } = (await currentScoreSummary(ctx))!;
    expect(rulesInForce.gates.maxReturnRate).toBe(0.4);
    expect(rulesInForce).toEqual((await currentScoringRules(ctx.store.id)).rules);
  });
});
