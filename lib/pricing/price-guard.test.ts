import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";
import { assertPriceWithinLimits, guardedPriceFromPercentOff, priceFromPercentOff } from "./price-guard";

const product = { price: 10000, floorPrice: 6000 };
const cny = { currency: "CNY", locale: "zh-CN" };

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("price guard", () => {
  it("accepts prices from the floor up to the regular price inclusive", () => {
    expect(assertPriceWithinLimits(6000, product, cny)).toBe(6000);
    expect(assertPriceWithinLimits(10000, product, cny)).toBe(10000);
  });

  it("refuses a price below the floor, naming the floor and the price", () => {
    const error = refusal(() => assertPriceWithinLimits(5999, product, cny));
    expect(error.code).toBe("price_below_floor");
    expect(error.status).toBe(422);
    expect(error.key).toBe("pricing.errors.priceBelowFloor");
    expect(error.values).toEqual({ price: "¥59.99", limit: "¥60.00" });
    expect(error.message).toContain("below the floor price");
  });

  it("refuses a price above the regular price, naming it", () => {
    const error = refusal(() => assertPriceWithinLimits(10001, product, { currency: "GBP", locale: "en" }));
    expect(error.code).toBe("price_above_regular");
    expect(error.values).toEqual({ price: "£100.01", limit: "£100.00" });
    expect(error.message).toBe("The price £100.01 is above the regular price of £100.00.");
  });

  it("can demand a price strictly below the regular price (flash sales)", () => {
    const error = refusal(() => assertPriceWithinLimits(10000, product, cny, { strictlyBelowRegular: true }));
    expect(error.code).toBe("price_above_regular");
    expect(error.key).toBe("pricing.errors.priceNotBelowRegular");
    expect(assertPriceWithinLimits(9999, product, cny, { strictlyBelowRegular: true })).toBe(9999);
  });

  it("treats a missing floor as zero and refuses negative or fractional amounts", () => {
    expect(assertPriceWithinLimits(0, { price: 500, floorPrice: null }, cny)).toBe(0);
    expect(refusal(() => assertPriceWithinLimits(-1, { price: 500, floorPrice: null }, cny)).code).toBe("invalid");
    expect(refusal(() => assertPriceWithinLimits(12.5, product, cny)).code).toBe("invalid");
  });

  it("has its messages in both languages", () => {
    for (const key of ["priceNotWhole", "priceBelowFloor", "priceAboveRegular", "priceNotBelowRegular", "percentOffRange"]) {
      expect(en.pricing.errors).toHaveProperty(key);
      expect(zhCN.pricing.errors).toHaveProperty(key);
    }
  });
});

describe("percent off", () => {
  it("rounds the resulting price to the minor unit, half up", () => {
    expect(priceFromPercentOff(1999, 15)).toBe(1699); // 1699.15
    expect(priceFromPercentOff(1990, 25)).toBe(1493); // 1492.5
    expect(priceFromPercentOff(10000, 1)).toBe(9900);
    expect(priceFromPercentOff(10000, 99)).toBe(100);
  });

  it("accepts only whole percents from 1 to 99", () => {
    for (const bad of [0, 100, -5, 12.5]) {
      const error = refusal(() => priceFromPercentOff(10000, bad));
      expect(error.code).toBe("invalid");
      expect(error.key).toBe("pricing.errors.percentOffRange");
    }
  });

  it("checks the resulting price against the floor like a fixed price", () => {
    expect(guardedPriceFromPercentOff(40, product, cny)).toBe(6000);
    const error = refusal(() => guardedPriceFromPercentOff(41, product, cny));
    expect(error.code).toBe("price_below_floor");
    expect(error.values).toEqual({ price: "¥59.00", limit: "¥60.00" });
  });
});
