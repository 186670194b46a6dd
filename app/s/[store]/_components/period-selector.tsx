import { getTranslations } from "@/lib/i18n/server";
import { dashboardPeriods, type DashboardPeriod } from "@/lib/validation/dashboard";

/** The period as links (?period=…), so a chosen view can be bookmarked and shared. */
export async function PeriodSelector({ base, current }: { base: string; current: DashboardPeriod }) {
  const t = await getTranslations("dashboard.period");
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center gap-2 text-sm" data-testid="period-selector">
      <span className="font-medium text-stone-700">{t("label")}</span>
      {dashboardPeriods.map((period) => (
        <a
          key={period}
          href={`${base}?period=${period}`}
          aria-current={period === current ? "page" : undefined}
          className={`rounded-full px-3 py-1 ${
            period === current ? "bg-brand-600 text-white" : "border border-stone-300 bg-white text-stone-700 hover:bg-stone-100"
          }`}
        >
          {t(period)}
        </a>
      ))}
      <span className="text-stone-500">{t("note")}</span>
    </nav>
  );
}
