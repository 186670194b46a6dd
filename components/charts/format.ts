import { formatMoney, toMajorUnits } from "@/lib/money";

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

/** `compact` for axis ticks (1.2万, 12K); full precision otherwise. */
export function formatValue(value: number, { kind, locale, currency }: ValueFormat, compact = false): string {
  if (kind === "percent") return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
  if (kind === "money" && currency) {
    if (!compact) return formatMoney(value, currency, locale);
    return new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(
      toMajorUnits(value, currency),
    );
  }
  return new Intl.NumberFormat(locale, compact ? { notation: "compact", maximumFractionDigits: 1 } : {}).format(value);
}
