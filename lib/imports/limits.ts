// The bounds every record is checked against, from the API and from a CSV alike, so that a value
// the columns cannot hold is refused with its record or row instead of failing the database.

/**
 * The largest amount of money a price, a line (quantity × unit price) or a return may carry, in
 * minor units: 100 billion in major units, far above any sale, and far enough under bigint's
 * limit that an order's lines still sum within it.
 */
export const MAX_MONEY_MINOR = 1e13;
/** The most units one order line may hold. */
export const MAX_QUANTITY = 1_000_000;
/** Counts kept as 32-bit integers (a review's likes, a share's conversions). */
export const MAX_COUNT = 1_000_000_000;
