import { reason, type Localizable } from "./reasons";
import { MAX_MONEY_MINOR } from "@/lib/money";
import { FUTURE_TOLERANCE_MS, inTimeRange, TIME_RANGE_TEXT, tooFarAhead } from "./limits";
import { longerThan, normalizeExternalId, normalizeText } from "@/lib/validation/text";
import { wallClockOffset } from "@/lib/store-time";

// Reading the values of an imported row exactly: money as integers, times in the store's zone.

/** A row's value that cannot be read: the column and why, in English and for the catalogues. */
export class RowError extends Error {
  constructor(
    readonly column: string,
    readonly reason: Localizable,
  ) {
    super(reason.message);
  }
}

/** Every value of a row that cannot be read: a merchant fixes them in one go, not one per upload. */
export class RowErrors extends Error {
  constructor(readonly errors: RowError[]) {
    super(errors.map((e) => e.message).join("; "));
  }
}

/**
 * Reads a row's values, each through `cell`, going on past one that cannot be read; `done`
 * throws what could not be (RowError for one value, RowErrors for several). A value that could
 * not be read stands as undefined until then: call `done` before using the values.
 */
export function rowReader() {
  const errors: RowError[] = [];
  return {
    cell<T>(read: () => T): T {
      try {
        return read();
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        errors.push(error);
        return undefined as T;
      }
    },
    done(): void {
      if (errors.length === 1) throw errors[0]!;
      if (errors.length > 1) throw new RowErrors(errors);
    },
  };
}

const DECIMAL = /^([+-])?(\d{1,15})(?:\.(\d+))?$/;

/**
 * A decimal text as an integer count of 10^-scale units, rounded half away from zero when it
 * has more digits than that: ("2.555", 2) → 256, ("-2.555", 2) → -256. Exact: no floats.
 */
export function decimalToScaled(text: string, scale: number): bigint | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const digits = BigInt(whole! + fraction.padEnd(scale, "0").slice(0, scale));
  const rest = fraction.slice(scale);
  const roundUp = rest.length > 0 && rest[0]! >= "5";
  const magnitude = digits + (roundUp ? 1n : 0n);
  return sign === "-" ? -magnitude : magnitude;
}

/** n / d rounded half away from zero, in integers. */
export function divideRoundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = (a * 2n + b) / (2n * b);
  return negative ? -q : q;
}

export function parseInteger(column: string, text: string, options: { min?: number; max?: number } = {}): number {
  const value = text.trim();
  if (!/^[+-]?\d{1,15}$/.test(value)) throw new RowError(column, reason("notWholeNumber", { value: text }));
  const n = Number(value);
  if (options.min !== undefined && n < options.min) throw new RowError(column, reason("below", { value: n, min: options.min }));
  if (options.max !== undefined && n > options.max) throw new RowError(column, reason("above", { value: n, max: options.max }));
  return n;
}

/** Money in major units ("12.50") as minor units (1250) for a currency with `digits` minor digits. */
export function parseMoney(column: string, text: string, digits: number, options: { allowNegative?: boolean } = {}): number {
  const trimmed = text.trim();
  const match = DECIMAL.exec(trimmed);
  if (!match || (match[3]?.length ?? 0) > digits) {
    throw new RowError(column, reason("notAmount", { value: text, digits }));
  }
  const minor = Number(decimalToScaled(trimmed, digits));
  if (!options.allowNegative && minor < 0) throw new RowError(column, reason("negative", { value: text }));
  if (Math.abs(minor) > MAX_MONEY_MINOR) throw new RowError(column, reason("above", { value: trimmed, max: maxMoneyText(digits) }));
  return minor;
}

/**
 * A line of `quantity` at a price as written, with as many decimals as it has ("0.0045"), in
 * minor units of a currency with `digits`: the unit price and the line's amount, each rounded
 * half away from zero once (rounded to the minor unit first, 100 × 0.0045 was 0.50 instead of
 * 0.45); a line of more than any line may be is refused (lineAmountWithin).
 */
