import { getFormatter, getTranslations } from "next-intl/server";
import { recentlyFlaggedCustomers } from "@/lib/dashboard/work-queue";
import type { StoreContext } from "@/lib/stores/context";

const FLAGGED_DAYS = 30;

/** A section of the work queue: a heading, its items, or what it means that there are none. */
function QueueSection({ id, title, empty, children }: { id: string; title: string; empty: string | null; children?: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} data-testid={`queue-${id}`} className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id={`${id}-title`} className="font-semibold">
        {title}
      </h2>
      {empty ? <p className="mt-2 text-sm text-stone-600">{empty}</p> : <div className="mt-2">{children}</div>}
    </section>
  );
}

/** What staff see instead of the owner's charts: the things waiting for them today. */
export async function StaffWorkQueue({ ctx }: { ctx: StoreContext }) {
  const [t, flagsT, format, flagged] = await Promise.all([
    getTranslations("dashboard.queue"),
    getTranslations("flags"),
    getFormatter(),
    recentlyFlaggedCustomers(ctx, { days: FLAGGED_DAYS }),
  ]);
  const base = `/s/${ctx.store.slug}`;
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone: ctx.store.timezone });
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <QueueSection
        id="flagged"
        title={t("flaggedTitle", { days: FLAGGED_DAYS })}
        empty={flagged.length === 0 ? t("flaggedEmpty", { days: FLAGGED_DAYS }) : null}
      >
        <ul className="divide-y divide-stone-100 text-sm">
          {flagged.map((f) => (
            <li key={`${f.customerId}-${f.flag}`} className="py-2" data-testid="flagged-customer">
              <a href={`${base}/customers/${f.customerId}`} className="font-medium text-brand-700 underline">
                {f.name || f.externalId}
              </a>{" "}
              <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs text-red-800">{flagsT(f.flag)}</span>
              <span className="block text-stone-600">{f.reason}</span>
              <span className="block text-xs text-stone-500">
                {f.setBy ? t("flaggedBy", { when: when(f.setAt), who: f.setBy }) : when(f.setAt)}
              </span>
            </li>
          ))}
        </ul>
      </QueueSection>
    </div>
  );
}
