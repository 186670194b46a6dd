// The bounds every record is checked against, from the API and from a CSV alike, so that a value
// the columns cannot hold is refused with its record or row instead of failing the database.
// Money's bound, MAX_MONEY_MINOR, is lib/money.ts's: every amount the store keeps shares it.

/** The most units one order line may hold. */
export const MAX_QUANTITY = 1_000_000;
/** Counts kept as 32-bit integers (a review's likes, a share's conversions). */
export const MAX_COUNT = 1_000_000_000;

/**
 * The times a record may carry (an order placed, a return requested, a recompute's asOf): the
 * years 2000 to 2099. Far wider than any store's history, and narrow enough that a slip (year 1,
 * 9999) is refused, where a window reaching back from year 1 failed the recompute in PostgreSQL.
 */
export const TIME_RANGE = { from: new Date("2000-01-01T00:00:00Z"), to: new Date("2100-01-01T00:00:00Z") } as const;
export const TIME_RANGE_TEXT = { from: "2000", to: "2099" } as const;

export function inTimeRange(date: Date): boolean {
  return date >= TIME_RANGE.from && date < TIME_RANGE.to;
}


/**
 * How far a record's time (an order placed, a return requested, a review written, a share) may
 * be after the moment its request or import runs. Further ahead it is a slip (a wrong year, or a
 * time zone the export did not say): such a record counts in no score until that day comes, and
 * would stretch the dashboard's months into the future. A day, not zero: a local time read in a
 * zone other than the one it was written in is hours off either way, and the sender's clock may
 * run ahead of ours.
 */
export const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

/** Whether a record's time is further after `now` than FUTURE_TOLERANCE_MS allows. */
export function tooFarAhead(date: Date, now: Date): boolean {
  return date.getTime() - now.getTime() > FUTURE_TOLERANCE_MS;
}
