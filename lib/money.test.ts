import { describe, expect, it } from "vitest";
import { amountAsTyped, formatMoney, majorToMinor, minorUnitDigits, toMajorUnits } from "./money";

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

  it("reads an amount typed in major units exactly, separators and all, and refuses what the currency cannot hold", () => {
    expect(majorToMinor("80,000.50", "CNY")).toBe(8000050);
    expect(majorToMinor("80 000", "GBP")).toBe(8000000);
    expect(majorToMinor("80，000.5", "CNY")).toBe(8000050);
    expect(majorToMinor("19.9", "GBP")).toBe(1990);
    expect(majorToMinor("1500", "JPY")).toBe(1500);
    // A decimal too many is refused rather than rounded: the merchant typed another price.
    expect(majorToMinor("19.999", "GBP")).toBeNull();
    expect(majorToMinor("19.5", "JPY")).toBeNull();
    for (const text of ["", "-5", "+5", "1e3", "19.", ".5", "abc", "12345678901234"]) expect(majorToMinor(text, "CNY")).toBeNull();
    expect(majorToMinor("9999999999999.99", "CNY")).toBe(999999999999999);
  });
});

describe("the currency's sign", () => {
  it("is the narrow one where the reader cannot take it for another currency", () => {
    // A Chinese merchant reading the English console writes ¥, not Intl's CN¥.
    expect(formatMoney(8000000, "CNY", "en")).toBe("¥80,000.00");
    expect(formatMoney(8000000, "CNY", "zh-CN")).toBe("¥80,000.00");
    expect(formatMoney(1500, "JPY", "en")).toBe("¥1,500");
    expect(formatMoney(1999, "GBP", "en")).toBe("£19.99");
    expect(formatMoney(1999, "EUR", "zh-CN")).toBe("€19.99");
    expect(formatMoney(1999, "USD", "en")).toBe("$19.99");
  });

  it("keeps Intl's fuller sign where the narrow one is the reader's own currency's", () => {
    // A Chinese reader's ¥ is the yuan; an English reader's $ the US dollar.
    expect(formatMoney(1500, "JPY", "zh-CN")).toBe("JP¥1,500");
    expect(formatMoney(1999, "CAD", "en")).toBe("CA$19.99");
    expect(formatMoney(1999, "HKD", "en")).toBe("HK$19.99");
    expect(formatMoney(1999, "USD", "zh-CN")).toBe("$19.99");
  });

  it("reads an amount typed with either sign", () => {
    for (const typed of ["¥85", "CN¥85", "CN¥ 85", "￥85"]) expect(majorToMinor(amountAsTyped(typed, "CNY"), "CNY"), typed).toBe(8500);
    for (const typed of ["JP¥1500", "¥1500"]) expect(majorToMinor(amountAsTyped(typed, "JPY"), "JPY"), typed).toBe(1500);
  });
});
