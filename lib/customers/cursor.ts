import { AppError } from "@/lib/errors";

// The page positions the customers list and the activity pages give out: a pair of values (the
// sort's value and an id) as base64url JSON. Each list checks the pair's values itself.

export function encodeCursor(value: number | string, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

/** The pair a cursor holds, or null when it holds none (edited, cut short, forged). */
export function cursorPair(cursor: string): [unknown, unknown] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  return Array.isArray(parsed) && parsed.length === 2 ? (parsed as [unknown, unknown]) : null;
}

/** A malformed request (400 in the API), as a malformed query parameter is: see lib/validation/malformed.ts. */
export function badCursor(): AppError {
  return new AppError("invalid_request", "The cursor is not one this list gave out.", "errors.badCursor");
}
