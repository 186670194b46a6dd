import type { Tier } from "@/db/schema/scoring";
import { AppError } from "@/lib/errors";
import { amountAsTyped, majorToMinor, MAJOR_AMOUNT, minorUnitDigits, withoutSeparators } from "@/lib/money";
import type { MemberPriceInput } from "@/lib/validation/pricing";
import { priceFromPercentOff } from "./price-guard";

// The products page's field per tier: "85.00" is a fixed price, "15%" a percent off, blank none.

const refused = (path: string, message: string, key: string | undefined, values: Record<string, string | number>, detail: string) =>
  new AppError("invalid", message, key, values, [{ path, message: detail }]);

/**
 * One tier's field → its member price (null when blank). A refusal says what is wrong with what
 * was typed: an amount with more decimals than the currency has, or a percent that is not a
 * whole number, is not "neither an amount nor a percent off".
 */
export function parseMemberPriceField(tier: Tier, text: string, currency: string): MemberPriceInput | null {
  const value = amountAsTyped(text, currency);
  if (value === "") return null;
  const percent = /^(\d{1,3}(?:\.\d+)?)\s*%$/.exec(value);
  if (percent) {
    const percentOff = Number(percent[1]);
    try {
      priceFromPercentOff(0, percentOff);
    } catch (error) {
      // The guard's own refusal, naming the range (12.5% or 0% is a percent off, just not one it takes), at the tier.
      if (!(error instanceof AppError)) throw error;
      throw refused(`prices.${tier}`, error.message, error.key, error.values ?? {}, "not a whole percent from 1 to 99");
    }
    return { tier, percentOff };
  }
  const minor = majorToMinor(value, currency);
  if (minor !== null) return { tier, price: minor };
  if (MAJOR_AMOUNT.test(withoutSeparators(value))) throw tooManyDecimals(`prices.${tier}`, text, currency);
  throw refused(`prices.${tier}`, `"${text}" is neither an amount nor a percent off.`, "pricing.errors.notAPrice", { value: text }, "neither an amount nor a percent off");
}

function tooManyDecimals(path: string, text: string, currency: string) {
  const digits = minorUnitDigits(currency);
  return refused(
    path,
    `"${text}": a price in ${currency} has at most ${digits} decimals.`,
    "pricing.errors.tooManyDecimals",
    { value: text, currency, digits },
    `more than ${digits} decimals`,
  );
}

/**
 * An amount field of a form (a product's regular or floor price) → minor units, null when blank;
 * read as a member price's amount is (full-width digits, the store's currency sign), and refused
 * at `path` saying whether it has too many decimals or is no amount at all.
 */
export function parseAmountField(path: string, text: string, currency: string): number | null {
  const value = amountAsTyped(text, currency);
  if (value === "") return null;
  const minor = majorToMinor(value, currency);
  if (minor !== null) return minor;
  if (MAJOR_AMOUNT.test(withoutSeparators(value))) throw tooManyDecimals(path, text, currency);
  throw refused(path, `"${text}" is not an amount.`, "pricing.errors.notAnAmount", { value: text }, "not an amount");
}
