import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { requireStore } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { groupByListedStatus } from "@/lib/flash-sales/eligibility";
import { listFlashSales, type FlashSaleList, type FlashSaleView } from "@/lib/flash-sales/queries";
import { formatMoney } from "@/lib/money";
import { firstValues } from "@/lib/validation/customers";
import { saleWindowText } from "./_components/sale-window";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { SaleTiming } from "./_components/sale-timing";
import { StatusBadge } from "./_components/status-badge";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("flashSales") };
}

/**
 * Every sale not over, by status, then the past ones (ended, cancelled) a page at a time, newest
 * first: `?cursor=` for older, `?before=` for newer (keyset positions the list gave out).
 */
export default async function FlashSalesPage({
  params,
  searchParams,
}: {
  params: Promise<{ store: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireStore((await params).store);
  const { cursor, before } = firstValues(await searchParams);
  const now = new Date();
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  let notice: string | null = null;
  let list: FlashSaleList;
  try {
    list = await listFlashSales(ctx, now, { cursor, before });
  } catch (error) {
    if (!(error instanceof AppError && error.code === "invalid_request")) throw error;
    notice = t("errors.badCursor");
    list = await listFlashSales(ctx, now);
  }
  const { current, past } = list;
  const base = `/s/${ctx.store.slug}/flash-sales`;
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  const when = storeTimes(t, format, ctx.store.timezone);
  const saleWindow = (start: Date, end: Date) => saleWindowText(t, format, ctx.store.timezone, start, end);
  const groups = groupByListedStatus(current);
  const paged = Boolean(cursor || before) && !notice;
  // A store with no sale at all is told how to begin; one with sales is told where the past ones go, if none yet.
  const noSales = current.length === 0 && past.total === 0 && !paged && !notice;
  // Each page link lands on the past sales, not on the top of the list above them.
  const pastHref = (query?: Record<string, string>) => `${base}${query ? `?${new URLSearchParams(query)}` : ""}#past-sales`;

  const salesTable = (title: string, sales: FlashSaleView[], last: "timeLeft" | "status") => (
    <ScrollRegion className="rounded-lg border border-stone-200 bg-white" title={title}>
      <table className="w-full text-left text-sm">
        {/* On a phone the table scrolls in its box: squeezed, Chinese stood a character a line
            ("已/售/件/数", "金/牌/+/，/提/前…") and "47 / 120" took three. */}
        <thead className="whitespace-nowrap bg-stone-50 text-stone-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">{t("flashSales.product")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("flashSales.price")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("flashSales.soldOfQuantity")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("flashSales.window")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("flashSales.earlyAccess")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{last === "status" ? t("flashSales.past.status") : t("flashSales.timeLeftColumn")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {sales.map((sale) => (
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
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                {format.number(sale.sold)} / {format.number(sale.quantity)}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-xs text-stone-600" data-testid="sale-window">
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
              <td className="whitespace-nowrap px-3 py-2 text-xs text-stone-600">
                {sale.earlyAccess
                  ? t("flashSales.earlyAccessShort", { tier: t(`tiers.${sale.earlyAccess.tier}`), minutes: sale.earlyAccess.minutes })
                  : "—"}
              </td>
              {last === "status" ? (
                <td className="whitespace-nowrap px-3 py-2 text-xs" data-testid="sale-status">
                  <StatusBadge status={sale.status} label={t(`flashSales.status.${sale.status}`)} />
                </td>
              ) : (
                <td className="whitespace-nowrap px-3 py-2 text-xs" data-testid="sale-time-left">
                  <SaleTiming sale={sale} renderedAt={now.getTime()} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );

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
      {noSales ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600">
          {ctx.role === "owner" ? t("flashSales.emptyOwner") : t("flashSales.emptyStaff")}
        </p>
      ) : (
        current.length === 0 && (
          <p className="mb-8 rounded-lg border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600" data-testid="no-current-sales">
            {t("flashSales.noCurrent")}
          </p>
        )
      )}
      {groups.map((group) => (
        <section key={group.status} className="mb-8" aria-labelledby={`group-${group.status}`} data-testid={`group-${group.status}`}>
          <h2 id={`group-${group.status}`} className="mb-2 flex items-center gap-2 font-semibold">
            <StatusBadge status={group.status} label={t(`flashSales.status.${group.status}`)} />
            <span className="text-sm font-normal text-stone-500">{group.sales.length}</span>
          </h2>
          {salesTable(t(`flashSales.status.${group.status}`), group.sales, "timeLeft")}
        </section>
      ))}
      {!noSales && (
        <section className="mb-8 scroll-mt-4" id="past-sales" aria-labelledby="past-sales-title" data-testid="past-sales">
          <h2 id="past-sales-title" className="font-semibold">
            {t("flashSales.past.title")}
          </h2>
          <p className="mb-2 text-sm text-stone-500">{t("flashSales.past.intro")}</p>
          {notice && (
            <p role="status" className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              {notice}
            </p>
          )}
          {past.sales.length > 0 ? (
            salesTable(t("flashSales.past.title"), past.sales, "status")
          ) : (
            <p className="rounded-lg border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600" data-testid="past-sales-empty">
              {past.total === 0 ? t("flashSales.past.empty") : t("flashSales.past.emptyPage")}
            </p>
          )}
          <nav aria-label={t("flashSales.past.pages")} className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
            {past.sales.length > 0 && (
              <span className="text-stone-500" data-testid="past-sales-range">
                {t("flashSales.past.range", { from: past.from, to: past.from + past.sales.length - 1, total: past.total })}
              </span>
            )}
            {paged && (
              <Link href={pastHref()} className="text-brand-600 underline">
                {t("flashSales.past.newest")}
              </Link>
            )}
            {past.previousCursor && (
              <Link href={pastHref({ before: past.previousCursor })} className="text-brand-600 underline" rel="prev">
                {t("flashSales.past.newer")}
              </Link>
            )}
            {past.nextCursor && (
              <Link href={pastHref({ cursor: past.nextCursor })} className="text-brand-600 underline" rel="next">
                {t("flashSales.past.older")}
              </Link>
            )}
          </nav>
        </section>
      )}
    </>
  );
}
