import { describe, expect, it } from "vitest";
import { MAX_SLOTS, slotShares } from "./stock";

describe("stock slots", () => {
  it("spread the quantity as evenly as whole units allow, never more slots than units", () => {
    expect(slotShares(100)).toHaveLength(MAX_SLOTS);
    expect(slotShares(100).reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.max(...slotShares(100)) - Math.min(...slotShares(100))).toBeLessThanOrEqual(1);
    expect(slotShares(3)).toEqual([1, 1, 1]);
    expect(slotShares(1)).toEqual([1]);
  });
});
