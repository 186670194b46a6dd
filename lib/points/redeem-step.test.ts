import { describe, expect, it } from "vitest";
import { redeemStep } from "./redeem-step";

describe("the fewest points a redemption takes", () => {
  it("is the points that make a whole minor unit of coupon", () => {
    expect(redeemStep(100, "CNY")).toBe(1);
    expect(redeemStep(3, "CNY")).toBe(3);
    expect(redeemStep(250, "CNY")).toBe(5);
    // A currency without minor units: a whole yen.
    expect(redeemStep(100, "JPY")).toBe(100);
  });
});
