import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { getFormatter, getTranslations } from "@/lib/i18n/server";
import { tiers } from "@/db/schema/scoring";
import { inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { EmailAddress } from "@/components/ui/email-address";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { TierBadge } from "@/components/ui/tier-badge";
import { requireStore } from "@/lib/auth/session";
import { currentScoringRules } from "@/lib/customers/rules";
import { RECOMMENDATIONS_PER_CUSTOMER } from "@/lib/recommendations/recommend";
import { repOverview, staffLoads } from "@/lib/reps/queries";
import { spreadRepsAction } from "./actions";
import { SpreadForm } from "./_components/spread-form";
import { reviewReasons } from "./_components/review-reasons";
import { staffSettingsLink } from "../_components/staff-settings-link";
import { rescoreIfMembershipsLapsed } from "@/lib/memberships/lapsed";

export async function generateMetadata() {
  return { title: (await getTranslations("care"))("title") };
}

/** Owners: reps (spread, loads), customers to review, and campaign list exports. */
export default async function CarePage({ params }: { params: Promise<{ store: string }> }) {
  const ctx = await requireStore((await params).store, "owner");
  await rescoreIfMembershipsLapsed(ctx.store.id);
  const base = `/s/${ctx.store.slug}/customers`;
  const [overview, staff, rules, t, tc, format] = await Promise.all([
    repOverview(ctx),
    staffLoads(ctx),
    currentScoringRules(ctx.store.id),
    getTranslations("care"),
    getTranslations(),
    getFormatter(),
  ]);
  const maxReturnRate = format.number(rules.rules.gates.maxReturnRate, { style: "percent", maximumFractionDigits: 1 });
  const one = (x: number) => format.number(x, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <>
      <BackLink href={base}>{tc("customer.back")}</BackLink>
      <PageHeader title={t("title")} intro={t("intro")} />

      <section className="mb-6 rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="spread">
        <h2 id="spread" className="font-semibold">
          {t("spreadTitle")}
        </h2>
        {staff.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">{t.rich("noStaff", { link: staffSettingsLink(ctx.store.slug) })}</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-stone-600" data-testid="unassigned-count">
              {/* A store with none yet (nothing imported, or nobody through the gates) is not one whose every high-value customer has a rep. */}
              {overview.highValue === 0
                ? t.rich("spreadNoHighValue", { link: (text) => <Link href={`/s/${ctx.store.slug}/imports`} className="text-brand-700 underline">{text}</Link> })
                : overview.unassignedHighValue === 0
                  ? t("spreadNone")
                  : t("spreadIntro", { count: overview.unassignedHighValue })}
            </p>
            {/* Kept in place when none is left to share: its confirmation of the spread stays. */}
            <SpreadForm
              action={spreadRepsAction.bind(null, ctx.store.slug)}
              staff={staff.map((s) => ({ userId: s.userId, label: s.name || s.email }))}
              open={overview.unassignedHighValue > 0}
            />
            <table className="mt-4 w-full max-w-xl text-left text-sm" data-testid="staff-loads">
              {/* Its headers keep to a line: on a phone "To review" stood a word a line. */}
              <thead className="whitespace-nowrap text-stone-500">
                <tr>
                  <th scope="col" className="px-2 py-1 font-medium">{t("staff")}</th>
                  <th scope="col" className="px-2 py-1 text-right font-medium">{t("load")}</th>
                  <th scope="col" className="px-2 py-1 text-right font-medium">{t("toReview")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {staff.map((s) => (
                  <tr key={s.userId} data-email={s.email}>
                    {/* A long address breaks where it must (after its "@" or a "."): unbroken, it took a phone's page sideways. */}
                    <th scope="row" className="px-2 py-1 font-normal">
                      {s.name ? <span className="wrap-anywhere">{s.name}</span> : <EmailAddress email={s.email} />}{" "}
                      <EmailAddress email={s.email} className="text-stone-500" />
                    </th>
                    <td className="px-2 py-1 text-right tabular-nums" data-testid="load">{format.number(s.customers)}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{format.number(s.needsReview)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section className="mb-6 rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="review">
        <h2 id="review" className="font-semibold">
          {t("reviewTitle")}
        </h2>
        {overview.needsReview.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">{t("reviewEmpty")}</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-stone-600">{t("reviewIntro")}</p>
            <ScrollRegion className="mt-3" title={t("reviewTitle")}>
              <table className="w-full text-left text-sm" data-testid="review-list">
                <thead className="text-stone-500">
                  <tr>
                    <th scope="col" className="px-2 py-1 font-medium">{t("customer")}</th>
                    <th scope="col" className="px-2 py-1 font-medium">{tc("customers.tier")}</th>
                    <th scope="col" className="px-2 py-1 text-right font-medium">{tc("customers.score")}</th>
                    <th scope="col" className="px-2 py-1 font-medium">{t("rep")}</th>
                    <th scope="col" className="px-2 py-1 font-medium">{t("why")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {overview.needsReview.map((c) => (
                    <tr key={c.id}>
                      <td className="px-2 py-1">
                        <Link href={`${base}/${c.id}`} className="font-medium hover:underline">
                          {c.name || c.externalId}
                        </Link>
                      </td>
                      <td className="px-2 py-1">
                        <TierBadge tier={c.tier} label={tc(`tiers.${c.tier}`)} />
                      </td>
                      <td className="px-2 py-1 text-right tabular-nums">{c.score === null ? "—" : one(c.score)}</td>
                      <td className="px-2 py-1">
                        <EmailAddress email={c.rep.email} />
                      </td>
                      <td className="px-2 py-1 text-xs text-amber-800">
                        {reviewReasons(c.gates, (g) => t(`reviewReasons.${g}`, { max: maxReturnRate }), format, t("notHighValueReason"))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </>
        )}
      </section>

      <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="campaign">
        <h2 id="campaign" className="font-semibold">
          {t("campaignTitle")}
        </h2>
        <p className="mt-1 text-sm text-stone-600">{t("campaignIntro", { count: RECOMMENDATIONS_PER_CUSTOMER })}</p>
        <form method="get" action={`${base}/care/export`} className="mt-3 flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium text-stone-700">{t("segment")}</span>
            <select name="segment" defaultValue="highValue" className={inputClass}>
              <option value="highValue">{t("segmentHighValue")}</option>
              {tiers.map((tier) => (
                <option key={tier} value={tier}>
                  {t("segmentTier", { tier: tc(`tiers.${tier}`) })}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t("export")}
          </button>
        </form>
      </section>
    </>
  );
}
