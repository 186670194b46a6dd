import { describe, expect, it } from "vitest";
import { keptTexts } from "./kept-texts";

describe("keptTexts", () => {
  it("makes a value's text once, and keeps each language's apart", () => {
    const made: string[] = [];
    const days = (locale: string) =>
      keptTexts("test.days", locale, (n: number) => {
        made.push(`${locale} ${n}`);
        return locale === "en" ? `${n} days ago` : `${n} 天前`;
      });
    expect(days("en")(3)).toBe("3 days ago");
    expect(days("en")(3)).toBe("3 days ago");
    expect(days("zh-CN")(3)).toBe("3 天前");
    expect(made).toEqual(["en 3", "zh-CN 3"]);
  });

  it("keeps two formats of one language apart by their names", () => {
    expect(keptTexts("test.a", "en", (n: number) => `a${n}`)(1)).toBe("a1");
    expect(keptTexts("test.b", "en", (n: number) => `b${n}`)(1)).toBe("b1");
  });
});
