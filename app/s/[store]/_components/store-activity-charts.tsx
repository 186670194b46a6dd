import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { tiers } from "@/db/schema/scoring";
import { brandColor, tierColors } from "@/components/charts/colors";
import { LinkedBarChart } from "@/components/charts/linked-bar-chart";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import type { StoreActivity } from "@/lib/dashboard/store-activity";
import { SELL_THROUGH_SALES } from "@/lib/flash-sales/stats";
import { formatMoney } from "@/lib/money";
import type { StoreContext } from "@/lib/stores/context";
import type { DashboardPeriod } from "@/lib/validation/dashboard";
import { ChartCard, ChartTable } from "./chart-card";

/** The most recent sales drawn as bars; the table lists every sale of the period. */
const SALES_DRAWN = 12;

const statusColors: Record<string, string> = {
  draft: "#a8a29e",
  submitted: "#0284c7",
  in_review: "#d97706",
  routed: "#7c3aed",
  escalated: "#b91c1c",
  resolved: "#15803d",
  withdrawn: "#57534e",
};

/** Flash-sale sell-through and buyers by tier, and disputes by type and status, over the period. */
export async function StoreActivityCharts({
  ctx,
  activity,
  period,
}: {
  ctx: StoreContext;
  activity: StoreActivity;
  period: DashboardPeriod;
}) {
  const [t, all, format, locale] = await Promise.all([getTranslations("dashboard"), getTranslations(), getFormatter(), getLocale()]);
  const base = `/s/${ctx.store.slug}`;
  const count = (n: number) => format.number(n);
  const percent = (x: number) => format.number(x, { style: "percent", maximumFractionDigits: 1 });
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  const day = (iso: string) => format.dateTime(new Date(iso), { month: "short", day: "numeric", timeZone: ctx.store.timezone });
  const periodName = t(`period.${period}`);
  const download = (chart: string) => `${base}/dashboard/data?chart=${chart}&period=${period}`;

  const sales = activity.sellThrough;
  const saleLabel = (s: (typeof sales)[number]) => t("flash.saleLabel", { product: s.productName, date: day(s.startsAt) });

  const buyers = tiers.map((tier) => activity.flashBuyers.find((b) => b.tier === tier) ?? { tier, buyers: 0, units: 0, revenue: 0 });
  const anyBuyers = buyers.some((b) => b.buyers > 0);

  const mix = activity.disputeMix;
  const types = [...new Set(mix.map((m) => m.type))];
  const statuses = [...new Set(mix.map((m) => m.status))];
  const disputesHref = (type: string, status?: string) =>
    `${base}/disputes?${new URLSearchParams({ type, ...(status ? { status } : {}) })}`;

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard
        id="flash-sell-through"
        title={t("flash.sellThroughTitle")}
        description={
          <>
            {t("flash.sellThroughDescription", { period: periodName })}
            {/* Said, not left to guess: the bars are the latest few, the table at most the latest 200. */}
            {sales.length > SALES_DRAWN && <> {t("flash.drawnLatest", { drawn: SALES_DRAWN })}</>}
            {activity.sellThroughOlderLeftOut && (
              <span className="mt-1 block" data-testid="sell-through-latest-only">
                {t("flash.latestOnly", { count: SELL_THROUGH_SALES })}
              </span>
            )}
          </>
        }
        empty={sales.length === 0 ? t("flash.empty") : null}
        chart={
          <LinkedBarChart
            data={sales.slice(-SALES_DRAWN).map((s) => ({
              key: String(s.saleId),
              label: saleLabel(s),
              tickLines: [s.productName, day(s.startsAt)],
              value: s.sellThrough,
              href: `${base}/flash-sales/${s.saleId}`,
              color: brandColor,
              detail: t("flash.soldOf", { sold: count(s.sold), quantity: count(s.quantity) }),
            }))}
            format={{ kind: "percent", locale }}
            label={t("flash.sellThroughTitle")}
            layout="vertical"
            height={Math.max(160, 30 * Math.min(sales.length, SALES_DRAWN) + 40)}
          />
        }
        table={
          <ChartTable
            caption={t("flash.sellThroughTitle")}
            columns={[t("flash.sale"), t("flash.sold"), t("flash.quantity"), t("flash.sellThrough")]}
            rows={sales.map((s) => ({
              key: String(s.saleId),
              cells: [
                { value: saleLabel(s), href: `${base}/flash-sales/${s.saleId}` },
                { value: count(s.sold) },
                { value: count(s.quantity) },
                { value: percent(s.sellThrough) },
              ],
            }))}
          />
        }
        downloadHref={download("flash-sell-through")}
      />
      <ChartCard
        id="flash-buyers"
        title={t("flash.buyersTitle")}
        description={t("flash.buyersDescription", { period: periodName })}
        empty={anyBuyers ? null : t("flash.noBuyers")}
        chart={
          <LinkedBarChart
            data={buyers.map((b) => ({
              key: b.tier,
              label: all(`tiers.${b.tier}`),
              value: b.buyers,
              href: `${base}/flash-sales`,
              color: tierColors[b.tier],
              detail: t("flash.unitsAndRevenue", { units: b.units, revenue: money(b.revenue) }),
            }))}
            format={{ kind: "count", locale }}
            label={t("flash.buyersTitle")}
          />
        }
        table={
          <ChartTable
            caption={t("flash.buyersTitle")}
            columns={[t("tiers.tier"), t("flash.buyers"), t("flash.units"), t("flash.revenue")]}
            rows={buyers.map((b) => ({
              key: b.tier,
              cells: [
                { value: all(`tiers.${b.tier}`) },
                { value: count(b.buyers), href: `${base}/flash-sales` },
                { value: count(b.units) },
                { value: money(b.revenue) },
              ],
            }))}
          />
        }
        downloadHref={download("flash-buyers")}
      />
      <ChartCard
        id="disputes"
        wide
        title={t("disputes.title")}
        description={t("disputes.description", { period: periodName })}
        empty={mix.length === 0 ? t("disputes.empty") : null}
        chart={
          <StackedBarChart
            data={types.map((type) => ({
              key: type,
              label: all(`disputes.type.${type}.label`),
              values: Object.fromEntries(mix.filter((m) => m.type === type).map((m) => [m.status, m.count])),
              hrefs: Object.fromEntries(statuses.map((status) => [status, disputesHref(type, status)])),
            }))}
            series={statuses.map((status) => ({
              key: status,
              label: all(`disputes.status.${status}`),
              color: statusColors[status] ?? brandColor,
            }))}
            locale={locale}
            label={t("disputes.title")}
          />
        }
        table={
          <ChartTable
            caption={t("disputes.title")}
            columns={[t("disputes.type"), t("disputes.status"), t("disputes.count")]}
            rows={mix.map((m) => ({
              key: `${m.type}-${m.status}`,
              cells: [
                { value: all(`disputes.type.${m.type}.label`), href: disputesHref(m.type) },
                { value: all(`disputes.status.${m.status}`), numeric: false },
                { value: count(m.count), href: disputesHref(m.type, m.status) },
              ],
            }))}
          />
        }
        downloadHref={download("disputes")}
      />
    </div>
  );
}
