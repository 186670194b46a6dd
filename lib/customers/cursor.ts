import { asc, desc, sql, type SQL, type SQLWrapper } from "drizzle-orm";
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

/**
 * A malformed request (400 in the API), as a malformed query parameter is: see lib/validation/malformed.ts.
 * Its detail names the parameter that held it (`cursor`, or `before` for the page before one), as
 * every other refused parameter is named.
 */
export function badCursor(parameter: "cursor" | "before" = "cursor"): AppError {
  return new AppError("invalid_request", "The cursor is not one this list gave out.", "errors.badCursor", undefined, [
    { path: parameter, message: "is not a cursor this list gave out" },
  ]);
}

/** A position in a list ordered by a time and an id: the time in microseconds since the epoch, as the database keeps it. */
export type TimeKeyset = [microseconds: bigint, id: number];

/**
 * A time column as microseconds (text, for encodeCursor), exactly: a JavaScript Date would cut
 * the database's times to milliseconds and a page boundary between two rows of one millisecond
 * would skip one.
 */
export function microsecondsSql(column: SQLWrapper): SQL<string> {
  return sql<string>`(extract(epoch from ${column}) * 1000000)::bigint::text`;
}

/** The time of a position, as a timestamptz to compare the column with. */
export function keysetTimeSql([microseconds]: TimeKeyset): SQL {
  return sql`(timestamptz 'epoch' + ${microseconds.toString()}::bigint * interval '1 microsecond')`;
}

/** The position a cursor of encodeCursor(microseconds, id) holds; badCursor when it holds none. */
export function decodeTimeKeyset(cursor: string): TimeKeyset {
  const pair = cursorPair(cursor);
  if (pair) {
    const [microseconds, id] = pair;
    if (typeof microseconds === "string" && /^-?\d{1,19}$/.test(microseconds) && Number.isSafeInteger(id) && (id as number) > 0) {
      return [BigInt(microseconds), id as number];
    }
  }
  throw badCursor();
}

/**
 * How a page is read from a (time, id) position: the rows after it, ascending, or those before
 * it, descending (from the earliest or the latest end without one). A list shows its rows in
 * one order and reads a page towards either end; keysetPage puts the page back in the list's order.
 */
export function timeKeysetRead(at: SQLWrapper, id: SQLWrapper, position: TimeKeyset | undefined, ascending: boolean) {
  const orderBy = ascending ? [asc(at), asc(id)] : [desc(at), desc(id)];
  if (!position) return { where: undefined, orderBy };
  const row = sql`(${at}, ${id})`;
  const from = sql`(${keysetTimeSql(position)}, ${position[1]})`;
  return { where: ascending ? sql`${row} > ${from}` : sql`${row} < ${from}`, orderBy };
}

/** The page of a read of `limit + 1` rows and whether more lie beyond it, reversed when it was read against the list's order. */
export function keysetPage<T>(found: T[], limit: number, reverse: boolean): { page: T[]; more: boolean } {
  const page = found.slice(0, limit);
  if (reverse) page.reverse();
  return { page, more: found.length > limit };
}
