import { getTranslations } from "@/lib/i18n/server";
import type { CustomerListQuery } from "@/lib/validation/customers";

/** Names, on the customers list, the filters only the dashboard's charts link to (score band, previous tier). */
export async function ChartFilterNote({ query }: { query: Pick<CustomerListQuery, "minScore" | "maxScore" | "previousTier"> }) {
  const { minScore: min, maxScore: max, previousTier } = query;
  if (min === undefined && max === undefined && !previousTier) return null;
  const t = await getTranslations();
  const score =
    max === 0
      ? t("dashboard.filter.noScore")
      : min !== undefined && max !== undefined
        ? t("dashboard.filter.scoreBetween", { min, max })
        : min !== undefined
          ? t("dashboard.filter.scoreFrom", { min })
          : max !== undefined
            ? t("dashboard.filter.scoreUnder", { max })
            : undefined;
  const tier = previousTier ? t(`tiers.${previousTier}`) : undefined;
  // Both at once read as one phrase of the locale's, not two chips joined by a separator.
  const note =
    score !== undefined && tier !== undefined
      ? t("dashboard.filter.scoreAndPreviousTier", { score, tier })
      : tier !== undefined
        ? t("dashboard.filter.previousTier", { tier })
        : score;
  return (
    <p className="self-center rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-700" data-testid="chart-filter">
      {note}
    </p>
  );
}
