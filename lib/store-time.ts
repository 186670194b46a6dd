// Instants as the store reads them: in its time zone, in the ISO order that reads the same in
// Chinese and English ("2026-07-01 18:00"). For text that goes into messages and API reasons;
// pages format dates for the reader's locale with next-intl.

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone} ${withTime}`;
  let format = formats.get(key);
  if (!format) {
    // Sweden's locale writes dates and times in ISO order.
    format = new Intl.DateTimeFormat("sv-SE", withTime ? { dateStyle: "short", timeStyle: "short", timeZone } : { dateStyle: "short", timeZone });
    formats.set(key, format);
  }
  return format;
}

/** "2026-07-01 18:00": the instant's date and time in the store's zone. */
export function storeDateTime(date: Date, timeZone: string): string {
  return formatIn(timeZone, true).format(date);
}

/** "2026-07-01": the instant's date in the store's zone. */
export function storeDate(date: Date, timeZone: string): string {
  return formatIn(timeZone, false).format(date);
}
