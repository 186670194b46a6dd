import { describe, expect, it } from "vitest";
import { codePointLength, externalIdText, longerThan, normalizeExternalId, normalizeText, text } from "./text";

const messages = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues.map((issue) => issue.message);

describe("text fields", () => {
  it("counts an emoji as one character: a name of exactly the limit in emoji is taken, one more refused", () => {
    expect(codePointLength("😀👍🏽")).toBe(3);
    expect(longerThan("😀".repeat(200), 200)).toBe(false);
    expect(text({ min: 1, max: 200 }).safeParse("😀".repeat(200)).success).toBe(true);
    expect(messages(text({ min: 1, max: 200 }).safeParse("😀".repeat(201)))).toEqual(["Too big: expected string to have <=200 characters"]);
    // Two emoji are two characters, not four UTF-16 units, against a minimum too.
    expect(text({ min: 2, max: 200 }).safeParse("😀😀").success).toBe(true);
    expect(text({ min: 2, max: 200 }).safeParse("😀").success).toBe(false);
  });

  it("stores names NFC, trimmed, on one line; free text keeps its line breaks", () => {
    expect(text({ max: 10 }).parse(" Cafe\u0301 ")).toBe("Café");
    expect(messages(text({ max: 10 }).safeParse("a\nb"))).toEqual(["must not contain U+000A, a control or bidirectional formatting character"]);
    expect(text({ max: 10, multiline: true }).parse("a\n\tb\r\n")).toBe("a\n\tb");
    expect(messages(text({ max: 10, multiline: true }).safeParse("\u202Eevil"))).toEqual([
      "must not contain U+202E, a control or bidirectional formatting character",
    ]);
  });

  it("stores external ids NFKC, so a full-width id typed in an IME is the ERP's", () => {
    expect(normalizeExternalId("１７８５０")).toBe("17850");
    expect(externalIdText().parse("　ＳＫＵ－１ ")).toBe("SKU-1");
    expect(externalIdText().safeParse("  ").success).toBe(false);
    expect(externalIdText().safeParse("C\t1").success).toBe(false);
  });
});

describe("normalizing without ICU for ASCII text", () => {
  it("gives what NFC and NFKC give for every ASCII character, alone and beside any other", () => {
    const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
    for (const a of ascii)
      for (const b of ascii) {
        const pair = `${a}${b}x ${a}`;
        expect(normalizeText(pair)).toBe(pair.normalize("NFC").trim());
        expect(normalizeExternalId(pair)).toBe(pair.normalize("NFKC").trim());
      }
  });

  it("still normalizes a text with one character beyond ASCII, wherever it is", () => {
    for (const [raw, nfc, nfkc] of [
      ["Cafe\u0301", "Café", "Café"],
      ["\uFF11\uFF12\uFF13", "\uFF11\uFF12\uFF13", "123"],
      ["  A\uFB01 ", "A\uFB01", "Afi"],
      ["x\u00A0", "x", "x"],
      ["\u212B", "\u00C5", "\u00C5"],
      ['"\\\u2126"', '"\\\u03A9"', '"\\\u03A9"'],
    ] as const) {
      expect(normalizeText(raw)).toBe(nfc);
      expect(normalizeExternalId(raw)).toBe(nfkc);
    }
  });
});