export function priceLine(column: string, quantity: number, text: string, digits: number): { unitPrice: number; lineAmount: number } {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new RowError(column, reason("notPrice", { value: text }));
  const [, sign, whole, fraction = ""] = match;
  const shift = digits - fraction.length;
  // Most prices have no more decimals than the minor unit and fit a double's integers exactly:
  // nothing to round, and no BigInt (several allocations per row of a large file). A product
  // that is a safe integer as a double is the exact one (one beyond 2^53 rounds to one beyond).
  if (shift >= 0 && whole!.length + fraction.length <= 15) {
    const magnitude = Number(whole! + fraction) * 10 ** shift;
    const unitPrice = sign === "-" && magnitude !== 0 ? -magnitude : magnitude;
    const lineAmount = quantity * unitPrice;
    // (0 × a negative price is -0 as a double, 0 as an integer.)
    if (Number.isSafeInteger(unitPrice) && Number.isSafeInteger(lineAmount)) return { unitPrice, lineAmount: lineAmountWithin(column, lineAmount === 0 ? 0 : lineAmount, digits) };
  }
  const price = decimalToScaled(text, fraction.length)!;
  const priceUnit = 10n ** BigInt(fraction.length);
  const minor = 10n ** BigInt(digits);
  const lineAmount = lineAmountWithin(column, divideRoundHalfAwayFromZero(BigInt(quantity) * price * minor, priceUnit), digits);
  return { unitPrice: Number(divideRoundHalfAwayFromZero(price * minor, priceUnit)), lineAmount };
}

/** MAX_MONEY_MINOR in major units, as a refusal names it: "100000000" for 2 digits (exact: a power of ten). */
const maxMoneyText = (digits: number) => String(MAX_MONEY_MINOR / 10 ** digits);

/** A line's amount, refused when it is more than any line may be (see MAX_MONEY_MINOR). */
export function lineAmountWithin(column: string, amount: number | bigint, digits: number): number {
  const magnitude = amount < 0 ? -amount : amount;
  if (magnitude > MAX_MONEY_MINOR) throw new RowError(column, reason("lineTooLarge", { max: maxMoneyText(digits) }));
  return Number(amount);
}

export function parseBoolean(column: string, text: string): boolean {
  const value = text.trim().toLowerCase();
  if (["true", "1", "yes", "y", "是"].includes(value)) return true;
  if (["false", "0", "no", "n", "否", ""].includes(value)) return false;
  throw new RowError(column, reason("notBoolean", { value: text }));
}

/** A name that may be empty (null then), stored NFC; one too long (in code points) is refused, as the API refuses it. */
export function optionalText(column: string, text: string | undefined, max = 200): string | null {
  return withinLength(column, normalizeText(text ?? ""), max) || null;
}

/** An external id, stored NFKC (full-width '１２３' is '123'), as the API's. */
export function requireId(column: string, text: string | undefined, max = 200): string {
  return required(column, optionalId(column, text, max));
}

export function optionalId(column: string, text: string | undefined, max = 200): string | null {
  return withinLength(column, normalizeExternalId(text ?? ""), max) || null;
}

function required(column: string, value: string | null): string {
  if (value === null) throw new RowError(column, reason("empty"));
  return value;
}

function withinLength(column: string, value: string, max: number): string {
  if (longerThan(value, max)) throw new RowError(column, reason("tooLong", { max }));
  return value;
}

export function oneOf<T extends string>(column: string, text: string, allowed: readonly T[]): T {
  const value = text.trim() as T;
  if (!allowed.includes(value)) throw new RowError(column, reason("notOneOf", { value: text, allowed: allowed.join(", ") }));
  return value;
}

// Also as Excel writes a date and time for a Chinese locale: "2026/11/2 9:05".
// Seconds' fractions to the millisecond, as many digits as written (PostgreSQL writes microseconds).
const LOCAL = /^(\d{4})(?:-(\d{2})-(\d{2})[T ](\d{2})|\/(\d{1,2})\/(\d{1,2}) (\d{1,2})):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;
// The offset as ISO 8601 writes it, hours alone too ("+08", as PostgreSQL writes a timestamptz).
const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|([+-])(\d{2})(?::?(\d{2}))?)$/i;
/** The largest offset a time may carry, in hours (ISO 8601's and java.time's bound; real zones reach 14). */
const MAX_OFFSET_HOURS = 18;

/**
 * Whether the fields as written name a real date and time: Date.UTC and Date's parser roll
 * impossible ones over (2011-02-30 → March 2, month 13 → next January, 10:61 → 11:01).
 */
