import { describe, expect, it } from "vitest";
import { disputeFormSchema, legalThresholdFormSchema, parseMajorAmount } from "./disputes";

// The legal threshold and the amount at stake, as a Chinese input method's full-width mode writes
// them or with the store's currency sign the pages show: read as the member price field reads them.
describe("an amount typed in a dispute form", () => {
  it("reads full-width digits, comma and point, and the store's own currency sign", () => {
    expect(parseMajorAmount("５００００", "CNY")).toBe(5_000_000);
    expect(parseMajorAmount("￥８０，０００．５０", "CNY")).toBe(8_000_050);
    expect(parseMajorAmount("¥60,000", "CNY")).toBe(6_000_000);
    expect(parseMajorAmount("CN¥ 60000", "CNY")).toBe(6_000_000);
    expect(parseMajorAmount("", "CNY")).toBe(0);
  });

  it("still refuses another currency's sign, a sign alone and what is no amount", () => {
    expect(parseMajorAmount("$60", "CNY")).toBeNull();
    expect(parseMajorAmount("¥", "CNY")).toBeNull();
    expect(parseMajorAmount("1e5", "CNY")).toBeNull();
    expect(parseMajorAmount("50000.001", "CNY")).toBeNull();
  });

  it("passes the form's shape check with those forms, and calls a full-width minus negative", () => {
    const form = (amountAtStake: string) => disputeFormSchema.safeParse({ type: "fake_return", title: "空包退货", amountAtStake });
    expect(form("５００００").success).toBe(true);
    expect(form("¥80,000.50").success).toBe(true);
    const negative = form("－５");
    expect(negative.success).toBe(false);
    expect(negative.error?.issues.map((i) => i.message)).toEqual(["The amount at stake cannot be negative."]);
    expect(form("abc").success).toBe(false);
  });

  it("says first that what is no amount with a minus before it is no amount, and a negative amount negative", () => {
    const refusals = (amountAtStake: string) =>
      disputeFormSchema.safeParse({ type: "fake_return", title: "空包退货", amountAtStake }).error?.issues.map((i) => i.message) ?? [];
    // Told "cannot be negative", the merchant took the sign away only to hear it was no amount.
    for (const typed of ["-5abc", "－５abc", "-", "-abc", "¥-5x"]) expect(refusals(typed)).toEqual(["Not an amount such as 80000 or 80000.50"]);
    for (const typed of ["-5", "-¥5", "¥-80,000.50"]) expect(refusals(typed)).toEqual(["The amount at stake cannot be negative."]);
  });
});

describe("the legal threshold typed on the parties page", () => {
  const refusals = (legalThreshold: string) => legalThresholdFormSchema.safeParse({ legalThreshold }).error?.issues.map((i) => i.message) ?? [];

  it("says a negative threshold cannot be negative, as the amount at stake does, not that it is no amount", () => {
    expect(refusals("-5")).toEqual(["The legal threshold cannot be negative."]);
    expect(refusals("－５００００")).toEqual(["The legal threshold cannot be negative."]);
    expect(refusals("¥-5")).toEqual(["The legal threshold cannot be negative."]);
    // No amount at all: the action says so ("Enter an amount such as 50000"), not that it is negative.
    expect(refusals("-5abc")).toEqual([]);
    expect(refusals("50000")).toEqual([]);
    expect(refusals("¥50,000")).toEqual([]);
  });
});
