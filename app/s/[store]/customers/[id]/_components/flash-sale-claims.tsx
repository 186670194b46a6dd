import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { TierBadge } from "@/components/ui/tier-badge";
import { customerFlashClaims } from "@/lib/flash-sales/history";
import { formatMoney } from "@/lib/money";
import type { StoreContext } from "@/lib/stores/context";

/**
 * The customer's flash-sale claims in their history: price paid, and the order each became
 * once the platform sent it (matched by customer, product and time; see lib/flash-sales/history.ts).
 */
export async function FlashSaleClaims({ ctx, customerId }: { ctx: StoreContext; customerId: number }) {
  const [claims, t, format, locale] = await Promise.all([
    customerFlashClaims(ctx, customerId),
    getTranslations("flashSales"),
    getFormatter(),
    getLocale(),
  ]);
  const tt = await getTranslations();
  if (claims.length === 0) return null;
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  const when = storeTimes(tt, format, ctx.store.timezone);
  return (
    <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="flash-claims" data-testid="flash-sale-claims">
      <h2 id="flash-claims" className="font-semibold">{t("history.title")}</h2>
      <ScrollRegion className="mt-3" title={t("history.title")}>
        <table className="w-full text-left text-sm">
          <thead className="text-stone-500">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">{t("history.sale")}</th>
              <th scope="col" className="px-2 py-1 font-medium">{t("history.claimedAt")}</th>
              <th scope="col" className="px-2 py-1 text-right font-medium">{t("history.paid")}</th>
              <th scope="col" className="px-2 py-1 font-medium">{t("history.order")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {claims.map((c) => (
              <tr key={c.claimId}>
                <th scope="row" className="min-w-32 max-w-64 px-2 py-1 font-normal wrap-anywhere">
                  <Link href={`/s/${ctx.store.slug}/flash-sales/${c.saleId}`} className="text-brand-700 underline">
                    {c.productName}
                  </Link>{" "}
                  <TierBadge tier={c.tier} label={tt(`tiers.${c.tier}`)} />
                </th>
                <td className="px-2 py-1">{when(c.claimedAt)}</td>
                <td className="px-2 py-1 text-right tabular-nums">
                  {t("history.unitsAt", { quantity: c.quantity, price: money(c.unitPrice) })}
                  <span className="block text-xs text-stone-500 line-through">{money(c.regularPrice)}</span>
                </td>
                <td className="px-2 py-1 text-stone-600">
                  {c.order ? t("history.orderPlaced", { id: c.order.externalId, when: when(c.order.placedAt) }) : <span className="text-amber-700">{t("history.awaitingOrder")}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
