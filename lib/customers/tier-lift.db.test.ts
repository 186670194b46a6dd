import { describe, expect, it } from "vitest";
import { enrolCustomer } from "@/lib/memberships/enrolments";
import { createPlan } from "@/lib/memberships/plans";
import { makeCustomer } from "@/lib/pricing/pricing-test-data";
import { makeStore } from "@/tests/factories";
import { getCustomer } from "./queries";
import { recomputeScores } from "./recompute";
import { scoringRulesByVersion } from "./rules";
import { customerTierLift } from "./tier-lift-query";

describe("the customer page's word on a lifted tier", () => {
  it("names the paid membership that lifts a customer above the tier their score earns", async () => {
    const ctx = await makeStore("lift");
    const customer = await makeCustomer(ctx, "buyer-lift");
    const plan = await createPlan(ctx, { name: "金卡会员", fee: 9900, lengthDays: 30, tier: "gold" });
    const enrolled = await enrolCustomer(ctx, { planId: plan.id, customer: "buyer-lift" });
    await recomputeScores(ctx.store.id);
    const view = await getCustomer(ctx, { id: customer.id });
    expect(view.tier).toBe("gold");
    const rules = (await scoringRulesByVersion(ctx.store.id, [view.ruleVersion])).get(view.ruleVersion)!;
    expect(await customerTierLift(ctx, view, rules)).toEqual([
      { kind: "membership", scoreTier: "ordinary", tier: "gold", planName: "金卡会员", endsAt: enrolled.endsAt },
    ]);
  });
});
