import { describe, expect, it } from "vitest";
import { memberPricesBody } from "./pricing";

describe("the member-prices API body", () => {
  it("takes a tier's fixed price or percent off", () => {
    expect(memberPricesBody.parse({ prices: [{ tier: "gold", percentOff: 15 }] })).toEqual({ prices: [{ tier: "gold", percentOff: 15 }] });
  });

  it("refuses a misspelt key instead of saving a price without it", () => {
    const misspelt = memberPricesBody.safeParse({ prices: [{ tier: "gold", price: 9000, percent_off: 15 }] });
    expect(misspelt.success).toBe(false);
    expect(misspelt.error?.issues.map((i) => i.path.join("."))).toContain("prices.0");
    expect(memberPricesBody.safeParse({ prices: [], replace: true }).success).toBe(false);
  });
});
