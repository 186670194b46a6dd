import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { PageHeader } from "@/components/ui/page-header";
import { inputClass } from "@/components/ui/field";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { requireStore } from "@/lib/auth/session";
import { disputeParties, disputeStatuses, disputeTypes } from "@/lib/disputes/constants";
import { listDisputes, storeMembers } from "@/lib/disputes/queries";
import { isClosed } from "@/lib/disputes/workflow";
import { formatMoney } from "@/lib/money";
import { disputeQueueSchema, type DisputeQueueQuery } from "@/lib/validation/disputes";
import { firstValues } from "@/lib/validation/customers";
import { StatusBadge } from "./_components/status-badge";

export async function generateMetadata() {
  return { title: (await getTranslations("disputes"))("title") };
}

function queueParams(query: Partial<DisputeQueueQuery>, change: Partial<DisputeQueueQuery> = {}) {
  const merged = { ...query, ...change };
  const params = new URLSearchParams();
  for (const key of ["status", "type", "assignee", "party", "overdue"] as const) {
    if (merged[key] !== undefined) params.set(key, String(merged[key]));
  }
  if (merged.page && merged.page > 1) params.set("page", String(merged.page));
  return params.toString();
}

export default async function DisputesPage({
  params,
  searchParams,
}: {
  params: Promise<{ store: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireStore((await params).store);
  const base = `/s/${ctx.store.slug}/disputes`;
  // The filter form sends "" for "any".
  const given = Object.entries(firstValues(await searchParams)).filter(([, value]) => value !== "");
  const parsed = disputeQueueSchema.safeParse(Object.fromEntries(given));
  const query = parsed.success ? parsed.data : disputeQueueSchema.parse({});
  const [t, tAll, format, locale, result, members] = await Promise.all([
    getTranslations("disputes"),
    getTranslations(),
    getFormatter(),
    getLocale(),
    listDisputes(ctx, query),
    storeMembers(ctx),
  ]);
  const { disputes, counts, total, pageSize } = result;
  const filtered = queueParams({ ...query, page: 1 }) !== "";
  const when = storeTimes(tAll, format, ctx.store.timezone);
  const from = (query.page - 1) * pageSize + 1;

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="mb-4 flex flex-wrap gap-3 text-sm">
        <Link href={`${base}/new`} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          {t("new")}
        </Link>
        <Link href={`${base}/parties`} className="rounded-md border border-stone-300 bg-white px-4 py-2 hover:bg-stone-100">
          {t("partiesLink")}
        </Link>
      </div>

      <nav aria-label={t("queue.counts")} className="mb-4 flex flex-wrap gap-2 text-sm" data-testid="status-counts">
        <Link href={`${base}?${queueParams({ ...query, status: undefined, page: 1 })}`} aria-current={query.status ? undefined : "page"} className="rounded-md border border-stone-200 bg-white px-3 py-1.5 aria-[current=page]:border-brand-600 aria-[current=page]:font-semibold">
          {t("queue.all")} <span className="tabular-nums">{format.number(counts.total)}</span>
        </Link>
        {disputeStatuses.map((status) => (
          <Link
            key={status}
            href={`${base}?${queueParams({ ...query, status, page: 1 })}`}
            aria-current={query.status === status ? "page" : undefined}
            data-status={status}
            className="rounded-md border border-stone-200 bg-white px-3 py-1.5 aria-[current=page]:border-brand-600 aria-[current=page]:font-semibold"
          >
            {t(`status.${status}`)} <span className="tabular-nums" data-testid={`count-${status}`}>{format.number(counts.byStatus[status])}</span>
          </Link>
        ))}
        <span className="rounded-md bg-stone-100 px-3 py-1.5">{t("queue.openCount", { count: counts.open })}</span>
        <Link
          href={`${base}?${queueParams({ ...query, overdue: true, page: 1 })}`}
          className={`rounded-md px-3 py-1.5 ${counts.overdue > 0 ? "bg-red-100 font-semibold text-red-800" : "bg-stone-100"}`}
          data-testid="overdue-count"
        >
          {t("queue.overdueCount", { count: counts.overdue })}
        </Link>
      </nav>

      <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3" aria-label={t("queue.filters")}>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-stone-700">{t("queue.status")}</span>
          <select name="status" defaultValue={query.status ?? ""} className={inputClass}>
            <option value="">{t("queue.any")}</option>
            {disputeStatuses.map((s) => (
              <option key={s} value={s}>{t(`status.${s}`)}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-stone-700">{t("queue.type")}</span>
          <select name="type" defaultValue={query.type ?? ""} className={inputClass}>
            <option value="">{t("queue.any")}</option>
            {disputeTypes.map((type) => (
              <option key={type} value={type}>{t(`type.${type}.label`)}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-stone-700">{t("queue.assignee")}</span>
          <select name="assignee" defaultValue={query.assignee === undefined ? "" : String(query.assignee)} className={inputClass}>
            <option value="">{t("queue.any")}</option>
            <option value="me">{t("queue.me")}</option>
            <option value="none">{t("queue.unassigned")}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>{m.name || m.email}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-stone-700">{t("queue.party")}</span>
          <select name="party" defaultValue={query.party ?? ""} className={inputClass}>
            <option value="">{t("queue.any")}</option>
            {disputeParties.map((p) => (
              <option key={p} value={p}>{t(`partyTitle.${p}`)}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-stone-700">{t("queue.overdue")}</span>
          <select name="overdue" defaultValue={query.overdue === undefined ? "" : String(query.overdue)} className={inputClass}>
            <option value="">{t("queue.any")}</option>
            <option value="true">{t("queue.onlyOverdue")}</option>
            <option value="false">{t("queue.notOverdue")}</option>
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">{t("queue.apply")}</button>
        {filtered && <Link href={base} className="text-sm text-brand-600 underline">{t("queue.clear")}</Link>}
      </form>
      {!parsed.success && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{tAll("errors.invalidInput")}</p>
      )}

      {disputes.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600">
          {/* Past the last page of what matches, with no filter set: "no dispute matches these filters" named none and led nowhere. */}
          {counts.total === 0
            ? t("queue.empty")
            : total > 0
              ? tAll.rich("app.pastLastPage", { first: (chunks) => <Link href={filtered ? `${base}?${queueParams(query, { page: 1 })}` : base} className="underline">{chunks}</Link> })
              : t("queue.noneMatch")}
        </p>
      ) : (
        <>
          <p id="queue-sorted-by" className="mb-2 text-xs text-stone-500">{t("queue.sortedBy")}</p>
          <ScrollRegion className="rounded-lg border border-stone-200 bg-white" title={t("title")}>
            {/* Its order is fixed (no column sorts it alone, so none carries aria-sort): the line above says it. */}
            <table className="w-full text-left text-sm" aria-describedby="queue-sorted-by">
              {/* At 375 px the columns shrank until Chinese broke a character a line (a title, a
                  header, a status badge stood in a column of one character): headers and short
                  values keep to a line, a title gets a column of its own, and the table scrolls
                  in its box instead. */}
              <thead className="border-b border-stone-200 bg-stone-50 whitespace-nowrap text-stone-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">{t("queue.titleColumn")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("queue.type")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("queue.status")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("queue.party")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("queue.assignee")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("queue.amount")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("queue.deadline")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {disputes.map((d) => (
                  <tr key={d.id} data-testid="dispute-row" data-id={d.id} data-overdue={d.overdue || undefined} className={d.overdue ? "bg-red-50" : ""}>
                    <td className="min-w-40 px-3 py-2 wrap-anywhere">
                      <Link href={`${base}/${d.id}`} className="font-medium hover:text-brand-700 hover:underline">
                        #{d.id} {d.title}
                      </Link>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{t(`type.${d.type}.label`)}</td>
                    <td className="px-3 py-2 whitespace-nowrap"><StatusBadge status={d.status} label={t(`status.${d.status}`)} /></td>
                    {/* A resolved or withdrawn dispute awaits no one: its last party in the past tense, no deadline. */}
                    <td className="px-3 py-2 whitespace-nowrap" data-testid="party">
                      {!d.currentParty ? t("none") : isClosed(d.status) ? t("queue.wasWith", { party: t(`partyTitle.${d.currentParty}`) }) : t(`partyTitle.${d.currentParty}`)}
                    </td>
                    <td className="px-3 py-2">{d.assigneeName || d.assigneeEmail || t("queue.unassigned")}</td>
                    <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{formatMoney(d.amountAtStake, ctx.store.currency, locale)}</td>
                    <td className="px-3 py-2 whitespace-nowrap" data-testid="deadline">
                      {d.deadlineAt && !isClosed(d.status) ? when(d.deadlineAt) : t("none")}
                      {d.overdue && <span className="ml-2 rounded-full bg-red-600 px-2 py-0.5 text-xs font-semibold text-white">{t("queue.overdueBadge")}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <div className="mt-4 flex flex-wrap items-center gap-4 text-sm">
            <span className="text-stone-500">{t("queue.showing", { from, to: from + disputes.length - 1, total })}</span>
            {query.page > 1 && <Link href={`${base}?${queueParams(query, { page: query.page - 1 })}`} className="text-brand-600 underline" rel="prev">{t("queue.previous")}</Link>}
            {from + disputes.length - 1 < total && <Link href={`${base}?${queueParams(query, { page: query.page + 1 })}`} className="text-brand-600 underline" rel="next">{t("queue.next")}</Link>}
          </div>
        </>
      )}
    </>
  );
}
