/** How many digits the currency's minor unit has (2 for CNY and GBP, 0 for JPY). */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units (fen, pence…) as the major-unit number people read: 12345 fen → 123.45. */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorUnitDigits(currency);
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(toMajorUnits(minor, currency));
}
