import { TZDate } from "@date-fns/tz";
import { AppError } from "@/lib/errors";
import { localTimeReader, RowError } from "@/lib/imports/values";
import { majorToMinor, minorUnitDigits } from "@/lib/money";
import { storeDateTime, wallClockOffset } from "@/lib/store-time";

// Sale times are entered and shown in the store's time zone, whatever the server's zone is.

/**
 * "2030-06-01T10:00" read in the store's zone; a time with an offset is taken as is. A text that is
 * no time (30 February) is malformed, as a time without its zone is in a record (the API's 400); a
 * time outside the years the store takes breaks a rule (422): see lib/validation/malformed.ts.
 */
export function parseStoreTime(field: string, text: string, timeZone: string): Date {
  try {
    return localTimeReader(timeZone)(field, text);
  } catch (error) {
    if (error instanceof RowError) {
      const notATime = error.reason.key === "importReasons.notTime";
      throw new AppError(notATime ? "invalid_request" : "invalid", `${field}: ${error.message}`, "flashSales.errors.badTime", { field }, [
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

/**
 * A new sale's first guess at its start: tomorrow at the next whole hour of the store's clock
 * (UTC's whole hours are half past in India or Adelaide and a quarter to in Nepal).
 */
export function suggestedSaleStart(now: Date, timeZone: string): Date {
  const z = new TZDate(now.getTime(), timeZone);
  const wall = Date.UTC(z.getFullYear(), z.getMonth(), z.getDate() + 1, z.getHours() + 1);
  return new Date(wall - wallClockOffset(timeZone, wall));
}

/** A price typed in major units ("19.9", "1,299") as minor units, exactly: more decimals than the currency has are refused. */
export function parseMajorPrice(text: string, currency: string): number {
  const minor = majorToMinor(text, currency);
  if (minor === null) {
    // The form's schema has checked its shape: what is left is a decimal too many.
    const digits = minorUnitDigits(currency);
    throw new AppError("invalid", `"${text}": a price in ${currency} has at most ${digits} decimals.`, "flashSales.errors.badPrice", { value: text, currency, digits }, [
      { path: "price", message: "not a price" },
    ]);
  }
  return minor;
}
