import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { requireStore } from "@/lib/auth/session";
import { groupByListedStatus } from "@/lib/flash-sales/eligibility";
import { FINISHED_SALES_LISTED, listFlashSales } from "@/lib/flash-sales/queries";
import { formatMoney } from "@/lib/money";
import { saleWindowText } from "./_components/sale-window";
import { SaleTiming } from "./_components/sale-timing";
import { StatusBadge } from "./_components/status-badge";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("flashSales") };
}

export default async function FlashSalesPage({ params }: { params: Promise<{ store: string }> }) {
  const ctx = await requireStore((await params).store);
  const now = new Date();
  const [{ sales, finishedLeftOut }, t, format, locale] = await Promise.all([listFlashSales(ctx, now), getTranslations(), getFormatter(), getLocale()]);
  const base = `/s/${ctx.store.slug}/flash-sales`;
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  const dateTimeStyle = { dateStyle: "medium", timeStyle: "short", timeZone: ctx.store.timezone } as const;
  const when = (date: Date) => format.dateTime(date, dateTimeStyle);
  const saleWindow = (start: Date, end: Date) => saleWindowText(t, format, ctx.store.timezone, start, end);
  const groups = groupByListedStatus(sales);

  return (
    <>
      <PageHeader title={t("nav.flashSales")} intro={t("flashSales.intro", { zone: ctx.store.timezone })} />
      {ctx.role === "owner" ? (
        <Link href={`${base}/new`} className="mb-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t("flashSales.new")}
        </Link>
      ) : (
        <p className="mb-6 text-sm text-stone-500">{t("flashSales.staffReadOnly")}</p>
      )}
      {sales.length === 0 && (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600">
          {ctx.role === "owner" ? t("flashSales.emptyOwner") : t("flashSales.emptyStaff")}
        </p>
      )}
      {finishedLeftOut && (
        <p className="mb-4 text-sm text-stone-500" data-testid="flash-sales-latest-only">
          {t("flashSales.latestOnly", { count: FINISHED_SALES_LISTED })}
        </p>
      )}
      {groups.map((group) => (
        <section key={group.status} className="mb-8" aria-labelledby={`group-${group.status}`} data-testid={`group-${group.status}`}>
          <h2 id={`group-${group.status}`} className="mb-2 flex items-center gap-2 font-semibold">
            <StatusBadge status={group.status} label={t(`flashSales.status.${group.status}`)} />
            <span className="text-sm font-normal text-stone-500">{group.sales.length}</span>
          </h2>
          <ScrollRegion className="rounded-lg border border-stone-200 bg-white" label={t("app.tableRegion", { title: t(`flashSales.status.${group.status}`) })}>
            <table className="w-full text-left text-sm">
              <thead className="bg-stone-50 text-stone-500">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">{t("flashSales.product")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("flashSales.price")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("flashSales.soldOfQuantity")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("flashSales.window")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("flashSales.earlyAccess")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("flashSales.timeLeftColumn")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {group.sales.map((sale) => (
                  <tr key={sale.id} data-testid="flash-sale-row" data-sale-id={sale.id}>
                    <th scope="row" className="min-w-32 max-w-64 px-3 py-2 font-normal wrap-anywhere">
                      <Link href={`${base}/${sale.id}`} className="font-medium text-brand-700 underline">
                        {sale.product.name}
                      </Link>
                      <span className="block text-xs text-stone-500">#{sale.id}</span>
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {money(sale.price)}
                      <span className="block text-xs text-stone-500 line-through">{money(sale.product.regularPrice)}</span>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {format.number(sale.sold)} / {format.number(sale.quantity)}
                    </td>
                    <td className="px-3 py-2 text-xs text-stone-600" data-testid="sale-window">
                      {/* Ended early during early access, its end is before its start: no "from – to". */}
                      {sale.endedEarly ? (
                        <>
                          {when(sale.startsAt)}
                          <span className="block">{t("shell.labelled", { label: t("flashSales.endedEarly"), text: when(sale.endsAt) })}</span>
                        </>
                      ) : (
                        // A sale within a day (in the store's time zone) names its date once.
                        saleWindow(sale.startsAt, sale.endsAt)
                      )}
                    </td>
                    <td className="px-3 py-2 text-xs text-stone-600">
                      {sale.earlyAccess
                        ? t("flashSales.earlyAccessShort", { tier: t(`tiers.${sale.earlyAccess.tier}`), minutes: sale.earlyAccess.minutes })
                        : "—"}
                    </td>
                    <td className="px-3 py-2 text-xs" data-testid="sale-time-left">
                      {/* A sale that is over has no time left: a dash, as the early-access column says none, not a blank. */}
                      {sale.nextChangeAt ? <SaleTiming sale={sale} renderedAt={now.getTime()} /> : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ))}
    </>
  );
}
