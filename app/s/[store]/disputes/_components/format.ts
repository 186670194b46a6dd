import { TZDate } from "@date-fns/tz";

/** A time as a date-time-local input value in the store's time zone ("2026-07-01T18:00"). */
export function localInputValue(date: Date | null, timeZone: string): string {
  if (!date) return "";
  const z = new TZDate(date.getTime(), timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${z.getFullYear()}-${two(z.getMonth() + 1)}-${two(z.getDate())}T${two(z.getHours())}:${two(z.getMinutes())}`;
}
