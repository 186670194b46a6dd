// Building an Intl.NumberFormat costs far more than formatting with one, and a page formats
// hundreds of amounts: keep one per locale and currency.
const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, format);
  }
  return format;
}

// resolvedOptions() builds a fresh object each call, ~10 µs: too slow for every amount of a page.
const minorDigits = new Map<string, number>();

/** How many digits the currency's minor unit has (2 for CNY and GBP, 0 for JPY). */
export function minorUnitDigits(currency: string): number {
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    digits = currencyFormat("en", currency).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigits.set(currency, digits);
  }
  return digits;
}

/** Minor units (fen, pence…) as the major-unit number people read: 12345 fen → 123.45. */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorUnitDigits(currency);
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  return currencyFormat(locale, currency).format(toMajorUnits(minor, currency));
}

/** Thousands separators and spaces a merchant may type in an amount ("80,000", "80 000", "80，000"). */
export const withoutSeparators = (text: string) => text.replace(/[,\s，]/g, "");

/** The shape of an amount typed in major units, once its separators are gone: no sign, up to 13 whole digits. */
export const MAJOR_AMOUNT = /^(\d{1,13})(?:\.(\d+))?$/;

/**
 * An amount typed in major units ("80000", "80,000.50") → minor units of the currency; null when it
 * is not one, or has more decimals than the currency's minor unit has (19.5 yen): refused, not rounded.
 */
export function majorToMinor(text: string, currency: string): number | null {
  const match = MAJOR_AMOUNT.exec(withoutSeparators(text));
  const digits = minorUnitDigits(currency);
  if (!match || (match[2]?.length ?? 0) > digits) return null;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? "").padEnd(digits, "0") || "0");
}
