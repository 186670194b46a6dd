import { describe, expect, it } from "vitest";
import { formatMoney, minorUnitDigits, toMajorUnits } from "./money";

describe("money in minor units", () => {
  it("knows each currency's minor unit", () => {
    expect(minorUnitDigits("CNY")).toBe(2);
    expect(minorUnitDigits("GBP")).toBe(2);
    expect(minorUnitDigits("JPY")).toBe(0);
    expect(toMajorUnits(12345, "CNY")).toBe(123.45);
    expect(toMajorUnits(12345, "JPY")).toBe(12345);
  });

  it("formats in the reader's language", () => {
    expect(formatMoney(8000000, "CNY", "zh-CN")).toBe("¥80,000.00");
    expect(formatMoney(1999, "GBP", "en")).toBe("£19.99");
  });
});
