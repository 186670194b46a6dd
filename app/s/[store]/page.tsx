import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { PageHeader } from "@/components/ui/page-header";
import { requireStore } from "@/lib/auth/session";
import { loadOwnerDashboard } from "@/lib/dashboard/owner-dashboard";
import { formatMoney } from "@/lib/money";
import { firstValues } from "@/lib/validation/customers";
import { dashboardQuerySchema } from "@/lib/validation/dashboard";
import { CustomerValueCharts } from "./_components/customer-value-charts";
import { HeadlineTiles, type HeadlineTile } from "./_components/headline-tiles";
import { PeriodSelector } from "./_components/period-selector";
import { StaffWorkQueue } from "./_components/staff-work-queue";
import { StoreActivityCharts } from "./_components/store-activity-charts";
import { rescoreIfMembershipsLapsed } from "@/lib/memberships/lapsed";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ store: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireStore((await params).store);
  await rescoreIfMembershipsLapsed(ctx.store.id);
  const t = await getTranslations("dashboard");
  if (ctx.role !== "owner") {
    return (
      <>
        <PageHeader title={t("title")} intro={t("staffIntro")} />
        <StaffWorkQueue ctx={ctx} />
      </>
    );
  }

  const { period } = dashboardQuerySchema.parse(firstValues(await searchParams));
  const [data, format, locale, root] = await Promise.all([loadOwnerDashboard(ctx, period), getFormatter(), getLocale(), getTranslations()]);
  const base = `/s/${ctx.store.slug}`;
  const { headline, activity } = data;
  const count = (n: number) => format.number(n);
  const percent = (x: number | null) => (x === null ? "—" : format.number(x, { style: "percent", maximumFractionDigits: 1 }));
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  const customers = `${base}/customers`;
  // The store's activity, overdue disputes among it: shown before there are scores too, since a
  // store files disputes before it imports its orders.
  const activityTiles: HeadlineTile[] = [
    {
      key: "members",
      label: t("headline.members"),
      value: count(activity.members),
      href: `${base}/members`,
    },
    {
      key: "points",
      label: t("headline.points"),
      value: count(activity.points.points),
      detail: t("headline.pointsDetail", { holders: activity.points.holders }),
      href: `${base}/members`,
    },
    {
      key: "live-flash-sales",
      label: t("headline.liveFlashSales"),
      value: count(activity.liveFlashSales),
      href: `${base}/flash-sales#group-live`,
    },
    {
      key: "open-disputes",
      label: t("headline.openDisputes"),
      value: count(activity.disputes.open),
      href: `${base}/disputes`,
    },
    {
      key: "overdue-disputes",
      label: t("headline.overdueDisputes"),
      value: count(activity.disputes.overdue),
      href: `${base}/disputes?overdue=true`,
      tone: activity.disputes.overdue > 0 ? "warning" : "normal",
    },
  ];
  if (!headline) {
    const anyActivity = activity.members + activity.points.points + activity.liveFlashSales + activity.disputes.open > 0;
    return (
      <>
        <PageHeader title={t("title")} intro={t("ownerIntro")} />
        {anyActivity && <HeadlineTiles label={t("headline.label")} tiles={activityTiles} />}
        <div className={`rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600 ${anyActivity ? "mt-6" : ""}`} data-testid="dashboard-empty">
          <p>{t("noScores")}</p>
          {/* On a line of its own: a space before it is out of place after a Chinese sentence. */}
          <a href={`${base}/imports`} className="mt-3 inline-block font-medium text-brand-700 underline">
            {t("importLink")}
          </a>
        </div>
      </>
    );
  }
  const customerTiles: HeadlineTile[] = [
    {
      key: "customers",
      label: t("headline.customers"),
      value: count(headline.customers),
      detail: t("headline.customersDetail", { scored: count(headline.scored) }),
      href: customers,
    },
    {
      key: "repeat-rate",
      label: t("headline.repeatRate"),
      value: percent(headline.repeatRate),
      detail: t("headline.repeatDetail", { repeat: headline.repeatCustomers, scored: headline.scored }),
      href: `${customers}?repeat=true`,
    },
    {
      key: "high-value",
      label: t("headline.highValue"),
      value: count(headline.highValue),
      detail: t("headline.highValueDetail", {
        share: percent(headline.customers > 0 ? headline.highValue / headline.customers : null),
      }),
      href: `${customers}?highValue=true`,
    },
    {
      key: "high-value-share",
      label: t("headline.highValueShare"),
      value: percent(headline.highValueShare),
      detail: t("headline.highValueShareDetail", { amount: money(headline.highValueNetSpend), total: money(headline.netSpend) }),
      href: `${customers}?highValue=true&sort=netSpend`,
    },
  ];
  return (
    <>
      <PageHeader title={t("title")} intro={t("ownerIntro")} />
      <HeadlineTiles label={t("headline.label")} tiles={[...customerTiles, ...activityTiles]} />
      <p className="mb-4 mt-2 text-sm text-stone-500" data-testid="scores-as-of">
        {t("asOf", {
          asOf: storeTimes(root, format, ctx.store.timezone)(headline.asOf),
          window: headline.windowDays > 0 ? t("windowDays", { days: headline.windowDays }) : t("windowAll"),
        })}
      </p>
      <div className="mb-4">
        <PeriodSelector base={base} current={period} />
      </div>
      <CustomerValueCharts ctx={ctx} data={data} period={period} />
      <h2 className="mb-3 mt-8 text-lg font-semibold">{t("activityTitle")}</h2>
      <StoreActivityCharts ctx={ctx} activity={activity} period={period} />
    </>
  );
}
