// Characters no text here may hold, refused on every way in (the API's body, path and query, the
// forms, the CSV imports, the pages' search parameters and the command line), naming the field:
// - the NUL character (U+0000): PostgreSQL text cannot hold it, and it failed in the database as
//   a 500, whatever field it was in;
// - the other C0 and C1 control characters and DEL, which no merchant types and which print as
//   nothing, or move the cursor, in a terminal or an export;
// - the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a name
//   display reversed or out of order: a customer or a counterparty in dispute evidence must read
//   as what was stored.
// - half of a UTF-16 surrogate pair without its other half (JSON's "\ud800"): no character at
//   all, it was stored as U+FFFD, and two such ids ("\ud800", "\udbff") became one product.
// Tab, line feed and carriage return are refused too, except in free text of several lines (a
// dispute's description, a note, a reason): names and ids are one line.

// With the u flag a surrogate range matches only a surrogate left alone, never half of an emoji.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;
const FORBIDDEN_IN_ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

/** A character as a refusal names it: "U+202E". */
export function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The first character of `text` that it may not hold ("U+202E"), or null. `multiline` lets tab,
 * line feed and carriage return through (free text); without it, they are refused (names, ids).
 */
export function forbiddenCharacter(text: string, options?: { multiline?: boolean }): string | null {
  const found = (options?.multiline ? FORBIDDEN : FORBIDDEN_IN_ONE_LINE).exec(text);
  return found ? codePointName(found[0]) : null;
}

/** `text` with each character no one-line text may hold put as U+FFFD: to quote what was refused. */
export function withoutForbiddenCharacters(text: string): string {
  return text.replace(new RegExp(FORBIDDEN_IN_ONE_LINE.source, "gu"), "\uFFFD");
}

/** The API's word for a field holding one (English, as all its messages). */
export function forbiddenCharacterMessage(char: string): string {
  if (/^U\+D[89A-F]/.test(char)) return `must not contain ${char}, half of a UTF-16 surrogate pair without its other half`;
  return `must not contain ${char}, a control or bidirectional formatting character`;
}

/**
 * The paths (`orders.3.customer.name`) of every string in `value` holding a character no text may
 * hold (tab and line breaks let through: whether a field is one line is its schema's to say),
 * each with the first such character, in the order they stand in it.
 */
export function forbiddenCharacterPaths(value: unknown): { path: string; char: string }[] {
  // Walked with a stack of its own, each node's path put together only for a string found: a
  // request body nested 5,000 arrays deep overflowed the call stack of a recursive walk (a 500).
  interface Node {
    value: unknown;
    key: string;
    parent: Node | null;
  }
  const pathOf = (node: Node) => {
    const keys: string[] = [];
    for (let at: Node = node; at.parent; at = at.parent) keys.push(at.key);
    return keys.reverse().join(".");
  };
  const found: { path: string; char: string }[] = [];
  const stack: Node[] = [{ value, key: "", parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node.value === "string") {
      const char = forbiddenCharacter(node.value, { multiline: true });
      if (char) found.push({ path: pathOf(node), char });
      continue;
    }
    if (node.value === null || typeof node.value !== "object") continue;
    const entries = Array.isArray(node.value) ? node.value.map((v, i) => [String(i), v] as const) : Object.entries(node.value);
    // Pushed last first, so that the first is taken first.
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], key: entries[i]![0], parent: node });
  }
  return found;
}
