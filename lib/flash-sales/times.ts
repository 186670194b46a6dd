import { TZDate, tzOffset } from "@date-fns/tz";
import { AppError } from "@/lib/errors";
import { localTimeReader, RowError } from "@/lib/imports/values";
import { amountAsTyped, MAJOR_AMOUNT, majorToMinor, minorUnitDigits, withoutSeparators } from "@/lib/money";
import { chosenRepeatedTime, wallClockOffset, type Occurrence } from "@/lib/store-time";

// Sale times are entered and shown in the store's time zone, whatever the server's zone is.

/**
 * "2030-06-01T10:00" read in the store's zone; a time with an offset is taken as is. A text that is
 * no time (30 February) is malformed, as a time without its zone is in a record (the API's 400); a
 * time outside the years the store takes breaks a rule (422): see lib/validation/malformed.ts. So
 * does a time the store's clock never shows (the night it goes forward): a sale's start or end
 * is the owner's promise to buyers, not to be moved an hour on without a word (files and a
 * dispute's deadline read it an hour later: see localTimeReader).
 *
 * A time the clock shows twice (the night it goes back) is the `occurrence` given; the API's is
 * the first, as files read it (an offset names the second). The form passes "ask": its owner is
 * asked which one (repeatedTime, at the field's choice of the two: startsAtOccurrence) rather
 * than given the first.
 */
export function parseStoreTime(field: string, text: string, timeZone: string, occurrence: Occurrence | "ask" = "first"): Date {
  let date: Date;
  try {
    date = localTimeReader(timeZone)(field, text);
  } catch (error) {
    if (error instanceof RowError) {
      const notATime = error.reason.key === "importReasons.notTime";
      throw new AppError(notATime ? "invalid_request" : "invalid", `${field}: ${error.message}`, "flashSales.errors.badTime", { field }, [
        { path: field, message: error.message },
      ]);
    }
    throw error;
  }
  const skip = clockSkip(text, date, timeZone);
  if (skip) {
    const message = `${skip.time} does not exist on ${skip.day} in ${timeZone}: the clocks go forward from ${skip.from} to ${skip.to}. Pick another time.`;
    // The day as the page writes days ("Mar 28, 2027", by its noon), not the API's ISO one; the
    // times of the clock as the page writes times ("1:30 AM"), not the API's 24-hour ones.
    const { day, ...clock } = skip;
    const noon = Date.parse(`${day}T12:00:00Z`);
    throw new AppError("invalid", `${field}: ${message}`, "flashSales.errors.skippedTime", { ...clock, zone: timeZone }, [{ path: field, message }]).withTimes({
      day: { at: new Date(noon - wallClockOffset(timeZone, noon)), day: true },
      time: { clock: clock.time },
      from: { clock: clock.from },
      to: { clock: clock.to },
    });
  }
  return chosenRepeatedTime(field, text, timeZone, occurrence) ?? date;
}

// An offset as ISO 8601 ends a time with it ("Z", "+08", "-05:30"); a local time ends in its minutes or seconds.
const WITH_OFFSET_AT_END = /(?:z|[+-]\d{2}(?::?\d{2})?)$/i;
const pad = (n: number) => String(n).padStart(2, "0");
const hourAndMinute = (wall: number) => `${pad(new Date(wall).getUTCHours())}:${pad(new Date(wall).getUTCMinutes())}`;

/**
 * Where `text` (read as `date`) is a local time the zone's clock skips, the typed time, its day
 * and the clock's jump ("01:00" to "02:00"); null for a time the clock shows or one with an offset.
 */
export function clockSkip(text: string, date: Date, timeZone: string): { time: string; day: string; from: string; to: string } | null {
  if (WITH_OFFSET_AT_END.test(text.trim())) return null;
  // The typed wall clock as if it were UTC, and the offsets the reading took and the instant has.
  const typed = localTimeReader("UTC")("time", text).getTime();
  const offsetAt = (ms: number) => tzOffset(timeZone, new Date(ms)) * 60_000;
  const taken = typed - date.getTime();
  const after = offsetAt(date.getTime());
  if (after === taken) return null;
  // The change lies after the typed time less the new offset, and at or before the instant read.
  let [lo, hi] = [typed - after, date.getTime()];
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (offsetAt(mid) === after) hi = mid;
    else lo = mid;
  }
  return { time: hourAndMinute(typed), day: new Date(typed).toISOString().slice(0, 10), from: hourAndMinute(hi + taken), to: hourAndMinute(hi + after) };
}

/**
 * A new sale's first guess at its start: tomorrow at the next whole hour of the store's clock
 * (UTC's whole hours are half past in India or Adelaide and a quarter to in Nepal).
 */
export function suggestedSaleStart(now: Date, timeZone: string): Date {
  const z = new TZDate(now.getTime(), timeZone);
  const wall = Date.UTC(z.getFullYear(), z.getMonth(), z.getDate() + 1, z.getHours() + 1);
  return new Date(wall - wallClockOffset(timeZone, wall));
}

/** A price typed in major units ("19.9", "1,299", "１９．９０", "¥19.90") as minor units, exactly: more decimals than the currency has are refused. */
export function parseMajorPrice(text: string, currency: string): number {
  const typed = amountAsTyped(text, currency);
  const minor = majorToMinor(typed, currency);
  if (minor === null && !MAJOR_AMOUNT.test(withoutSeparators(typed))) {
    // Another currency's sign ("$79"), which the form's schema set aside with the store's own.
    throw new AppError("invalid", "Enter a price like 19.90", "errors.field.notPrice", {}, [{ path: "price", message: "not a price" }]);
  }
  if (minor === null) {
    // What is left is a decimal too many.
    const digits = minorUnitDigits(currency);
    throw new AppError("invalid", `"${text}": a price in ${currency} has at most ${digits} decimals.`, "flashSales.errors.badPrice", { value: text, currency, digits }, [
      { path: "price", message: "not a price" },
    ]);
  }
  return minor;
}
