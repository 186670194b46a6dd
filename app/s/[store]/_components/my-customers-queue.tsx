import Link from "next/link";
import { ClientMessages } from "@/components/client-messages";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { sentenceGap } from "@/lib/i18n/locales";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { TierBadge } from "@/components/ui/tier-badge";
import { FIRST_LOOK_DAYS, myCustomersQueue } from "@/lib/reps/queue";
import type { StoreContext } from "@/lib/stores/context";
import { markQueueSeenAction } from "../customers/care/actions";
import { MarkQueueSeenForm } from "./mark-queue-seen-form";

const SHOWN = 10;

/** The rep's work queue: their customers with what happened since they last looked. */
export async function MyCustomersQueue({ ctx }: { ctx: StoreContext }) {
  const [queue, t, tc, format, locale] = await Promise.all([
    myCustomersQueue(ctx, { limit: SHOWN }),
    getTranslations("care"),
    getTranslations(),
    getFormatter(),
    getLocale(),
  ]);
  const base = `/s/${ctx.store.slug}/customers`;
  const when = storeTimes(tc, format, ctx.store.timezone);
  return (
    <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="my-customers" data-testid="my-customers-queue">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="my-customers" className="font-semibold">
          {t("queueTitle")}
        </h2>
        {queue.customers > 0 && (
          <Link href={`${base}?rep=me`} className="text-sm text-brand-600 underline">
            {t("seeAll")}
          </Link>
        )}
      </div>
      {queue.customers === 0 ? (
        <p className="mt-2 text-sm text-stone-600">{t("queueNoCustomers")}</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-stone-500">
            {queue.looked ? t("queueSince", { since: when(queue.since) }) : t("queueFirstLook", { days: FIRST_LOOK_DAYS })}
            {/* No space after a Chinese full stop ("。 您负责的"). */}
            {sentenceGap(locale)}
            {/* All of them with news is said so: "1 of your 1 customer has news." */}
            {queue.activeTotal === 0
              ? t("queueQuiet", { count: queue.customers })
              : queue.activeTotal >= queue.customers
                ? t("queueCountAll", { count: queue.customers })
                : t("queueCount", { active: queue.activeTotal, count: queue.customers })}
          </p>
          {queue.active.length > 0 && (
            <ul className="mt-3 divide-y divide-stone-100 text-sm">
              {queue.active.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-testid="queue-customer" data-external-id={c.externalId}>
                  <Link href={`${base}/${c.id}`} className="font-medium hover:underline">
                    {c.name || c.externalId}
                  </Link>
                  <TierBadge tier={c.tier} label={tc(`tiers.${c.tier}`)} />
                  {!c.isHighValue && <span className="rounded bg-amber-50 px-2 text-xs text-amber-900">{t("review")}</span>}
                  {c.newOrders > 0 && <span>{t("newOrders", { count: c.newOrders })}</span>}
                  {c.newReturns > 0 && <span className="text-amber-800">{t("newReturns", { count: c.newReturns })}</span>}
                  {c.newReviews > 0 && <span>{t("newReviews", { count: c.newReviews })}</span>}
                  {c.tierChange && <span>{t("tierChange", { to: tc(`tiers.${c.tierChange.to}`) })}</span>}
                  {c.lastActivityAt && <span className="ml-auto text-xs text-stone-500">{when(c.lastActivityAt)}</span>}
                </li>
              ))}
            </ul>
          )}
          {queue.activeTotal > queue.active.length && (
            <p className="mt-2 text-sm text-stone-500" data-testid="queue-more">
              {/* "the list" is the one the heading's link opens: it read like a link and was plain text. */}
              {t.rich("queueMore", {
                count: queue.activeTotal - queue.active.length,
                link: (text) => (
                  <Link href={`${base}?rep=me`} className="text-brand-600 underline">
                    {text}
                  </Link>
                ),
              })}
            </p>
          )}
          {queue.needsReview > 0 && <p className="mt-2 text-sm text-amber-800">{t("queueReview", { count: queue.needsReview })}</p>}
          {queue.activeTotal > 0 && (
            <div className="mt-3">
              <ClientMessages namespaces={["care.markSeen", "care.markedSeen"]}>
                <MarkQueueSeenForm action={markQueueSeenAction.bind(null, ctx.store.slug)} />
              </ClientMessages>
            </div>
          )}
        </>
      )}
    </section>
  );
}
