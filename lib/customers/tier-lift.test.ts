import { describe, expect, it } from "vitest";
import { explainTierLift, tierByCutoffs } from "./tier-lift";

const cutoffs = { silver: 40, gold: 60, diamond: 75, crown: 90 };
const base = { cutoffs, hysteresis: 5, membership: null };

describe("why a customer's tier is what it is", () => {
  it("reads the cutoffs as the recompute does: a cutoff at the score counts", () => {
    expect(tierByCutoffs(null, cutoffs)).toBe("ordinary");
    expect(tierByCutoffs(39.9, cutoffs)).toBe("ordinary");
    expect(tierByCutoffs(60, cutoffs)).toBe("gold");
    expect(tierByCutoffs(95, cutoffs)).toBe("crown");
  });

  it("says nothing when the score's cutoffs give the tier in force", () => {
    expect(explainTierLift({ ...base, score: 62, scoreTier: "gold", tier: "gold" })).toEqual([]);
    expect(explainTierLift({ ...base, score: null, scoreTier: "ordinary", tier: "ordinary" })).toEqual([]);
  });

  it("names hysteresis holding a tier the score is under, and where it drops", () => {
    expect(explainTierLift({ ...base, score: 57.5, scoreTier: "gold", tier: "gold" })).toEqual([
      { kind: "held", cutoffTier: "silver", heldTier: "gold", score: 57.5, cutoff: 60, dropsAt: 55 },
    ]);
  });

  it("names the paid membership that lifts the tier above the score's", () => {
    const endsAt = new Date("2027-03-01T00:00:00Z");
    const membership = { planName: "钻石年卡", tier: "diamond" as const, endsAt };
    expect(explainTierLift({ ...base, membership, score: 45, scoreTier: "silver", tier: "diamond" })).toEqual([
      { kind: "membership", scoreTier: "silver", tier: "diamond", planName: "钻石年卡", endsAt },
    ]);
  });

  it("names both when hysteresis holds the score's tier and a membership lifts it further", () => {
    const endsAt = new Date("2027-03-01T00:00:00Z");
    const lifts = explainTierLift({
      ...base,
      membership: { planName: "钻石年卡", tier: "diamond", endsAt },
      score: 58,
      scoreTier: "gold",
      tier: "diamond",
    });
    expect(lifts.map((l) => l.kind)).toEqual(["held", "membership"]);
  });
});
