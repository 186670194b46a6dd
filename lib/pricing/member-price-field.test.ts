import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseMemberPriceField } from "./member-price-field";

const refusal = (text: string, currency = "CNY") => {
  try {
    parseMemberPriceField("silver", text, currency);
  } catch (error) {
    if (error instanceof AppError) return { key: error.key, values: error.values, paths: error.details.map((d) => d.path) };
    throw error;
  }
  throw new Error(`"${text}" was taken`);
};

describe("a member price field", () => {
  it("reads an amount, a percent off and a blank", () => {
    expect(parseMemberPriceField("gold", "85.5", "CNY")).toEqual({ tier: "gold", price: 8550 });
    expect(parseMemberPriceField("gold", "1,299", "CNY")).toEqual({ tier: "gold", price: 129900 });
    expect(parseMemberPriceField("gold", "15 %", "CNY")).toEqual({ tier: "gold", percentOff: 15 });
    expect(parseMemberPriceField("gold", "  ", "CNY")).toBeNull();
  });

  it("reads what a Chinese input method's full-width mode types, and the store's own currency sign", () => {
    expect(parseMemberPriceField("gold", "８５．５０", "CNY")).toEqual({ tier: "gold", price: 8550 });
    expect(parseMemberPriceField("gold", "１５％", "CNY")).toEqual({ tier: "gold", percentOff: 15 });
    expect(parseMemberPriceField("gold", "¥85", "CNY")).toEqual({ tier: "gold", price: 8500 });
    expect(parseMemberPriceField("gold", "￥85", "CNY")).toEqual({ tier: "gold", price: 8500 });
    expect(parseMemberPriceField("gold", "CN¥ 85", "CNY")).toEqual({ tier: "gold", price: 8500 });
    expect(parseMemberPriceField("gold", "£9.50", "GBP")).toEqual({ tier: "gold", price: 950 });
    // Another currency's sign is not this store's money.
    expect(refusal("$9").key).toBe("pricing.errors.notAPrice");
  });

  it("says an amount has more decimals than the store's currency, rather than that it is no amount", () => {
    expect(refusal("85.555")).toEqual({
      key: "pricing.errors.tooManyDecimals",
      values: { value: "85.555", currency: "CNY", digits: 2 },
      paths: ["prices.silver"],
    });
    expect(refusal("850.5", "JPY")).toMatchObject({ key: "pricing.errors.tooManyDecimals", values: { digits: 0 } });
  });

  it("says a percent off must be whole and from 1 to 99, at the tier's field", () => {
    expect(refusal("12.5%")).toEqual({ key: "pricing.errors.percentOffRange", values: { value: "12.5" }, paths: ["prices.silver"] });
    expect(refusal("0%")).toMatchObject({ key: "pricing.errors.percentOffRange", paths: ["prices.silver"] });
    expect(refusal("150%")).toMatchObject({ key: "pricing.errors.percentOffRange", values: { value: "150" } });
  });

  it("calls what is neither neither", () => {
    expect(refusal("abc")).toEqual({ key: "pricing.errors.notAPrice", values: { value: "abc" }, paths: ["prices.silver"] });
    expect(refusal("-5").key).toBe("pricing.errors.notAPrice");
  });
});
