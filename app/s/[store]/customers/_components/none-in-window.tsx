import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { sentenceGap } from "@/lib/i18n/locales";
import { newestPaidOrderAt } from "@/lib/customers/queries";
import type { StoreContext } from "@/lib/stores/context";

/**
 * Why the list has customers but no score at all: none bought in the scoring window, as after
 * importing a history older than it (the Online Retail file ends in 2011). Names the newest paid
 * order and where the window is set, instead of a page of zeros and dashes that reads as broken.
 */
export async function NoneInWindow({ ctx, customers, windowDays }: { ctx: StoreContext; customers: number; windowDays: number }) {
  const [t, format, locale, newest] = await Promise.all([getTranslations(), getFormatter(), getLocale(), newestPaidOrderAt(ctx)]);
  const window = windowDays === 0 ? t("dashboard.windowAll") : t("dashboard.windowDays", { days: windowDays });
  const gap = sentenceGap(locale);
  return (
    <p role="status" data-testid="none-in-window" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      {t("customers.noneInWindow", { customers, window })}{gap}
      {newest === null ? (
        t("customers.noPaidOrders")
      ) : (
        <>
          {t("customers.newestOrder", { date: format.dateTime(newest, { dateStyle: "long", timeZone: ctx.store.timezone }) })}{gap}
          {ctx.role === "owner" ? (
            <Link href={`/s/${ctx.store.slug}/settings#scoring-rules`} className="font-medium underline">
              {t("customers.widenWindow")}
            </Link>
          ) : (
            t("customers.ownerCanWiden")
          )}
        </>
      )}
    </p>
  );
}
