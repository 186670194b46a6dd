import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/ui/back-link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { TierBadge } from "@/components/ui/tier-badge";
import { requireStore } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { buyersByTier, claimsOverTime, getFlashSale } from "@/lib/flash-sales/queries";
import { reminderCount, reminderList } from "@/lib/flash-sales/reminders";
import { toStoreInputValue } from "@/lib/store-time";
import { storeTimes, storeTimeTick } from "@/lib/i18n/store-time-text";
import { repeatedOccurrence } from "@/lib/store-time";
import { formatMoney, minorUnitDigits } from "@/lib/money";
import { parsePathId } from "@/lib/path-id";
import { cancelSaleAction, endSaleAction, raiseQuantityAction, updateSaleAction } from "../actions";
import { SaleForm } from "../_components/sale-form";
import { SaleTiming } from "../_components/sale-timing";
import { StatusBadge } from "../_components/status-badge";
import { ClaimsChart } from "./_components/claims-chart";
import { LiveCounters } from "./_components/live-counters";
import { CancelSaleButton, OpenSaleControls } from "./_components/sale-controls";

const REMINDERS_SHOWN = 50;

// Once per request, as a dispute's and a customer's page do: the title and the page both need the sale.
const load = cache(async (slug: string, idText: string) => {
  const ctx = await requireStore(slug);
  const id = parsePathId(idText) ?? notFound();
  try {
    return { ctx, sale: await getFlashSale(ctx, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const { sale } = await load(store, id);
  return { title: sale.product.name };
}

export default async function FlashSalePage({ params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const { ctx, sale } = await load(store, id);
  const now = new Date();
  const [t, format, locale, timeline, tiersBought, reminders, audience] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getLocale(),
    claimsOverTime(ctx, sale, now),
    buyersByTier(ctx, { saleId: sale.id }),
    reminderList(ctx, sale, { limit: REMINDERS_SHOWN }),
    reminderCount(ctx, sale),
  ]);
  const tz = ctx.store.timezone;
  const base = `/s/${ctx.store.slug}/flash-sales`;
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  // A time the store's clock shows twice (the night it goes back) says which of the two it is.
  const when = storeTimes(t, format, tz);
  // hour "numeric": "2-digit" made English "12/4, 07:34 PM" beside the page's "7:30 PM". The
  // repeated hour's two intervals are told apart, as their rows' keys must be.
  const clockFormat = { month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit" } as const;
  const clock = (date: Date) => when(date, clockFormat);
  const isOwner = ctx.role === "owner";
  const open = sale.status === "early_access" || sale.status === "live" || sale.status === "sold_out";
  const finished = sale.status === "ended" || sale.status === "cancelled";
  const chartData = timeline.points.map((p) => ({ label: clock(p.at), tick: storeTimeTick(t, format, tz, p.at, clockFormat), units: p.units, total: p.total }));
  const digits = minorUnitDigits(ctx.store.currency);

  return (
    <>
      <BackLink href={base}>{t("flashSales.back")}</BackLink>
      <div className="mt-3 mb-6 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold wrap-anywhere">{sale.product.name}</h1>
        <StatusBadge status={sale.status} label={t(`flashSales.status.${sale.status}`)} />
        <span className="text-sm text-stone-600" data-testid="time-left">
          <SaleTiming sale={sale} renderedAt={now.getTime()} />
        </span>
      </div>

      {finished && (
        // Plainly, at the top: the badge alone left an owner looking for the controls that are gone.
        <p className="mb-6 rounded-lg border border-stone-300 bg-stone-50 p-4 text-sm text-stone-700" data-testid="sale-finished">
          {sale.status === "cancelled"
            ? t("flashSales.finishedCancelled")
            : t(sale.endedEarly ? "flashSales.finishedEndedEarly" : "flashSales.finishedEnded", { at: when(sale.endsAt) })}
        </p>
      )}

      <div className="grid gap-6 xl:grid-cols-2 [&>*]:min-w-0">
        <LiveCounters
          pollUrl={`${base}/${sale.id}/live`}
          initial={{ sold: sale.sold, remaining: sale.remaining, quantity: sale.quantity, status: sale.status, returnedUnits: sale.returnedUnits }}
        />

        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="terms">
          <h2 id="terms" className="font-semibold">{t("flashSales.terms")}</h2>
          <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            {[
              [t("flashSales.price"), t("shell.parenthetical", { text: money(sale.price), note: t("flashSales.regular", { price: money(sale.product.regularPrice) }) })],
              [t("flashSales.perCustomerLimit"), format.number(sale.perCustomerLimit)],
              [t("flashSales.starts"), when(sale.startsAt)],
              [t(sale.endedEarly ? "flashSales.endedEarly" : "flashSales.ends"), when(sale.endsAt)],
              [
                t("flashSales.earlyAccess"),
                sale.earlyAccess
                  ? t("flashSales.earlyAccessLong", { tier: t(`tiers.${sale.earlyAccess.tier}`), minutes: sale.earlyAccess.minutes, opens: when(sale.earlyAccess.opensAt) })
                  : t("flashSales.noEarlyAccess"),
              ],
              [t("flashSales.zone"), tz],
            ].map(([label, value]) => (
              <div key={String(label)} className="flex justify-between gap-2 border-b border-stone-100 py-1">
                <dt className="shrink-0 whitespace-nowrap text-stone-500">{label}</dt>
                <dd className="text-right tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </section>

        {isOwner && (sale.status === "scheduled" || open) && (
          <section className="rounded-lg border border-stone-200 bg-white p-4 xl:col-span-2" aria-labelledby="edit">
            <h2 id="edit" className="mb-3 font-semibold">{t("flashSales.editTitle")}</h2>
            {sale.status === "scheduled" ? (
              <div className="space-y-6">
                <SaleForm
                  action={updateSaleAction.bind(null, ctx.store.slug)}
                  saleHrefBase={base}
                  zone={tz}
                  values={{
                    saleId: sale.id,
                    seen: sale.updatedAt.toISOString(),
                    price: (sale.price / 10 ** digits).toFixed(digits),
                    quantity: sale.quantity,
                    perCustomerLimit: sale.perCustomerLimit,
                    startsAt: toStoreInputValue(sale.startsAt, tz),
                    endsAt: toStoreInputValue(sale.endsAt, tz),
                    startsAtOccurrence: repeatedOccurrence(sale.startsAt, tz)?.occurrence,
                    endsAtOccurrence: repeatedOccurrence(sale.endsAt, tz)?.occurrence,
                    earlyAccessTier: sale.earlyAccess?.tier ?? "",
                    earlyAccessMinutes: sale.earlyAccess ? String(sale.earlyAccess.minutes) : "",
                  }}
                />
                <CancelSaleButton saleId={sale.id} cancel={cancelSaleAction.bind(null, ctx.store.slug)} />
              </div>
            ) : (
              <OpenSaleControls
                saleId={sale.id}
                quantity={sale.quantity}
                raise={raiseQuantityAction.bind(null, ctx.store.slug)}
                end={endSaleAction.bind(null, ctx.store.slug)}
              />
            )}
          </section>
        )}

        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="timeline">
          <h2 id="timeline" className="font-semibold">{t("flashSales.claimsOverTime")}</h2>
          {chartData.length === 0 ? (
            <p className="mt-2 text-sm text-stone-500" data-testid="no-claims">
              {finished ? t("flashSales.noClaimsFinished") : t("flashSales.noClaims", { id: sale.id })}
            </p>
          ) : (
            <>
              <ClaimsChart data={chartData} label={t("flashSales.claimsOverTime")} unitsLabel={t("flashSales.unitsPerInterval", { minutes: timeline.bucketMinutes })} totalLabel={t("flashSales.runningTotal")} />
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-stone-600">{t("flashSales.asTable")}</summary>
                <ScrollRegion className="mt-2" title={t("flashSales.claimsOverTime")}>
                  <table className="w-full text-left">
                    <thead className="whitespace-nowrap text-stone-500">
                      <tr>
                        <th scope="col" className="px-2 py-1 font-medium">{t("flashSales.from")}</th>
                        <th scope="col" className="px-2 py-1 text-right font-medium">{t("flashSales.unitsPerInterval", { minutes: timeline.bucketMinutes })}</th>
                        <th scope="col" className="px-2 py-1 text-right font-medium">{t("flashSales.runningTotal")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {chartData.map((p) => (
                        <tr key={p.label}>
                          <td className="px-2 py-0.5">{p.label}</td>
                          <td className="px-2 py-0.5 text-right tabular-nums">{format.number(p.units)}</td>
                          <td className="px-2 py-0.5 text-right tabular-nums">{format.number(p.total)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              </details>
            </>
          )}
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="buyers">
          <h2 id="buyers" className="font-semibold">{t("flashSales.buyersByTier")}</h2>
          {tiersBought.length === 0 ? (
            <p className="mt-2 text-sm text-stone-500">{t(finished ? "flashSales.noBuyersFinished" : "flashSales.noBuyers")}</p>
          ) : (
            // A phone's width: the table scrolls in its box rather than widening the page.
            <ScrollRegion className="mt-3" title={t("flashSales.buyersByTier")}>
              <table className="w-full text-left text-sm" data-testid="buyers-by-tier">
                <thead className="whitespace-nowrap text-stone-500">
                  <tr>
                    <th scope="col" className="px-2 py-1 font-medium">{t("flashSales.tierAtClaim")}</th>
                    <th scope="col" className="px-2 py-1 text-right font-medium">{t("flashSales.buyers")}</th>
                    <th scope="col" className="px-2 py-1 text-right font-medium">{t("flashSales.units")}</th>
                    <th scope="col" className="px-2 py-1 text-right font-medium">{t("flashSales.revenue")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {tiersBought.map((row) => (
                    <tr key={row.tier}>
                      <th scope="row" className="px-2 py-1 font-normal">
                        <TierBadge tier={row.tier} label={t(`tiers.${row.tier}`)} />
                      </th>
                      <td className="px-2 py-1 text-right tabular-nums">{format.number(row.buyers)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{format.number(row.units)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{money(row.revenue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4 xl:col-span-2" aria-labelledby="reminders">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="reminders" className="font-semibold">{t("flashSales.reminderList")}</h2>
            {audience > 0 && (
              <a href={`${base}/${sale.id}/reminders`} className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100" download>
                {t("flashSales.exportCsv", { count: audience })}
              </a>
            )}
          </div>
          <p className="mt-1 text-sm text-stone-500">
            {finished
              ? t("flashSales.remindersFinished")
              : sale.earlyAccess
                ? t("flashSales.reminderAudienceTier", { tier: t(`tiers.${sale.earlyAccess.tier}`) })
                : t("flashSales.reminderAudienceHighValue")}
          </p>
          {reminders.rows.length === 0 ? (
            <p className="mt-2 text-sm text-stone-600" data-testid="no-reminders">
              {sale.earlyAccess
                ? // Only a sale that has not opened can still lower its early-access tier.
                  t(sale.status === "scheduled" ? "flashSales.noRemindersTierScheduled" : "flashSales.noRemindersTier", { tier: t(`tiers.${sale.earlyAccess.tier}`) })
                : t("flashSales.noRemindersHighValue")}
            </p>
          ) : (
            <>
              <ScrollRegion className="mt-3" title={t("flashSales.reminderList")}>
                <table className="w-full text-left text-sm" data-testid="reminder-list">
                  <thead className="whitespace-nowrap text-stone-500">
                    <tr>
                      <th scope="col" className="px-2 py-1 font-medium">{t("flashSales.customer")}</th>
                      <th scope="col" className="px-2 py-1 font-medium">{t("flashSales.tier")}</th>
                      <th scope="col" className="px-2 py-1 text-right font-medium">{t("flashSales.score")}</th>
                      <th scope="col" className="px-2 py-1 font-medium">{t("flashSales.lastOrder")}</th>
                      <th scope="col" className="px-2 py-1 text-right font-medium">{t("flashSales.alreadyClaimed")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {reminders.rows.map((r) => (
                      <tr key={r.customerId}>
                        <th scope="row" className="min-w-32 px-2 py-1 font-normal wrap-anywhere">
                          <Link href={`/s/${ctx.store.slug}/customers/${r.customerId}`} className="text-brand-700 underline">
                            {r.name || r.externalId}
                          </Link>
                        </th>
                        <td className="px-2 py-1 whitespace-nowrap">
                          <TierBadge tier={r.tier} label={t(`tiers.${r.tier}`)} />
                        </td>
                        <td className="px-2 py-1 text-right tabular-nums">{r.score === null ? "—" : format.number(r.score, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</td>
                        <td className="px-2 py-1 whitespace-nowrap">{r.lastOrderAt ? when(r.lastOrderAt) : "—"}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{format.number(r.claimed)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              {audience > reminders.rows.length && (
                <p className="mt-2 text-xs text-stone-500">{t("flashSales.moreInCsv", { shown: reminders.rows.length, count: audience })}</p>
              )}
            </>
          )}
        </section>
      </div>
    </>
  );
}
