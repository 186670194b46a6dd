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
