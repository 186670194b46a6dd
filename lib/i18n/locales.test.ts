import { describe, expect, it } from "vitest";
import { readerLocale } from "./locales";

describe("the reader's language", () => {
  it("is the one they chose, whatever their browser says", () => {
    expect(readerLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
    expect(readerLocale("zh-CN", "en-US,en;q=0.9")).toBe("zh-CN");
  });

  it("until they choose, is the first of their browser's languages that the console has", () => {
    expect(readerLocale(undefined, "en-GB,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(readerLocale(undefined, "fr-FR,fr;q=0.9,en;q=0.8,zh;q=0.7")).toBe("en");
    expect(readerLocale(undefined, "zh-TW,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    // By preference, not by order.
    expect(readerLocale(undefined, "en;q=0.5, zh-CN")).toBe("zh-CN");
    expect(readerLocale(undefined, "zh;q=0, en")).toBe("en");
  });

  it("is Chinese without a language we have, or a bad cookie", () => {
    expect(readerLocale(undefined, null)).toBe("zh-CN");
    expect(readerLocale(undefined, "fr-FR,de;q=0.8")).toBe("zh-CN");
    expect(readerLocale("klingon", "*")).toBe("zh-CN");
  });
});
