import { getFormatter, getTranslations } from "@/lib/i18n/server";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { recentlyFlaggedCustomers } from "@/lib/dashboard/work-queue";
import { disputesForQueue } from "@/lib/disputes/queries";
import { flashSalesToday } from "@/lib/flash-sales/stats";
import type { StoreContext } from "@/lib/stores/context";
import { MyCustomersQueue } from "./my-customers-queue";

const FLAGGED_DAYS = 30;

/** A section of the work queue: a heading, its items, or what it means that there are none. */
function QueueSection({ id, title, empty, wide, children }: { id: string; title: string; empty: string | null; wide?: boolean; children?: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} data-testid={`queue-${id}`} className={`rounded-lg border border-stone-200 bg-white p-4 ${wide ? "lg:col-span-2" : ""}`}>
      <h2 id={`${id}-title`} className="font-semibold">
        {title}
      </h2>
      {empty ? <p className="mt-2 text-sm text-stone-600">{empty}</p> : <div className="mt-2">{children}</div>}
    </section>
  );
}

/** What staff see instead of the owner's charts: the things waiting for them today. */
export async function StaffWorkQueue({ ctx }: { ctx: StoreContext }) {
  const [t, all, format] = await Promise.all([getTranslations("dashboard.queue"), getTranslations(), getFormatter()]);
  // One after another: the embedded database serves one connection's query at a time anyway,
  // and interleaving connections there breaks (see lib/dashboard/owner-dashboard.ts).
  const disputes = ctx.userId === null ? { assigned: [], toReview: [], overdue: [] } : await disputesForQueue(ctx, ctx.userId, { limit: 10 });
  const sales = await flashSalesToday(ctx);
  const flagged = await recentlyFlaggedCustomers(ctx, { days: FLAGGED_DAYS });
  const base = `/s/${ctx.store.slug}`;
  const storeTime = storeTimes(all, format, ctx.store.timezone);
  const when = (date: Date | string) => storeTime(new Date(date));
  const time = (date: Date) => storeTime(date, { timeStyle: "short" });
  type QueueDispute = (typeof disputes.assigned)[number];
  const disputeList = (items: QueueDispute[], testId: string) => (
    <ul className="divide-y divide-stone-100 text-sm">
      {items.map((d) => (
        <li key={d.id} className="py-2" data-testid={testId}>
          <a href={`${base}/disputes/${d.id}`} className="font-medium text-brand-700 underline">
            {d.title}
          </a>{" "}
          <span className="text-stone-600" data-testid="dispute-kind">
            {t("disputeKind", { type: all(`disputes.type.${d.type}.label`), status: all(`disputes.status.${d.status}`) })}
          </span>
          {d.deadlineAt && (
            <span className={`block text-xs ${d.overdue ? "font-medium text-red-700" : "text-stone-500"}`}>
              {t(d.overdue ? "overdueSince" : "dueBy", { when: when(d.deadlineAt) })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
  type QueueKey = Parameters<typeof t>[0];
  // A section of disputes: its list, or what it means that there are none, and the link to all of them in the queue.
  const disputeSection = (id: string, items: QueueDispute[], testId: string, query: string, keys: { title: QueueKey; empty: QueueKey; all: QueueKey }) => (
    <QueueSection id={id} title={t(keys.title)} empty={items.length === 0 ? t(keys.empty) : null}>
      {disputeList(items, testId)}
      <a href={`${base}/disputes${query}`} className="mt-2 inline-block text-sm text-brand-700 underline">
        {t(keys.all)}
      </a>
    </QueueSection>
  );
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {disputeSection("my-disputes", disputes.assigned, "my-dispute", "?assignee=me", { title: "myDisputesTitle", empty: "myDisputesEmpty", all: "allMyDisputes" })}
      {disputeSection("review-disputes", disputes.toReview, "review-dispute", "?status=submitted", { title: "toReviewTitle", empty: "toReviewEmpty", all: "allToReview" })}
      {disputeSection("overdue-disputes", disputes.overdue, "overdue-dispute", "?overdue=true", { title: "overdueTitle", empty: "overdueEmpty", all: "allOverdue" })}
      <QueueSection id="flash-today" title={t("flashTodayTitle")} empty={sales.length === 0 ? t("flashTodayEmpty") : null}>
        <ul className="divide-y divide-stone-100 text-sm">
          {sales.map((s) => (
            <li key={s.id} className="py-2" data-testid="flash-today">
              <a href={`${base}/flash-sales/${s.id}`} className="font-medium text-brand-700 underline">
                {s.productName}
              </a>{" "}
              <span className="text-stone-600">{all(`flashSales.status.${s.status}`)}</span>
              <span className="block text-xs text-stone-500">
                {/* A sale that runs past midnight names the other day's date: "22:00–02:00" read as today's. */}
                {t("flashTodayWindow", {
                  from: s.startsBeforeToday ? when(s.startsAt) : time(s.startsAt),
                  to: s.endsAfterToday ? when(s.endsAt) : time(s.endsAt),
                  sold: format.number(s.sold),
                  quantity: format.number(s.quantity),
                })}
              </span>
            </li>
          ))}
        </ul>
      </QueueSection>
      <QueueSection
        id="flagged"
        // The fifth section: across both columns rather than beside a hole.
        wide
        title={t("flaggedTitle", { days: FLAGGED_DAYS })}
        empty={flagged.length === 0 ? t("flaggedEmpty", { days: FLAGGED_DAYS }) : null}
      >
        <ul className="divide-y divide-stone-100 text-sm">
          {flagged.map((f) => (
            <li key={`${f.customerId}-${f.flag}`} className="py-2" data-testid="flagged-customer">
              <a href={`${base}/customers/${f.customerId}`} className="font-medium text-brand-700 underline">
                {f.name || f.externalId}
              </a>{" "}
              <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs text-red-800">{all(`flags.${f.flag}`)}</span>
              {/* A flag a dispute set keeps its reason in English: say it in the reader's language, as the customer page does. */}
              {f.disputeId === null ? (
                <span className="block text-stone-600 wrap-anywhere">{f.reason}</span>
              ) : (
                <a href={`${base}/disputes/${f.disputeId}`} className="block text-stone-600 underline">
                  {all("customer.flagByDispute", { id: f.disputeId })}
                </a>
              )}
              <span className="block text-xs text-stone-500">
                {f.setBy || f.disputeId !== null
                  ? t("flaggedBy", { when: when(f.setAt), who: f.setBy ?? all("customer.flagByLaoke") })
                  : when(f.setAt)}
              </span>
            </li>
          ))}
        </ul>
      </QueueSection>
      <div className="lg:col-span-2">
        <MyCustomersQueue ctx={ctx} />
      </div>
    </div>
  );
}
