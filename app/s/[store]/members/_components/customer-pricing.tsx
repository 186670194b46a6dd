import Link from "next/link";
import { Suspense } from "react";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { sentenceGap } from "@/lib/i18n/locales";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { TierBadge } from "@/components/ui/tier-badge";
import { getDb } from "@/db";
import { customerMembershipHistory } from "@/lib/memberships/queries";
import { formatMoney, minorUnitDigits } from "@/lib/money";
import { listPointsEntries, pointsBalance } from "@/lib/points/ledger";
import { redeemStep } from "@/lib/points/redeem-step";
import { findPointsRules } from "@/lib/points/rules";
import { effectivePrices } from "@/lib/pricing/effective-price";
import { productNamesByIds, topProductsForCustomer } from "@/lib/pricing/product-options";
import type { StoreContext } from "@/lib/stores/context";
import { PriceReasons } from "../../products/_components/price-reasons";
import { adjustPointsAction, cancelAction, redeemPointsAction, renewAction } from "../actions";
import { CancelForm, RenewForm } from "./member-forms";
import { AdjustForm, RedeemForm } from "./points-forms";

/** The customer page's section on what this customer gets: membership, points and their prices. */
export function CustomerPricing({ ctx, customerId, who }: { ctx: StoreContext; customerId: number; who: string }) {
  return (
    <Suspense fallback={<section className="h-40 animate-pulse rounded-lg border border-stone-200 bg-white" aria-busy="true" />}>
      <CustomerPricingBody ctx={ctx} customerId={customerId} who={who} />
    </Suspense>
  );
}

/** Ledger entries the customer page lists, newest first (the balance counts them all). */
const LEDGER_SHOWN = 30;

