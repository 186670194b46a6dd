import { TZDate, tzOffset } from "@date-fns/tz";

// Instants as the store reads them: in its time zone, in the ISO order that reads the same in
// Chinese and English ("2026-07-01 18:00"). For text that goes into messages and API reasons,
// and for the value of a datetime-local input; pages format dates for the reader's locale with
// next-intl.

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-07-01 18:00": the instant's date and time in the store's zone. */
export function storeDateTime(date: Date, timeZone: string): string {
  const zoned = new TZDate(date.getTime(), timeZone);
  return `${storeDate(date, timeZone)} ${pad(zoned.getHours())}:${pad(zoned.getMinutes())}`;
}

/** "2026-07-01": the instant's date in the store's zone. */
export function storeDate(date: Date, timeZone: string): string {
  const zoned = new TZDate(date.getTime(), timeZone);
  return `${zoned.getFullYear()}-${pad(zoned.getMonth() + 1)}-${pad(zoned.getDate())}`;
}

/**
 * `days` days after `date` on the store's calendar, at the same hour of its clock: a plan's 30
 * days from 20 March 23:30 end on 19 April 23:30, though the clocks went forward between (30 × 24
 * hours would end on 20 April at 00:30, a day later on every page that shows the date). A day
 * that lands in an hour the clocks repeat or skip is read as a typed time is (wallClockOffset).
 */
export function addStoreDays(date: Date, days: number, timeZone: string): Date {
  const z = new TZDate(date.getTime(), timeZone);
  const hour = Date.UTC(z.getFullYear(), z.getMonth(), z.getDate() + days, z.getHours());
  const wall = hour + (z.getMinutes() * 60 + z.getSeconds()) * 1000 + z.getMilliseconds();
  return new Date(wall - wallClockOffset(timeZone, hour));
}

/**
 * The zone's offset (ms) to read a local wall-clock hour with, given as if it were UTC. Where
 * the clocks go back the hour comes twice: the earlier (the offset before the change) is
 * taken. Where they go forward it never comes: it is read with the offset before the change,
 * so 01:30 in a skipped 01:00–02:00 is 02:30 (JavaScript's and Temporal's rule). The same in
 * every zone (date-fns' TZDate picks the later hour in London and the earlier in New York).
 */
export function wallClockOffset(timeZone: string, wallAsUtc: number): number {
  const offsetAt = (ms: number) => tzOffset(timeZone, new Date(ms)) * 60_000;
  const before = offsetAt(wallAsUtc - 86_400_000);
  const after = offsetAt(wallAsUtc + 86_400_000);
  // An offset fits when the instant it gives has that offset; both fit in a repeated hour.
  const fits = [before, after].filter((offset) => offsetAt(wallAsUtc - offset) === offset);
  if (fits.length === 0) return before;
  return Math.max(...fits);
}

/** Where the store's day around `at` begins and ends, as instants (23 or 25 hours apart on a day the clocks change). */
export function storeDayBounds(at: Date, timeZone: string): { from: Date; to: Date } {
  const z = new TZDate(at.getTime(), timeZone);
  // Where a zone's clocks skip midnight, its day begins when they show 01:00 (wallClockOffset).
  const midnight = (day: number) => {
    const wall = Date.UTC(z.getFullYear(), z.getMonth(), day);
    return new Date(wall - wallClockOffset(timeZone, wall));
  };
  return { from: midnight(z.getDate()), to: midnight(z.getDate() + 1) };
}
