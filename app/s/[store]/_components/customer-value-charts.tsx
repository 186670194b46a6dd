import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { storeTimes } from "@/lib/i18n/store-time-text";
import type { Tier } from "@/db/schema/scoring";
import { brandColor, downColor, mutedColor, tierColors, upColor } from "@/components/charts/colors";
import { ConcentrationChart } from "@/components/charts/concentration-chart";
import { LinkedBarChart } from "@/components/charts/linked-bar-chart";
import { RepeatRateChart } from "@/components/charts/repeat-rate-chart";
import { TierShareChart } from "@/components/charts/tier-share-chart";
import { paretoHeadline, paretoTableRows } from "@/lib/dashboard/pareto";
import type { OwnerDashboard } from "@/lib/dashboard/owner-dashboard";
import { formatMoney } from "@/lib/money";
import type { StoreContext } from "@/lib/stores/context";
import { customerListSearchParams, type CustomerListQuery } from "@/lib/validation/customers";
import type { DashboardPeriod } from "@/lib/validation/dashboard";
import { ChartCard, ChartTable } from "./chart-card";

/** The Pareto headline: what share of net spend the top fifth of customers bring. */
const PARETO_PERCENT = 20;

export async function CustomerValueCharts({
  ctx,
  data,
  period,
}: {
  ctx: StoreContext;
  data: OwnerDashboard;
  period: DashboardPeriod;
}) {
  const [t, tiersT, format, locale, root] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("tiers"),
    getFormatter(),
    getLocale(),
    getTranslations(),
  ]);
  const base = `/s/${ctx.store.slug}`;
  const list = (query: Partial<CustomerListQuery>) => {
    const params = customerListSearchParams(query).toString();
    return `${base}/customers${params ? `?${params}` : ""}`;
  };
  const download = (chart: string) => `${base}/dashboard/data?chart=${chart}&period=${period}`;
  const count = (n: number) => format.number(n);
  const percent = (x: number | null) => (x === null ? "—" : format.number(x, { style: "percent", maximumFractionDigits: 1 }));
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  const scored = data.headline?.scored ?? 0;
  const noBuyers = t("empty.noBuyers");

  // Tier distribution and net-spend share by tier.
  const tierRows = data.tiers;
  const tierBars = tierRows.map((r) => ({
    key: r.tier,
    label: tiersT(r.tier),
    value: r.customers,
    href: list({ tier: r.tier }),
    color: tierColors[r.tier],
    detail: percent(r.customerShare),
  }));
  const tierTable = (
    <ChartTable
      caption={t("tiers.title")}
      columns={[t("tiers.tier"), t("tiers.customers"), t("tiers.customerShare"), t("tiers.netSpend"), t("tiers.spendShare")]}
      rows={tierRows.map((r) => ({
        key: r.tier,
        cells: [
          { value: tiersT(r.tier), href: list({ tier: r.tier }) },
          { value: count(r.customers), href: list({ tier: r.tier }) },
          { value: percent(r.customerShare) },
          { value: money(r.netSpend), href: list({ tier: r.tier, sort: "netSpend" }) },
          { value: percent(r.spendShare) },
        ],
      }))}
    />
  );

  // Score histogram.
  const { buckets, unscored } = data.histogram;
  const bandLabel = (min: number, max: number) => t("scores.band", { min, max });
  const bucketHref = (min: number, max: number) => list(max >= 100 ? { minScore: min } : { minScore: min, maxScore: max });

  // Spend concentration.
  const concentration = data.concentration;
  const pareto = concentration.length > 0 ? paretoHeadline(concentration, PARETO_PERCENT) : null;
  const paretoText =
    pareto?.kind === "one"
      ? t("concentration.headlineOne")
      : pareto?.kind === "few"
        ? t("concentration.headlineFew", { buyers: pareto.buyers, share: percent(pareto.spendShare) })
        : pareto
          ? t("concentration.headline", { percent: percent(PARETO_PERCENT / 100), customers: count(pareto.customers), share: percent(pareto.spendShare) })
          : null;
  const keyPoints = [1, 5, 10, 20, 30, 50, 80, 100];

  // Repeat purchases by month (the period applies here).
  const monthLabel = (month: string) =>
    format.dateTime(new Date(`${month}-01T00:00:00Z`), { year: "numeric", month: "short", timeZone: "UTC" });
  const months = data.repeatByMonth.map((m) => ({
    month: m.month,
    label: monthLabel(m.month),
    repeatBuyers: m.repeatBuyers,
    firstTimeBuyers: m.buyers - m.repeatBuyers,
    rate: m.rate,
  }));

  // Tier movement between the last two recomputes.
  const movement = data.movement;
  const moveLabel = (from: Tier | null, to: Tier) =>
    t("movement.arrow", { from: from ? tiersT(from) : t("movement.new"), to: tiersT(to) });
  // A new customer's move has no previous tier to filter on; it stays unlinked.
  const moveHref = (from: Tier | null, to: Tier) => (from ? list({ tier: to, previousTier: from }) : undefined);
  const when = storeTimes(root, format, ctx.store.timezone);
  const asOf = (iso: string) => when(new Date(iso));
  // To the minute, as every time on the pages: two recomputes within a minute (a new store's
  // first batches) read "between 10:02 and 10:02", so they are named once.
  const movementCaption = (() => {
    if (!movement?.previousAsOf) return undefined;
    const [previous, latest] = [asOf(movement.previousAsOf), asOf(movement.latestAsOf)];
    return previous === latest ? t("movement.descriptionSameMinute", { latest }) : t("movement.description", { previous, latest });
  })();

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard
        id="tiers"
        title={t("tiers.title")}
        description={t("tiers.description")}
        empty={scored === 0 ? noBuyers : null}
        chart={<LinkedBarChart data={tierBars} format={{ kind: "count", locale }} label={t("tiers.title")} />}
        table={tierTable}
        downloadHref={download("tiers")}
      />
      <ChartCard
        id="scores"
        title={t("scores.title")}
        description={t("scores.description")}
        empty={scored === 0 ? noBuyers : null}
        chart={
          <LinkedBarChart
            data={buckets.map((b) => ({
              key: `${b.min}`,
              label: bandLabel(b.min, b.max),
              value: b.customers,
              href: bucketHref(b.min, b.max),
              color: brandColor,
            }))}
            format={{ kind: "count", locale }}
            label={t("scores.title")}
          />
        }
        footer={
          unscored > 0 && (
            <a href={list({ maxScore: 0 })} className="text-brand-700 underline" data-testid="unscored-link">
              {t("scores.unscored", { count: unscored })}
            </a>
          )
        }
        table={
          <ChartTable
            caption={t("scores.title")}
            columns={[t("scores.score"), t("scores.customers")]}
            rows={[
              ...buckets.map((b) => ({
                key: `${b.min}`,
                cells: [{ value: bandLabel(b.min, b.max) }, { value: count(b.customers), href: bucketHref(b.min, b.max) }],
              })),
              { key: "none", cells: [{ value: t("scores.none") }, { value: count(unscored), href: list({ maxScore: 0 }) }] },
            ]}
          />
        }
        downloadHref={download("scores")}
      />
      <ChartCard
        id="tier-share"
        title={t("tierShare.title")}
        description={t("tierShare.description")}
        empty={scored === 0 ? noBuyers : null}
        chart={
          <TierShareChart
            data={tierRows.map((r) => ({
              key: r.tier,
              label: tiersT(r.tier),
              customerShare: r.customerShare,
              spendShare: r.spendShare,
              color: tierColors[r.tier],
              href: list({ tier: r.tier, sort: "netSpend" }),
            }))}
            locale={locale}
            label={t("tierShare.title")}
            customersLabel={t("tierShare.customers")}
            spendLabel={t("tierShare.spend")}
          />
        }
        table={tierTable}
        downloadHref={download("tiers")}
      />
      <ChartCard
        id="concentration"
        title={t("concentration.title")}
        description={paretoText && <span data-testid="pareto-headline">{paretoText}</span>}
        empty={concentration.length === 0 ? t("concentration.empty") : null}
        chart={
          <ConcentrationChart
            data={concentration.map((p) => ({ topPercent: p.topPercent, spendShare: p.spendShare }))}
            marked={pareto?.mark ?? { topPercent: 0, spendShare: 0 }}
            locale={locale}
            label={t("concentration.title")}
            xLabel={t("concentration.x")}
            yLabel={t("concentration.y")}
            evenLabel={t("concentration.even")}
          />
        }
        footer={
          <a href={list({ sort: "netSpend" })} className="text-brand-700 underline">
            {t("concentration.listLink")}
          </a>
        }
        table={
          <ChartTable
            caption={t("concentration.title")}
            columns={[t("concentration.top"), t("concentration.customers"), t("concentration.y")]}
            rows={(pareto ? paretoTableRows(concentration, keyPoints, pareto) : []).map((point) => ({
              key: `${point.topPercent}`,
              cells: [
                { value: percent(point.topPercent / 100) },
                { value: count(point.customers), href: list({ sort: "netSpend" }) },
                { value: percent(point.spendShare) },
              ],
            }))}
          />
        }
        downloadHref={download("concentration")}
      />
      <ChartCard
        id="repeat-by-month"
        wide
        title={t("repeat.title")}
        description={t("repeat.description", { period: t(`period.${period}`) })}
        empty={months.length === 0 ? t("repeat.empty") : null}
        chart={
          <RepeatRateChart
            data={months}
            locale={locale}
            label={t("repeat.title")}
            repeatLabel={t("repeat.repeatBuyers")}
            firstTimeLabel={t("repeat.firstTime")}
            rateLabel={t("repeat.rate")}
          />
        }
        footer={
          <a href={list({ repeat: true })} className="text-brand-700 underline">
            {t("repeat.listLink")}
          </a>
        }
        table={
          <ChartTable
            caption={t("repeat.title")}
            columns={[t("repeat.month"), t("repeat.buyers"), t("repeat.repeatBuyers"), t("repeat.rate")]}
            rows={data.repeatByMonth.map((m) => ({
              key: m.month,
              cells: [{ value: monthLabel(m.month) }, { value: count(m.buyers) }, { value: count(m.repeatBuyers) }, { value: percent(m.rate) }],
            }))}
          />
        }
        downloadHref={download("repeat-by-month")}
      />
      <ChartCard
        id="tier-movement"
        wide
        title={t("movement.title")}
        description={movementCaption}
        empty={
          !movement?.previousAsOf
            ? t("movement.emptyFirst")
            : movement.moves.length === 0
              ? movement.unchanged === 0
                ? noBuyers
                : t("movement.emptyNone", { count: movement.unchanged })
              : null
        }
        chart={
          movement && (
            <LinkedBarChart
              layout="vertical"
              height={Math.max(160, 28 * movement.moves.length + 40)}
              data={movement.moves.map((m) => ({
                key: `${m.from ?? "new"}-${m.to}`,
                label: moveLabel(m.from, m.to),
                value: m.customers,
                href: moveHref(m.from, m.to),
                color: m.direction === "up" ? upColor : m.direction === "down" ? downColor : mutedColor,
              }))}
              format={{ kind: "count", locale }}
              label={t("movement.title")}
            />
          )
        }
        footer={movement && <span className="text-stone-600">{t("movement.unchanged", { count: movement.unchanged })}</span>}
        table={
          movement && (
            <ChartTable
              caption={t("movement.title")}
              columns={[t("movement.from"), t("movement.to"), t("movement.direction"), t("movement.customers")]}
              rows={movement.moves.map((m) => ({
                key: `${m.from ?? "new"}-${m.to}`,
                cells: [
                  { value: m.from ? tiersT(m.from) : t("movement.new") },
                  { value: tiersT(m.to), numeric: false },
                  { value: t(`movement.${m.direction}`), numeric: false },
                  { value: count(m.customers), href: moveHref(m.from, m.to) },
                ],
              }))}
            />
          )
        }
        downloadHref={download("tier-movement")}
      />
    </div>
  );
}
