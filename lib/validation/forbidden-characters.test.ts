import { describe, expect, it } from "vitest";
import { firstValues } from "./customers";
import { forbiddenCharacter, forbiddenCharacterMessage, forbiddenCharacterPaths } from "./forbidden-characters";

describe("forbidden characters", () => {
  it("names the path and the character of every string that holds one, at any depth", () => {
    const body = { orders: [{ externalId: "O-1", customer: { externalId: "C-1", name: "x\u0000y" } }, { externalId: "O\u202E1" }], n: 3 };
    expect(forbiddenCharacterPaths(body)).toEqual([
      { path: "orders.0.customer.name", char: "U+0000" },
      { path: "orders.1.externalId", char: "U+202E" },
    ]);
    expect(forbiddenCharacterPaths({ name: "王小明 😀", note: "two\nlines\tand a tab\r\n", ok: [true, null, 1] })).toEqual([]);
  });

  it("walks a value nested 100,000 deep without overflowing the stack", () => {
    const depth = 100_000;
    const deep = JSON.parse(`{"products":${"[".repeat(depth)}"\\u0000"${"]".repeat(depth)}}`);
    const [found] = forbiddenCharacterPaths(deep);
    expect(found!.char).toBe("U+0000");
    expect(found!.path).toBe(`products${".0".repeat(depth)}`);
  });

  it("refuses C0 and C1 controls, DEL and the bidi overrides and isolates, and line breaks outside free text", () => {
    for (const char of ["\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u009F", "\u202A", "\u202E", "\u2066", "\u2069"]) {
      expect(forbiddenCharacter(`a${char}b`, { multiline: true })).toBe(`U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
    }
    expect(forbiddenCharacter("a\nb")).toBe("U+000A");
    expect(forbiddenCharacter("a\tb")).toBe("U+0009");
    expect(forbiddenCharacter("a\r\nb\tc", { multiline: true })).toBeNull();
    // Half a surrogate pair, left alone at either end or in the middle; an emoji's two halves are one character.
    expect(forbiddenCharacter("P\uD800")).toBe("U+D800");
    expect(forbiddenCharacter("\uDC00x", { multiline: true })).toBe("U+DC00");
    expect(forbiddenCharacter("a\uDBFF\uDBFFb")).toBe("U+DBFF");
    expect(forbiddenCharacter("😀\uD83D\uDE00")).toBeNull();
    expect(forbiddenCharacterMessage("U+D800")).toBe("must not contain U+D800, half of a UTF-16 surrogate pair without its other half");
    // Neighbours that are fine: the LRM/RLM marks, zero-width joiner (emoji), NBSP.
    expect(forbiddenCharacter("a\u200E\u200F\u200D\u00A0\u202F\u2070b")).toBeNull();
  });

  it("leaves a page's search parameter with one out, as if it were not given", () => {
    expect(firstValues({ q: "a\u0000", tier: ["gold", "crown"], customer: "C-1\u202E", rep: "me\n" })).toEqual({ tier: "gold" });
  });
});
