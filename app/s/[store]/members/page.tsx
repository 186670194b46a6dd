import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { sentenceGap } from "@/lib/i18n/locales";
import { PageHeader } from "@/components/ui/page-header";
import { inputClass } from "@/components/ui/field";
import { TierBadge } from "@/components/ui/tier-badge";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { tiers } from "@/db/schema";
import { getDb } from "@/db";
import { requireStore } from "@/lib/auth/session";
import { listPlans } from "@/lib/memberships/plans";
import { activeMembersPage, listExpiringMembers, MEMBERS_PAGE_SIZE, type MemberRow } from "@/lib/memberships/queries";
import { formatMoney, minorUnitDigits } from "@/lib/money";
import { pointsOutstanding } from "@/lib/points/queries";
import { defaultPointsRules, findPointsRules } from "@/lib/points/rules";
import { firstValues, pageNumber } from "@/lib/validation/customers";
import { seenValue } from "@/lib/validation/seen";
import { archivePlanAction, createPlanAction, enrolAction, savePointsRulesAction } from "./actions";
import { ArchivePlanForm, CreatePlanForm, EnrolForm, PointsRulesForm } from "./_components/member-forms";

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("members") };
}

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ store: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Owner-only (PRODUCT.md §1: plans, enrolments and points rules are the owner's); staff get 403.
  const ctx = await requireStore((await params).store, "owner");
  const slug = ctx.store.slug;
  const now = new Date();
  // The search and the page are in the URL: a list one shares, reloads or goes back to stays put.
  const query = firstValues(await searchParams);
  const q = query.q?.trim().slice(0, 100) || undefined;
  const page = pageNumber(query.page);
  const [t, format, locale, plans, expiring, members, rules, outstanding] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getLocale(),
    listPlans(ctx, now),
    listExpiringMembers(ctx, { at: now, days: 30 }),
    activeMembersPage(ctx, { at: now, q, page }),
    findPointsRules(getDb(), ctx.store.id),
    pointsOutstanding(getDb(), ctx.store.id),
  ]);
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: ctx.store.timezone });
  const tierLabels = Object.fromEntries(tiers.map((tier) => [tier, t(`tiers.${tier}`)]));
  const who = (m: MemberRow) => m.customerName || m.customerExternalId;

  const base = `/s/${slug}/members`;
  const pageHref = (n: number) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), ...(n > 1 ? { page: String(n) } : {}) })}#members`;
  const pages = Math.max(1, Math.ceil(members.total / MEMBERS_PAGE_SIZE));

  // Renewing and cancelling are done on the customer's page, beside their tier, prices and points:
  // a button pair on every row of a long list was easy to press on the wrong member.
  const memberTable = (rows: MemberRow[], testId: string, title: string) => (
    <ScrollRegion className="relative mt-3" title={title}>
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="whitespace-nowrap text-stone-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">{t("pricing.members.customer")}</th>
            <th scope="col" className="py-1 pr-3 font-medium">{t("pricing.members.plan")}</th>
            <th scope="col" className="py-1 pr-3 font-medium">{t("pricing.members.tier")}</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">{t("pricing.members.feePaid")}</th>
            <th scope="col" className="py-1 pr-3 font-medium">{t("pricing.members.period")}</th>
            <th scope="col" className="py-1 font-medium">{t("pricing.members.actions")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((m) => (
            <tr key={m.membershipId} data-customer={m.customerExternalId}>
              <th scope="row" className="min-w-32 py-1.5 pr-3 font-normal wrap-anywhere">
                <Link href={`/s/${slug}/customers/${m.customerId}`} className="underline">
                  {who(m)}
                </Link>
              </th>
              <td className="min-w-24 py-1.5 pr-3">{m.planName}</td>
              <td className="py-1.5 pr-3 whitespace-nowrap">
                <TierBadge tier={m.tier} label={tierLabels[m.tier]!} />
              </td>
              <td className="py-1.5 pr-3 text-right whitespace-nowrap tabular-nums">{money(m.feePaid)}</td>
              <td className="py-1.5 pr-3 whitespace-nowrap">
                {day(m.startsAt)} – {day(m.endsAt)}
                {m.renewedUntil && <span className="block text-xs text-green-700">{t("pricing.members.renewedUntil", { date: day(m.renewedUntil) })}</span>}
              </td>
              <td className="py-1.5 whitespace-nowrap">
                <Link href={`/s/${slug}/customers/${m.customerId}#membership`} className="underline" aria-label={t("pricing.members.manageNamed", { who: who(m) })}>
                  {t("pricing.members.manage")}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );

  return (
    <>
      <PageHeader title={t("nav.members")} intro={t("pricing.members.intro")} />
      {/* min-w-0: a grid item is as wide as its content by default (the plans table made the page
          wider than a phone's 375 px); the table scrolls in its own box instead. */}
      <div className="grid gap-6 [&>*]:min-w-0">
        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="plans">
          <h2 id="plans" className="font-semibold">{t("pricing.members.plans")}</h2>
          {plans.length === 0 ? (
            <p className="mt-2 text-sm text-stone-500">{t("pricing.members.noPlans")}</p>
          ) : (
            <ScrollRegion className="relative mt-3" title={t("pricing.members.plans")}>
              <table className="w-full text-left text-sm" data-testid="plans">
                <thead className="whitespace-nowrap text-stone-500">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">{t("pricing.members.planName")}</th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">{t("pricing.members.fee")}</th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">{t("pricing.members.lengthDays")}</th>
                    <th scope="col" className="py-1 pr-3 font-medium">{t("pricing.members.tierGranted")}</th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">{t("pricing.members.activeMembers")}</th>
                    <th scope="col" className="py-1 font-medium">{t("pricing.members.actions")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {plans.map((p) => (
                    <tr key={p.id} className={p.archived ? "text-stone-500" : ""}>
                      <th scope="row" className="min-w-32 py-1.5 pr-3 font-normal wrap-anywhere">
                        {p.archived ? t.rich("pricing.members.archivedPlan", { name: p.name, note: (chunks) => <span className="text-xs">{chunks}</span> }) : p.name}
                      </th>
                      <td className="py-1.5 pr-3 text-right whitespace-nowrap tabular-nums">{money(p.fee)}</td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{format.number(p.lengthDays)}</td>
                      <td className="py-1.5 pr-3 whitespace-nowrap"><TierBadge tier={p.tier} label={tierLabels[p.tier]!} /></td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{format.number(p.activeMembers)}</td>
                      <td className="py-1.5 whitespace-nowrap">
                        <ArchivePlanForm action={archivePlanAction.bind(null, slug)} planId={p.id} archived={p.archived} planName={p.name} activeMembers={p.activeMembers} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          <CreatePlanForm action={createPlanAction.bind(null, slug)} tierLabels={tierLabels} />
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="enrol">
          <h2 id="enrol" className="font-semibold">{t("pricing.members.enrolTitle")}</h2>
          <p className="mt-1 text-sm text-stone-500">{t("pricing.members.enrolIntro")}</p>
          <EnrolForm action={enrolAction.bind(null, slug)} plans={plans.filter((p) => !p.archived).map((p) => ({ id: p.id, name: p.name }))} timeZone={ctx.store.timezone} />
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="expiring">
          <h2 id="expiring" className="font-semibold">{t("pricing.members.expiring", { count: expiring.total })}</h2>
          {expiring.total === 0 ? (
            <p className="mt-2 text-sm text-stone-500">{t("pricing.members.noExpiring")}</p>
          ) : (
            <>
              {expiring.total > expiring.rows.length && (
                <p className="mt-1 text-sm text-stone-500" data-testid="expiring-shown">
                  {t("pricing.members.expiringShown", { shown: expiring.rows.length, count: expiring.total })}
                </p>
              )}
              {memberTable(expiring.rows, "expiring-members", t("pricing.members.expiring", { count: expiring.total }))}
            </>
          )}
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="members">
          <h2 id="members" className="font-semibold">{t("pricing.members.active", { count: members.total })}</h2>
          {/* With no active member at all there is nothing to search: the box stood over the empty state alone. */}
          {(q || members.total > 0) && (
          <form method="get" action={`${base}#members`} className="mt-2 flex flex-wrap items-end gap-2" role="search">
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium text-stone-700">{t("pricing.members.search")}</span>
              <input name="q" type="search" defaultValue={q ?? ""} maxLength={100} placeholder={t("pricing.members.searchPlaceholder")} className={`${inputClass} w-64`} />
            </label>
            <button type="submit" className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm hover:bg-stone-100">
              {t("pricing.members.searchButton")}
            </button>
            {q && (
              <Link href={`${base}#members`} className="py-2 text-sm underline">
                {t("pricing.members.clearSearch")}
              </Link>
            )}
          </form>
          )}
          {members.rows.length === 0 ? (
            <p className="mt-2 text-sm text-stone-500" data-testid="no-members">
              {page > 1
                ? t.rich("app.pastLastPage", { first: (chunks) => <Link href={pageHref(1)} className="underline">{chunks}</Link> })
                : q
                  ? t("pricing.members.noMatches", { q })
                  : t("pricing.members.noMembers")}
            </p>
          ) : (
            memberTable(members.rows, "active-members", t("pricing.members.active", { count: members.total }))
          )}
          {pages > 1 && members.rows.length > 0 && (
            <nav aria-label={t("pricing.members.pages")} className="mt-3 flex items-center gap-3 text-sm">
              {page > 1 && <Link href={pageHref(page - 1)} className="underline" rel="prev">{t("pricing.products.previous")}</Link>}
              <span>{t("pricing.products.pageOf", { page, pages })}</span>
              {page < pages && <Link href={pageHref(page + 1)} className="underline" rel="next">{t("pricing.products.next")}</Link>}
            </nav>
          )}
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="points-rules">
          <h2 id="points-rules" className="font-semibold">{t("pricing.points.rulesTitle")}</h2>
          <p className="mt-1 text-sm text-stone-500">
            {rules
              ? t(rules.enabled ? "pricing.points.status" : "pricing.points.statusOff", {
                  since: day(rules.earnFrom),
                  points: format.number(outstanding.points),
                  holders: outstanding.holders,
                })
              : t("pricing.points.notStarted")}
            {rules?.enabled && rules.paused.length > 0 && (
              <>
                {sentenceGap(locale)}
                {t("pricing.points.pausedNote", { from: day(rules.paused.at(-1)!.from), to: day(rules.paused.at(-1)!.to) })}
              </>
            )}
          </p>
          <PointsRulesForm
            action={savePointsRulesAction.bind(null, slug)}
            values={rules ?? { ...defaultPointsRules, enabled: true }}
            seen={seenValue(rules?.updatedAt)}
            tierLabels={tierLabels}
            unit={money(10 ** minorUnitDigits(ctx.store.currency))}
          />
        </section>
      </div>
    </>
  );
}
