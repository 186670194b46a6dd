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
