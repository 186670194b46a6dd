import type { DateTimeFormatOptions } from "use-intl/core";
import { repeatedOccurrence } from "@/lib/store-time";
import type { Translate } from "./locales";

/** next-intl's formatter (getFormatter, useFormatter), as far as a store's times need it. */
export interface DateTimeFormatter {
  dateTime(value: Date, options: DateTimeFormatOptions): string;
}

/** How the pages write a time unless they say otherwise: "Nov 7, 2027, 1:30 AM". */
export const DAY_AND_TIME = { dateStyle: "medium", timeStyle: "short" } as const satisfies DateTimeFormatOptions;

/**
 * An instant as the pages write it, in the store's time zone and the reader's language. One whose
 * time the store's clock shows twice (the night it goes back) says which of the two it is, by its
 * offset: "Nov 7, 2027, 1:30 AM (the second, UTC−05:00)", else two instants an hour apart read
 * alike. A format without the time of day (`options` with no hour) is a day, never twice.
 * `t` takes keys from the root.
 */
export function storeTimeText(t: Translate, format: DateTimeFormatter, timeZone: string, date: Date, options: DateTimeFormatOptions = DAY_AND_TIME): string {
  return withOccurrence("shell.repeatedTime", t, format, timeZone, date, options);
}

/**
 * storeTimeText for a chart's axis, where there is room for little: a time the clock shows twice
 * says which of the two by "1st"/"2nd" alone, "11/1, 1:30 AM (2nd)" (with the offset, every tick
 * of that hour was twice as long as the others). The chart's tooltip and table keep the whole.
 */
export function storeTimeTick(t: Translate, format: DateTimeFormatter, timeZone: string, date: Date, options: DateTimeFormatOptions): string {
  return withOccurrence("shell.repeatedTimeShort", t, format, timeZone, date, options);
}

function withOccurrence(key: string, t: Translate, format: DateTimeFormatter, timeZone: string, date: Date, options: DateTimeFormatOptions) {
  const text = format.dateTime(date, { ...options, timeZone });
  const showsTime = options.timeStyle !== undefined || options.hour !== undefined;
  const repeated = showsTime ? repeatedOccurrence(date, timeZone) : null;
  return repeated ? t(key, { time: text, ...repeated }) : text;
}

/** storeTimeText for one page: its translator (from the root), formatter and store's zone. */
export function storeTimes(t: Translate, format: DateTimeFormatter, timeZone: string) {
  return (date: Date, options?: DateTimeFormatOptions) => storeTimeText(t, format, timeZone, date, options);
}

/**
 * Instants a sentence names, by its placeholder, for the page to write (storeTimeValues) instead
 * of as text made before it: the API's ISO form ("2026-11-01 01:30-05:00") read unlike every other
 * time of the page, in either language. `day`: the date alone. `clock`: a time of the store's
 * clock that is no instant ("02:30" the night the clock skips it, "01:30" it shows twice), as
 * `hh:mm`, written in the page's style of times (clockTimeText).
 */
export type NamedTimes = Record<string, { at: Date; day?: boolean } | { clock: string }>;

/**
 * A time of the store's clock with no instant of its own ("02:30", "14:05") as the pages write a
 * time of day: "2:30 AM" in English, "02:30" in Chinese (DAY_AND_TIME's style, the time alone). It
 * is read on a day without a change of clock, so no zone moves it.
 */
export function clockTimeText(format: DateTimeFormatter, clock: string): string {
  const [hours = 0, minutes = 0] = clock.split(":").map(Number);
  return format.dateTime(new Date(Date.UTC(2000, 0, 1, hours, minutes)), { timeStyle: DAY_AND_TIME.timeStyle, timeZone: "UTC" });
}

/** A sentence's NamedTimes as values for its message, written as storeTimeText writes them. */
export function storeTimeValues(t: Translate, format: DateTimeFormatter, timeZone: string, times: NamedTimes | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(times ?? {}).map(([name, time]) => [
      name,
      "clock" in time ? clockTimeText(format, time.clock) : storeTimeText(t, format, timeZone, time.at, time.day ? { dateStyle: "medium" } : DAY_AND_TIME),
    ]),
  );
}

/** storeTimeValues for one store's pages: what inReaderLanguage takes to write an error's times. */
export function storeTimeWriter(t: Translate, format: DateTimeFormatter, timeZone: string) {
  return (times: NamedTimes) => storeTimeValues(t, format, timeZone, times);
}

/**
 * storeTimeText's day-and-time in its two halves, for a narrow table cell to break between them
 * and nowhere else: `day` with the punctuation that follows it ("Nov 1, 2026,"), `time` and what
 * follows it ("1:30 AM (the second, UTC−05:00)"). Squeezed, English broke at every space, "Nov" /
 * "1," / "2026," / "1:30 AM" down a phone's column. Joined by a space they read as the whole; a
 * format whose time cannot be found after its day (none the app writes) is all `day`.
 */
export function storeTimeHalves(t: Translate, format: DateTimeFormatter, timeZone: string, date: Date): { day: string; time: string } {
  const text = storeTimeText(t, format, timeZone, date);
  const day = format.dateTime(date, { dateStyle: DAY_AND_TIME.dateStyle, timeZone });
  const clock = format.dateTime(date, { timeStyle: DAY_AND_TIME.timeStyle, timeZone });
  const at = text.startsWith(day) ? text.indexOf(clock, day.length) : -1;
  if (at < 0) return { day: text, time: "" };
  return { day: text.slice(0, at).trimEnd(), time: text.slice(at) };
}