function onCalendar(y: string, mo: string, d: string, h: string, mi: string, s = "0"): boolean {
  const t = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return (
    t.getUTCFullYear() === Number(y) && t.getUTCMonth() === Number(mo) - 1 && t.getUTCDate() === Number(d) &&
    t.getUTCHours() === Number(h) && t.getUTCMinutes() === Number(mi) && t.getUTCSeconds() === Number(s)
  );
}

/** A fraction of a second as written ("5", "123456") in whole milliseconds, the rest dropped. */
const milliseconds = (fraction: string) => Number(fraction.slice(0, 3).padEnd(3, "0"));

/**
 * Why a record's time (`text` as sent, read as `date`) is refused as lying in the future: more
 * than FUTURE_TOLERANCE_MS after `now`, the moment its request or import runs; null when it is
 * not. The one check of this for files and the API alike.
 */
export function futureTimeReason(text: string, date: Date, now: Date): Localizable | null {
  return tooFarAhead(date, now) ? reason("timeInFuture", { value: text, hours: FUTURE_TOLERANCE_MS / 3_600_000 }) : null;
}

/**
 * Reads times in a store's time zone. A time with an offset (…Z, …+08:00) is taken as is; a
 * local time ("2010-12-01 08:26:00") is read in the zone. Offsets are cached per local hour:
 * zones change offset on the hour, and a big file has few distinct hours. With `recordsAsOf`
 * (the moment an import runs), the times are records' and one too far after it is refused
 * (futureTimeReason); without it (a flash sale's start), any time in range is read.
 */
export function localTimeReader(timeZone: string, options: { recordsAsOf?: Date } = {}) {
  const offsets = new Map<string, number>();
  // The lines of one order share its time: the last text read is usually the next one, and
  // its Date is handed out again rather than copied (a Date per line cost the Online Retail
  // import 0.2 s in Next.js, whose Date constructor is a JavaScript wrapper). Nothing that reads
  // an imported row's time changes the Date.
  let lastText: string | null = null;
  let lastDate = new Date(Number.NaN);
  return function parseTime(column: string, text: string): Date {
    if (text !== lastText) {
      lastDate = readTime(column, text);
      lastText = text;
    }
    return lastDate;
  };

  function readTime(column: string, text: string): Date {
    const value = text.trim();
    const withOffset = WITH_OFFSET.exec(value);
    if (withOffset) {
      const [, y, mo, d, h, mi, s = "0", fraction = "", sign, offsetH, offsetM = "0"] = withOffset;
      if (onCalendar(y!, mo!, d!, h!, mi!, s) && Number(offsetH ?? 0) <= MAX_OFFSET_HOURS && Number(offsetM) < 60) {
        const offsetMinutes = (sign === "-" ? -1 : 1) * (Number(offsetH ?? 0) * 60 + Number(offsetM));
        const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), milliseconds(fraction));
        return inRange(new Date(utc - offsetMinutes * 60_000));
      }
    }
    const m = LOCAL.exec(value);
    // The dashed form's month, day and hour, or the slashed form's.
    const [y, mo, d, h, mi, s = "0", fraction = ""] = m ? [m[1]!, m[2] ?? m[5]!, m[3] ?? m[6]!, m[4] ?? m[7]!, m[8]!, m[9], m[10]] : [];
    if (m && onCalendar(y!, mo!, d!, h!, mi!, s)) {
      const hourKey = `${y}-${mo}-${d}T${h}`;
      let offset = offsets.get(hourKey);
      if (offset === undefined) {
        offset = wallClockOffset(timeZone, Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h)));
        offsets.set(hourKey, offset);
      }
      const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), milliseconds(fraction));
      const date = new Date(utc - offset);
      if (!Number.isNaN(date.getTime())) return inRange(date);
    }
    throw new RowError(column, reason("notTime", { value: text }));

    function inRange(date: Date): Date {
      if (!inTimeRange(date)) throw new RowError(column, reason("timeOutOfRange", { value: text, ...TIME_RANGE_TEXT }));
      const ahead = options.recordsAsOf && futureTimeReason(text, date, options.recordsAsOf);
      if (ahead) throw new RowError(column, ahead);
      return date;
    }
  }
}