async function CustomerPricingBody({ ctx, customerId, who }: { ctx: StoreContext; customerId: number; who: string }) {
  const db = getDb();
  const [t, format, locale, balance, ledger, memberships, rules, productIds] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getLocale(),
    pointsBalance(db, ctx.store.id, customerId),
    // One more than is shown, to know whether there are earlier ones.
    listPointsEntries(ctx, customerId, LEDGER_SHOWN + 1),
    customerMembershipHistory(ctx, customerId),
    findPointsRules(db, ctx.store.id),
    topProductsForCustomer(ctx, customerId, 5),
  ]);
  const entries = ledger.slice(0, LEDGER_SHOWN);
  const [prices, names] = await Promise.all([
    effectivePrices(db, ctx.store, productIds, customerId, { locale }),
    productNamesByIds(ctx, productIds),
  ]);
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: ctx.store.timezone });
  const now = new Date();
  const current = memberships.find((m) => m.startsAt <= now && m.endsAt > now && (!m.cancelledAt || m.cancelledAt > now));
  const isOwner = ctx.role === "owner";
  // A renewal already queued after the current period: its end is when the membership now runs to.
  const renewedUntil = current
    ? memberships.filter((m) => !m.cancelledAt && m.startsAt >= current.endsAt).reduce<Date | null>((max, m) => (!max || m.endsAt > max ? m.endsAt : max), null)
    : null;
  const slug = ctx.store.slug;
  const oneMajorUnit = 10 ** minorUnitDigits(ctx.store.currency);
  const gap = sentenceGap(locale);
  // Too few points for the smallest coupon: a form could only be refused, so the page says so instead.
  const redeemUnavailable = (redeemRate: number) => {
    const step = redeemStep(redeemRate, ctx.store.currency);
    if (balance >= step) return null;
    return balance <= 0 ? t("pricing.points.nothingToRedeem") : t("pricing.points.tooFewToRedeem", { points: balance, step });
  };

  return (
    <section className="rounded-lg border border-stone-200 bg-white p-4 xl:col-span-2" aria-labelledby="customer-pricing" data-testid="customer-pricing">
      <h2 id="customer-pricing" className="font-semibold">{t("pricing.customer.title")}</h2>
      <div className="mt-3 grid gap-6 lg:grid-cols-2">
        <div>
          <h3 id="membership" className="scroll-mt-4 text-sm font-semibold">{t("pricing.customer.membership")}</h3>
          {current ? (
            <div data-testid="current-membership">
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
                {current.planName} <TierBadge tier={current.tier} label={t(`tiers.${current.tier}`)} />
                {t("pricing.customer.until", { date: when(current.endsAt) })}
              </p>
              {renewedUntil && (
                <p className="text-xs text-green-700" data-testid="renewed-until">{t("pricing.members.renewedUntil", { date: when(renewedUntil) })}</p>
              )}
              {/* Renewing and cancelling live here, beside what the membership gives the customer. */}
              {isOwner && (
                <div className="mt-2 flex flex-wrap items-end gap-2">
                  <RenewForm
                    action={renewAction.bind(null, slug)}
                    membershipId={current.id}
                    after={renewedUntil ?? current.endsAt}
                    who={who}
                    timeZone={ctx.store.timezone}
                  />
                  <CancelForm action={cancelAction.bind(null, slug)} membershipId={current.id} who={who} />
                </div>
              )}
            </div>
          ) : (
            <p className="mt-1 text-sm text-stone-500">
              {t("pricing.customer.noMembership")}
              {isOwner && (
                <>
                  {gap}
                  <Link href={`/s/${slug}/members#enrol`} className="underline">{t("pricing.customer.enrolThere")}</Link>
                </>
              )}
            </p>
          )}

          <h3 className="mt-4 text-sm font-semibold">{t("pricing.customer.prices")}</h3>
          {productIds.length === 0 ? (
            <p className="mt-1 text-sm text-stone-500">{t("pricing.customer.noProducts")}</p>
          ) : (
            <ul className="mt-1 space-y-2" data-testid="customer-prices">
              {productIds.map((id) => {
                const p = prices.get(id);
                if (!p) return null;
                return (
                  <li key={id} className="rounded-md bg-stone-50 p-2 text-sm wrap-anywhere">
                    <details>
                      <summary className="cursor-pointer">
                        {t.rich("pricing.customer.priceLine", {
                          name: names.get(id) ?? "",
                          price: money(p.price),
                          source: p.source,
                          regular: money(p.regularPrice),
                          product: (chunks) => <span className="font-medium">{chunks}</span>,
                          amount: (chunks) => <span className="tabular-nums font-semibold">{chunks}</span>,
                          note: (chunks) => <span className="text-stone-600">{chunks}</span>,
                        })}
                      </summary>
                      <div className="mt-1">
                        <PriceReasons reasons={p.reasons} timeZone={ctx.store.timezone} />
                      </div>
                    </details>
                  </li>
                );
              })}
            </ul>
          )}
        </div>

        <div>
          <h3 className="text-sm font-semibold">{t("pricing.points.title")}</h3>
          <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="points-balance">
            {t("pricing.points.balance", { points: balance })}
          </p>
          {/* Saving the rules is the owner's, on the members page: staff were told to save them, and neither was shown where. */}
          {!rules && (
            <p className="text-sm text-stone-500" data-testid="points-not-started">
              {isOwner ? (
                <>
                  {t("pricing.points.notStarted")}
                  {gap}
                  <Link href={`/s/${slug}/members#points-rules`} className="underline">
                    {t("pricing.points.startThere")}
                  </Link>
                </>
              ) : (
                t("pricing.points.notStartedStaff")
              )}
            </p>
          )}
          {entries.length === 0 ? (
            <p className="mt-2 text-sm text-stone-500">{t("pricing.points.noEntries")}</p>
          ) : (
            <ScrollRegion className="mt-2" title={t("pricing.points.title")}>
              <table className="w-full text-left text-sm" data-testid="points-ledger">
                <thead className="text-stone-500">
                  <tr>
                    <th scope="col" className="py-1 pr-2 font-medium">{t("pricing.points.when")}</th>
                    <th scope="col" className="py-1 pr-2 font-medium">{t("pricing.points.what")}</th>
                    <th scope="col" className="py-1 pr-2 text-right font-medium">{t("pricing.points.points")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {entries.map((e) => (
                    <tr key={e.id}>
                      <td className="py-1 pr-2 whitespace-nowrap">{when(e.occurredAt)}</td>
                      <td className="py-1 pr-2 wrap-anywhere">
                        {t.rich("pricing.points.entry", {
                          kind: t(`pricing.points.kind.${e.kind}`),
                          hasOrder: e.orderExternalId ? "yes" : "no",
                          order: e.orderExternalId ?? "",
                          hasReturn: e.returnExternalId ? "yes" : "no",
                          return: e.returnExternalId ?? "",
                          hasCoupon: e.couponValue !== null ? "yes" : "no",
                          coupon: e.couponValue !== null ? money(e.couponValue) : "",
                          hasReason: e.reason ? "yes" : "no",
                          reason: e.reason ?? "",
                          hasBy: e.byEmail ? "yes" : "no",
                          by: e.byEmail ?? "",
                          muted: (chunks) => <span className="text-stone-500">{chunks}</span>,
                        })}
                        {e.expiresAt && e.points > 0 && (
                          <span className="block text-xs text-stone-500">{t("pricing.points.expires", { date: when(e.expiresAt) })}</span>
                        )}
                      </td>
                      <td className={`py-1 pr-2 text-right tabular-nums ${e.points < 0 ? "text-red-700" : "text-green-700"}`}>
                        {format.number(e.points, { signDisplay: "exceptZero" })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          {/* The balance is not the sum of the rows shown when older ones are left out: say so. */}
          {ledger.length > LEDGER_SHOWN && (
            <p className="mt-1 text-xs text-stone-500" data-testid="points-latest-only">
              {t("pricing.points.latestOnly", { shown: LEDGER_SHOWN })}
            </p>
          )}
          {rules && !rules.enabled && (
            // A redeem form here could only be refused (pricing.errors.pointsOff); say why it is gone instead.
            <p role="status" data-testid="points-off" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t("pricing.points.offNote")}
              {isOwner && (
                <>
                  {gap}
                  {t("pricing.points.offAdjustStill")}{gap}
                  <Link href={`/s/${slug}/members#points-rules`} className="font-medium underline">
                    {t("pricing.points.offSwitchOn")}
                  </Link>
                </>
              )}
            </p>
          )}
          {isOwner && rules?.enabled && (
            <RedeemForm
              action={redeemPointsAction.bind(null, slug)}
              customerId={customerId}
              redeemHelp={t("pricing.points.redeemHelp", { rate: rules.redeemRate, value: money(oneMajorUnit) })}
              unavailable={redeemUnavailable(rules.redeemRate)}
              currency={ctx.store.currency}
            />
          )}
          {isOwner && <AdjustForm action={adjustPointsAction.bind(null, slug)} customerId={customerId} />}
        </div>
      </div>
    </section>
  );
}
