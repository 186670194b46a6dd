import { describe, expect, it } from "vitest";
import { fitLabel, labelColumnWidth, textWidth, wrapLabel, wrappedWidth } from "./fit-label";

describe("fitLabel", () => {
  it("keeps a label that fits as it is", () => {
    expect(fitLabel("金牌 → 钻石", 100, 12)).toBe("金牌 → 钻石");
    expect(fitLabel("  Gold  ", 100, 12)).toBe("Gold");
  });

  it("cuts a long Chinese product name and ends it with an ellipsis, within the width", () => {
    const name = "2026新款加厚羽绒服男士中长款连帽保暖外套冬季 · 12月5日";
    const fitted = fitLabel(name, 98, 12);
    expect(fitted.endsWith("…")).toBe(true);
    expect(textWidth(fitted, 12)).toBeLessThanOrEqual(98);
    // Eight ideograph-wide characters fit in 98 px at 12 px, the ellipsis one of them.
    expect(fitted).toBe("2026新款加厚羽…");
    expect(name.startsWith(fitted.slice(0, -1))).toBe(true);
  });

  it("fits more Latin letters than ideographs in the same width", () => {
    const fitted = fitLabel("Organic cold-pressed extra virgin olive oil, 1 litre", 98, 12);
    expect(fitted).toBe("Organic cold…");
    expect(textWidth(fitted, 12)).toBeLessThanOrEqual(98);
  });

  it("never splits an emoji or a character outside the basic plane", () => {
    const fitted = fitLabel("🎁🎁🎁🎁🎁🎁🎁🎁𠀀𠀀", 50, 12);
    expect(fitted).toBe("🎁🎁🎁…");
    expect([...fitted].every((c) => c === "🎁" || c === "…")).toBe(true);
  });

  it("drops a space left before the ellipsis", () => {
    expect(fitLabel("ab cdefghijklmnop", 29, 12)).toBe("ab…");
  });
});

describe("labelColumnWidth", () => {
  it("is as wide as the longest label plus the gap, within its bounds", () => {
    expect(labelColumnWidth(["金牌", "钻石"], 12, { min: 48, max: 140 })).toBe(48);
    expect(labelColumnWidth(["新客户 → 金牌", "金牌"], 12, { min: 48, max: 140 })).toBe(Math.ceil(textWidth("新客户 → 金牌", 12) + 12));
    expect(labelColumnWidth(["一个非常非常非常非常长的商品名称"], 12, { min: 48, max: 140 })).toBe(140);
    expect(labelColumnWidth([], 12, { min: 48, max: 140 })).toBe(48);
  });

  it("leaves room for the whole of the longest label once the gap is taken off", () => {
    for (const label of ["Silver → Ordinary", "Gold → Diamond", "新客户 → 金牌"]) {
      expect(fitLabel(label, labelColumnWidth([label], 12, { min: 48, max: 150 }) - 12, 12)).toBe(label);
    }
  });
});

describe("wrapLabel", () => {
  it("breaks an English type name between words, each line within the width", () => {
    expect(wrapLabel("Unfair platform treatment", 110, 12, 2)).toEqual({ lines: ["Unfair platform", "treatment"], cut: false });
    expect(wrapLabel("Counterfeit accusation", 110, 12, 2)).toEqual({ lines: ["Counterfeit", "accusation"], cut: false });
    expect(wrapLabel("IP infringement", 200, 12, 2)).toEqual({ lines: ["IP infringement"], cut: false });
  });

  it("breaks Chinese between any two characters, and after a slash, never before it", () => {
    expect(wrapLabel("平台不公平对待", 50, 12, 2)).toEqual({ lines: ["平台不公", "平对待"], cut: false });
    expect(wrapLabel("被指侵权/假货", 56, 12, 2)).toEqual({ lines: ["被指侵权/", "假货"], cut: false });
  });

  it("cuts what does not fit on the last line with an ellipsis, and says so", () => {
    const wrapped = wrapLabel("Organic cold-pressed extra virgin olive oil, 1 litre", 98, 12, 2);
    expect(wrapped).toEqual({ lines: ["Organic cold-", "pressed extr…"], cut: true });
    for (const line of wrapped.lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(98);
    // A single word wider than the line is cut too.
    expect(wrapLabel("Authorisation", 50, 12, 2)).toEqual({ lines: ["Autho…"], cut: true });
  });
});

describe("wrappedWidth", () => {
  it("is the narrowest width that takes the label on its lines whole", () => {
    const width = wrappedWidth("Unfair platform treatment", 12, 2);
    expect(width).toBe(Math.ceil(textWidth("Unfair platform", 12)));
    expect(wrapLabel("Unfair platform treatment", width, 12, 2).cut).toBe(false);
    expect(wrapLabel("Unfair platform treatment", width - 1, 12, 2).cut).toBe(true);
    expect(wrappedWidth("平台不公平对待", 12, 1)).toBe(84);
    expect(wrappedWidth("平台不公平对待", 12, 2)).toBe(48);
  });
});
