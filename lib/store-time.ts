import { TZDate, tzOffset } from "@date-fns/tz";
import { AppError } from "@/lib/errors";

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

/** The value a datetime-local input shows for this instant in the store's zone. */
export function toStoreInputValue(date: Date, timeZone: string): string {
  return storeDateTime(date, timeZone).replace(" ", "T");
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
  return wallClockOffsets(timeZone, wallAsUtc)[0] ?? offsetAt(timeZone, wallAsUtc - 86_400_000);
}

const offsetAt = (timeZone: string, ms: number) => tzOffset(timeZone, new Date(ms)) * 60_000;

/**
 * The offsets (ms) the zone's clock shows a wall time (given as if it were UTC) with: two the
 * night it goes back and shows the time twice (the earlier occurrence's first: the offset before
 * the change), one on any other, none in the hour it skips.
 */
function wallClockOffsets(timeZone: string, wallAsUtc: number): number[] {
  const before = offsetAt(timeZone, wallAsUtc - 86_400_000);
  const after = offsetAt(timeZone, wallAsUtc + 86_400_000);
  // An offset fits when the instant it gives has that offset; both fit in a repeated hour.
  return [...new Set([before, after])].filter((offset) => offsetAt(timeZone, wallAsUtc - offset) === offset).sort((a, b) => b - a);
}

/** "−04:00": an offset (ms) in hours and minutes, its sign written as `minus` for a negative one. */
function offsetClock(offsetMs: number, minus: string): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? minus : "+"}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** "UTC−04:00", "UTC+10:30": an offset (ms) as messages and pages name it, with a minus sign. */
export function offsetName(offsetMs: number): string {
  return `UTC${offsetClock(offsetMs, "\u2212")}`;
}

/** Which of the two times a clock shows the night it goes back a local time is. */
export const occurrences = ["first", "second"] as const;
export type Occurrence = (typeof occurrences)[number];

/** A local time in the hour a zone's clock shows twice: its time, its day, and the two occurrences' offsets and instants, the earlier first. */
export interface RepeatedTime {
  time: string;
  day: string;
  first: string;
  second: string;
  instants: [Date, Date];
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * Where a local time without an offset ("2026-11-01T01:30", as a datetime-local input holds it)
 * comes twice on the store's clock (01:30 the night New York goes back: at UTC−04:00, then at
 * UTC−05:00), both occurrences; null for any other time, or a text with an offset or none at all.
 */
export function repeatedLocalTime(text: string, timeZone: string): RepeatedTime | null {
  const m = LOCAL_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "0", fraction = ""] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, "0")));
  const offsets = wallClockOffsets(timeZone, wall);
  if (offsets.length < 2) return null;
  const [first, second] = offsets as [number, number];
  return { time: `${h}:${mi}`, day: `${y}-${mo}-${d}`, first: offsetName(first), second: offsetName(second), instants: [new Date(wall - first), new Date(wall - second)] };
}

/**
 * A local time typed in a form's `field` where the store's clock shows it twice (the night it
 * goes back): the occurrence its user chose of the two. "ask": none chosen yet, it is refused,
 * naming both, at the form's choice (`${field}Occurrence`), rather than read as the first as files
 * and the API read it. null for a time that comes once (or has an offset).
 */
export function chosenRepeatedTime(field: string, text: string, timeZone: string, occurrence: Occurrence | "ask"): Date | null {
  const repeat = repeatedLocalTime(text, timeZone);
  if (!repeat) return null;
  if (occurrence !== "ask") return repeat.instants[occurrences.indexOf(occurrence)]!;
  const { time, day, first, second, instants } = repeat;
  const message = `${time} on ${day} happens twice in ${timeZone}: first at ${first}, then at ${second}, after the clocks go back. Choose which one.`;
  // The day as the page writes days ("Oct 27, 2030"), not the API's ISO one, and the time as it
  // writes times ("1:30 AM").
  throw new AppError("invalid", `${field}: ${message}`, "errors.repeatedTime", { time, zone: timeZone, first, second }, [{ path: `${field}Occurrence`, message }]).withTimes({
    day: { at: instants[0], day: true },
    time: { clock: time },
  });
}

/**
 * For an instant whose wall time the store's clock shows twice (the night it goes back), which of
 * the two it is and its offset ("second", "UTC−05:00"); null for an instant whose time comes once.
 */
export function repeatedOccurrence(date: Date, timeZone: string): { occurrence: Occurrence; offset: string } | null {
  if (steadyAround(timeZone, date.getTime())) return null;
  const offset = offsetAt(timeZone, date.getTime());
  const offsets = wallClockOffsets(timeZone, date.getTime() + offset);
  if (offsets.length < 2) return null;
  return { occurrence: offset === offsets[0] ? "first" : "second", offset: offsetName(offset) };
}

const DAY_MS = 86_400_000;
/** Whether the zone kept one offset over a UTC day's neighbourhood, by day (UTC midnight / DAY_MS), per zone. */
const steadyDays = new Map<string, Map<number, boolean>>();
const STEADY_DAYS_KEPT = 100_000;

/**
 * Whether the zone's offset stays the same from three UTC days before `ms`'s to four after its
 * start, so that nothing wallClockOffsets reads for it (the wall time a day either side, an offset
 * being well under two days) meets a change of clock: no time of it comes twice. Read from the
 * offsets at the UTC midnights, one day apart: equal neighbours have no change between them, as
 * wallClockOffsets takes (at most one change in two days). A dispute's history of 3,000 times
 * asked four offsets of each, about 70 ms of its page's render; a day's midnights are asked once
 * per zone and process, and only the times within days of a change are read one by one.
 */
function steadyAround(timeZone: string, ms: number): boolean {
  let days = steadyDays.get(timeZone);
  if (!days) steadyDays.set(timeZone, (days = new Map()));
  const day = Math.floor(ms / DAY_MS);
  let steady = days.get(day);
  if (steady === undefined) {
    const first = offsetAt(timeZone, (day - 3) * DAY_MS);
    steady = true;
    for (let d = day - 2; d <= day + 4 && steady; d++) steady = offsetAt(timeZone, d * DAY_MS) === first;
    if (days.size >= STEADY_DAYS_KEPT) days.clear();
    days.set(day, steady);
  }
  return steady;
}

/**
 * "2026-11-01 01:30" as storeDateTime writes it, but for an instant whose time the store's clock
 * shows twice (the night it goes back) with its ISO offset, "2026-11-01 01:30-05:00", so the two
 * read apart: for the console's CSV files and the API's sentences, which a program or a
 * spreadsheet reads too (ASCII, no words; the same text as the date and time of any other hour).
 */
export function unambiguousStoreDateTime(date: Date, timeZone: string): string {
  const text = storeDateTime(date, timeZone);
  return repeatedOccurrence(date, timeZone) ? `${text}${offsetClock(offsetAt(timeZone, date.getTime()), "-")}` : text;
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
