import { describe, expect, it } from "vitest";
import { formatValue } from "./format";

describe("formatValue", () => {
  const count = (locale: string) => ({ kind: "count" as const, locale });

  it("writes an axis tick under ten thousand whole, in English as in Chinese", () => {
    // recharts put ticks at 0, 350, 700, 1050 and 1400: English read "1.1K" for 1,050.
    expect([350, 1050, 1400].map((v) => formatValue(v, count("en"), true))).toEqual(["350", "1,050", "1,400"]);
    expect([350, 1050, 1400].map((v) => formatValue(v, count("zh-CN"), true))).toEqual(["350", "1,050", "1,400"]);
  });

  it("shortens an axis tick from ten thousand up, each locale in its own way", () => {
    expect(formatValue(12_000, count("en"), true)).toBe("12K");
    expect(formatValue(12_000, count("zh-CN"), true)).toBe("1.2万");
  });

  it("writes a value in full when not asked to shorten it", () => {
    expect(formatValue(1227, count("en"))).toBe("1,227");
    expect(formatValue(0.392, { kind: "percent", locale: "en" })).toBe("39.2%");
  });
});
