import { TZDate } from "@date-fns/tz";
import { AppError } from "@/lib/errors";
import { decimalToScaled, localTimeReader, RowError } from "@/lib/imports/values";
import { minorUnitDigits } from "@/lib/money";
import { storeDateTime } from "@/lib/store-time";

// Sale times are entered and shown in the store's time zone, whatever the server's zone is.

/** "2030-06-01T10:00" read in the store's zone; a time with an offset is taken as is. */
export function parseStoreTime(field: string, text: string, timeZone: string): Date {
  try {
    return localTimeReader(timeZone)(field, text);
  } catch (error) {
    if (error instanceof RowError) {
      throw new AppError("invalid", `${field}: ${error.message}`, "flashSales.errors.badTime", { field }, [
        { path: field, message: error.message },
      ]);
    }
    throw error;
  }
}

/** The value a datetime-local input shows for this instant in the store's zone. */
export function toStoreInputValue(date: Date, timeZone: string): string {
  return storeDateTime(date, timeZone).replace(" ", "T");
}

/** Where the store's day around `at` begins and ends, as instants. */
export function storeDayBounds(at: Date, timeZone: string): { from: Date; to: Date } {
  const zoned = new TZDate(at.getTime(), timeZone);
  const from = new TZDate(zoned.getFullYear(), zoned.getMonth(), zoned.getDate(), 0, 0, 0, timeZone);
  const to = new TZDate(zoned.getFullYear(), zoned.getMonth(), zoned.getDate() + 1, 0, 0, 0, timeZone);
  return { from: new Date(from.getTime()), to: new Date(to.getTime()) };
}

/** A price typed in major units ("19.9") as minor units, exactly. */
export function parseMajorPrice(text: string, currency: string): number {
  const scaled = decimalToScaled(text.trim(), minorUnitDigits(currency));
  if (scaled === null || scaled < 0n) {
    throw new AppError("invalid", `"${text}" is not a price.`, "flashSales.errors.badPrice", { value: text }, [
      { path: "price", message: "not a price" },
    ]);
  }
  return Number(scaled);
}
