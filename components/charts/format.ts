import { currencyDisplay, formatMoney, toMajorUnits } from "@/lib/money";

// Number formatting shared by the chart components (which run in the browser and so cannot be
// handed formatter functions by the server): counts, shares and money in the user's locale and
// the store's currency.

export type ValueKind = "count" | "percent" | "money";

export interface ValueFormat {
  kind: ValueKind;
  locale: string;
  /** The store's currency, for money (values in minor units). */
  currency?: string;
}

/**
 * `compact` for axis ticks (1.2万, 12K) from ten thousand up, where every locale shortens alike;
 * below it a count is written whole: "1.1K" stood for a tick at 1,050 in English while Chinese
 * read 1050. Full precision otherwise.
 */
export function formatValue(value: number, { kind, locale, currency }: ValueFormat, compact = false): string {
  if (kind === "percent") return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
  if (kind === "money" && currency) {
    if (!compact) return formatMoney(value, currency, locale);
    return new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: currencyDisplay(currency, locale), notation: "compact", maximumFractionDigits: 1 }).format(
      toMajorUnits(value, currency),
    );
  }
  return new Intl.NumberFormat(locale, compact && Math.abs(value) >= 10_000 ? { notation: "compact", maximumFractionDigits: 1 } : {}).format(value);
}
