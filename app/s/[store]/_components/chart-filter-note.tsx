import { getTranslations } from "@/lib/i18n/server";
import type { CustomerListQuery } from "@/lib/validation/customers";

/** Names, on the customers list, the filters only the dashboard's charts link to (score band, previous tier). */
export async function ChartFilterNote({ query }: { query: Pick<CustomerListQuery, "minScore" | "maxScore" | "previousTier"> }) {
  const { minScore: min, maxScore: max, previousTier } = query;
  if (min === undefined && max === undefined && !previousTier) return null;
  const t = await getTranslations();
  const parts: string[] = [];
  if (max === 0) parts.push(t("dashboard.filter.noScore"));
  else if (min !== undefined && max !== undefined) parts.push(t("dashboard.filter.scoreBetween", { min, max }));
  else if (min !== undefined) parts.push(t("dashboard.filter.scoreFrom", { min }));
  else if (max !== undefined) parts.push(t("dashboard.filter.scoreUnder", { max }));
  if (previousTier) parts.push(t("dashboard.filter.previousTier", { tier: t(`tiers.${previousTier}`) }));
  return (
    <p className="self-center rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-700" data-testid="chart-filter">
      {parts.join(" · ")}
    </p>
  );
}
