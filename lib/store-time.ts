import { TZDate } from "@date-fns/tz";

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
 * hours would end on 20 April at 00:30, a day later on every page that shows the date).
 */
export function addStoreDays(date: Date, days: number, timeZone: string): Date {
  const zoned = new TZDate(date.getTime(), timeZone);
  zoned.setDate(zoned.getDate() + days);
  return new Date(zoned.getTime());
}

/** Where the store's day around `at` begins and ends, as instants (23 or 25 hours apart on a day the clocks change). */
export function storeDayBounds(at: Date, timeZone: string): { from: Date; to: Date } {
  const zoned = new TZDate(at.getTime(), timeZone);
  const from = new TZDate(zoned.getFullYear(), zoned.getMonth(), zoned.getDate(), 0, 0, 0, timeZone);
  const to = new TZDate(zoned.getFullYear(), zoned.getMonth(), zoned.getDate() + 1, 0, 0, 0, timeZone);
  return { from: new Date(from.getTime()), to: new Date(to.getTime()) };
}
