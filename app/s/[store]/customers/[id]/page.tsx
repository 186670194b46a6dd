import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, Fragment } from "react";
import { BackLink } from "@/components/ui/back-link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { complianceFlags } from "@/db/schema";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { TierBadge } from "@/components/ui/tier-badge";
import { requireStore } from "@/lib/auth/session";
import { customerActivity, type ActivityKind } from "@/lib/customers/activity";
import { pointsTotal } from "@/lib/customers/explain";
import { getCustomer } from "@/lib/customers/queries";
import { scoringRulesByVersion } from "@/lib/customers/rules";
import { AppError } from "@/lib/errors";
import { averageOrderMinor } from "@/lib/customers/average-order";
import { customerTierLift } from "@/lib/customers/tier-lift-query";
import { rescoreIfMembershipsLapsed } from "@/lib/memberships/lapsed";
import { formatMoney } from "@/lib/money";
import { parsePathId } from "@/lib/path-id";
import { clearFlagAction, setFlagAction } from "../actions";
import { CustomerDisputes } from "../../disputes/_components/customer-disputes";
import { CustomerPricing } from "../../members/_components/customer-pricing";
import { activityLayouts } from "./_components/activity-columns";
import { ActivityTable } from "./_components/activity-table";
import { CustomerCare } from "./_components/customer-care";
import { ClearFlagForm, FlagNotices, SetFlagForm } from "./_components/flag-forms";
import { FlashSaleClaims } from "./_components/flash-sale-claims";

// Once per request: the page's title and its body both need the customer. Their activity is
// asked for at the same time (both are looked up in this store by id; a customer who is not
// there answers 404 either way).
const load = cache(async (slug: string, idText: string) => {
  const ctx = await requireStore(slug);
  await rescoreIfMembershipsLapsed(ctx.store.id);
  const id = parsePathId(idText) ?? notFound();
  const activity = customerActivity(ctx, id);
  activity.catch(() => undefined); // awaited by the page; not when the customer is missing
  try {
    return { ctx, customer: await getCustomer(ctx, { id }), activity };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

type Activity = Awaited<ReturnType<typeof customerActivity>>;

/**
 * Renders the sections that show the customer's activity once it is in. The page does not wait
 * for it, so the sections that load their own data (care, pricing, claims, disputes) start
 * their queries at the same time instead of after it.
 */
async function WithActivity({ activity, children }: { activity: Promise<Activity>; children: (activity: Activity) => React.ReactNode }) {
  return children(await activity);
}

export async function generateMetadata({ params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const { customer } = await load(store, id);
  return { title: customer.name || customer.externalId };
}

export default async function CustomerPage({ params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const { ctx, customer, activity: loadingActivity } = await load(store, id);
  const [rulesByVersion, t, format, locale, layouts] = await Promise.all([
    scoringRulesByVersion(ctx.store.id, [customer.ruleVersion]),
    getTranslations(),
    getFormatter(),
    getLocale(),
    activityLayouts(ctx.store),
  ]);
  const seeAll = (kind: ActivityKind) => `/s/${ctx.store.slug}/customers/${customer.id}/${kind}`;
  const rules = rulesByVersion.get(customer.ruleVersion)!;
  const tierLifts = await customerTierLift(ctx, customer, rules);
  const tz = ctx.store.timezone;
  const money = (minor: number | null) => (minor === null ? "—" : formatMoney(minor, ctx.store.currency, locale));
  const storeTime = storeTimes(t, format, tz);
  const when = (date: Date | string | null) => (date ? storeTime(new Date(date)) : "—");
  const percent = (x: number | null) => (x === null ? "—" : format.number(x, { style: "percent", maximumFractionDigits: 1 }));
  // A flag Laoke set when a dispute found a repeat complainant says so, linking the dispute; the
  // reason, who and when are one message, so a translator orders them and picks the punctuation.
  const flagWords = (f: { reason: string; by: string | null; disputeId: number | null }) => ({
    linked: f.disputeId === null ? "no" : "yes",
    reason: f.disputeId === null ? f.reason : t("customer.flagByDispute", { id: f.disputeId }),
    // A flag set with no one to name (by the seed, or by a user since deleted) says when alone, not "by —".
    hasBy: f.disputeId !== null || f.by ? "yes" : "no",
    by: f.disputeId === null ? (f.by ?? "") : t("customer.flagByLaoke"),
    link: (chunks: React.ReactNode) => (
      <Link href={`/s/${ctx.store.slug}/disputes/${f.disputeId}`} className="text-brand-700 underline">
        {chunks}
      </Link>
    ),
  });
  const one = (x: number) => format.number(x, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  // Each factor's points to two decimals: to one, seven roundings could sum to 84.1 beside 83.9.
  const two = (x: number) => format.number(x, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // A customer without a score is said why here too: the box read "Not high-value" and nothing more.
  const whyNot = [
    ...(customer.score === null ? [t("customer.noPaidOrderInWindow")] : []),
    ...(customer.score !== null && !customer.isRepeat ? [t("customer.notRepeat")] : []),
    ...(customer.score !== null && ["ordinary", "silver"].includes(customer.tier) ? [t("customer.tierTooLow")] : []),
    ...customer.gates.map((gate) => t(`gates.${gate}`, { max: percent(rules.gates.maxReturnRate) })),
  ];
  const totalPoints = pointsTotal(customer.factors);

  return (
    <>
      <BackLink href={`/s/${ctx.store.slug}/customers`}>{t("customer.back")}</BackLink>
      <div className="mt-3 mb-6 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold wrap-anywhere">{customer.name || customer.externalId}</h1>
        <TierBadge tier={customer.tier} label={t(`tiers.${customer.tier}`)} />
        <span className="text-2xl font-semibold tabular-nums" data-testid="customer-score">
          {customer.score === null ? "—" : one(customer.score)}
        </span>
        <span className="text-sm text-stone-500">{t("customer.customerId", { id: customer.externalId })}</span>
      </div>
      {/* A tier above what the score's cutoffs give read as a scoring error: say what lifted or held it. */}
      {tierLifts.length > 0 && (
        <ul className="-mt-4 mb-6 space-y-1 text-sm text-stone-700" data-testid="tier-lift">
          {tierLifts.map((lift) => (
            <li key={lift.kind} data-lift={lift.kind}>
              {lift.kind === "membership"
                ? t("customer.tierLift.membership", {
                    tier: t(`tiers.${lift.tier}`),
                    scoreTier: t(`tiers.${lift.scoreTier}`),
                    plan: lift.planName,
                    date: format.dateTime(lift.endsAt, { dateStyle: "medium", timeZone: tz }),
                  })
                : t("customer.tierLift.held", {
                    tier: t(`tiers.${lift.heldTier}`),
                    cutoffTier: t(`tiers.${lift.cutoffTier}`),
                    score: one(lift.score),
                    cutoff: format.number(lift.cutoff),
                    dropsAt: one(lift.dropsAt),
                  })}
            </li>
          ))}
        </ul>
      )}

      <section
        className={`mb-6 rounded-lg border p-4 ${customer.isHighValue ? "border-green-300 bg-green-50" : "border-stone-200 bg-white"}`}
        data-testid="high-value-status"
      >
        <p className="font-semibold">{customer.isHighValue ? `✓ ${t("customer.highValueYes")}` : t("customer.highValueNo")}</p>
        {!customer.isHighValue && whyNot.length > 0 && (
          <ul className="mt-1 list-disc pl-5 text-sm text-stone-700" aria-label={t("customer.whyNot")}>
            {whyNot.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
      </section>

      <CustomerCare ctx={ctx} customerId={customer.id} isHighValue={customer.isHighValue} />
      {/* min-w-0: a grid item is as wide as its content by default, and a table in it widened
          the page past a phone's 375 px; it scrolls in its own box instead. */}
      <div className="grid gap-6 xl:grid-cols-2 [&>*]:min-w-0">
        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="explanation">
          <h2 id="explanation" className="font-semibold">
            {t("customer.explanation")}
          </h2>
          {customer.score === null ? (
            <p className="mt-2 text-sm text-stone-600">{t("customer.noScore")}</p>
          ) : (
            <>
              <p className="mt-1 text-sm text-stone-500">
                {t("customer.explanationIntro", { version: customer.ruleVersion, asOf: when(customer.asOf) })}
              </p>
              <ScrollRegion className="mt-3" title={t("customer.explanation")}>
                {/* On a phone, in English, the contribution and the score were past the screen's edge: the
                    cells are closer there, and "Value (0–100)" may go over two lines (Chinese fits as it is). */}
                <table className="w-full text-left text-sm max-sm:[&_td]:px-1.5 max-sm:[&_th]:px-1.5" data-testid="explanation">
                  <thead className="text-stone-500">
                    <tr>
                      <th scope="col" className="px-2 py-1 font-medium whitespace-nowrap">{t("customer.factor")}</th>
                      <th scope="col" className={`px-2 py-1 text-right font-medium whitespace-nowrap ${locale === "en" ? "max-sm:whitespace-normal" : ""}`}>
                        {/* Over two lines at its spaces only: "(0–" / "100)" broke the range at its dash. */}
                        {t("customer.value")
                          .split(" ")
                          .map((part, i) => (
                            <Fragment key={i}>
                              {i > 0 && " "}
                              <span className="whitespace-nowrap">{part}</span>
                            </Fragment>
                          ))}
                      </th>
                      <th scope="col" className="px-2 py-1 text-right font-medium whitespace-nowrap">{t("customer.weight")}</th>
                      <th scope="col" className="px-2 py-1 text-right font-medium whitespace-nowrap">{t("customer.points")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {customer.factors.map((f) => (
                      <tr key={f.key} data-factor={f.key} className={f.used ? "" : "text-stone-500"}>
                        <th scope="row" className="px-2 py-1 font-normal">
                          {t(`factors.${f.key}`)}
                          {!f.used && f.reason && (
                            <span className="block text-xs">
                              {t("shell.labelled", { label: t("customer.leftOutLabel"), text: t(`leftOut.${f.reason}`) })}
                            </span>
                          )}
                        </th>
                        <td className="px-2 py-1 text-right tabular-nums">{f.value === null ? "—" : one(f.value)}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{f.weight}</td>
                        <td className="px-2 py-1 text-right tabular-nums" data-testid="points">
                          {f.used ? two(f.points) : "—"}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr className="border-t border-stone-300 font-semibold">
                      <th scope="row" className="px-2 py-1 text-left">{t("customer.scoreTotal")}</th>
                      <td />
                      <td />
                      <td className="px-2 py-1 text-right tabular-nums" data-testid="points-total">
                        {one(totalPoints)}
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </ScrollRegion>
              <p className="mt-2 text-xs text-stone-500">{t("customer.pointsRounded")}</p>
            </>
          )}
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="metrics">
          <h2 id="metrics" className="font-semibold">
            {t("customer.metrics")}
          </h2>
          <p className="mt-1 text-sm text-stone-500">{t("customer.metricsWindow", { days: rules.windowDays, asOf: when(customer.asOf) })}</p>
          <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            {[
              [t("customers.orders"), format.number(customer.orders)],
              [t("customer.spend"), money(customer.spend)],
              [t("customer.refunded"), money(customer.refunded)],
              [t("customers.netSpend"), money(customer.netSpend)],
              [t("customers.aov"), money(averageOrderMinor(customer))],
              [t("customer.lastOrderAt"), when(customer.lastOrderAt)],
              [t("customers.recency"), customer.recencyDays === null ? "—" : t("customers.recencyDays", { days: customer.recencyDays })],
              [t("customer.returns"), format.number(customer.returns)],
              [t("customers.returnRate"), percent(customer.returnRate)],
              [t("customer.reviews"), t("shell.parenthetical", { text: format.number(customer.reviews), note: format.number(customer.photoReviews) })],
              [t("customer.interactionRate"), percent(customer.interactionRate)],
              [t("customer.positiveReviewRate"), percent(customer.positiveReviewRate)],
              [t("customer.shares"), format.number(customer.shares)],
              [t("customer.shareRate"), percent(customer.shareRate)],
            ].map(([label, value]) => (
              <div key={String(label)} className="flex justify-between gap-2 border-b border-stone-100 py-1">
                <dt className="shrink-0 text-stone-500">{label}</dt>
                <dd className="text-right tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </section>

        <WithActivity activity={loadingActivity}>
          {(activity) => (
            <>
              <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="flags">
                <h2 id="flags" className="font-semibold">
                  {t("customer.flags")}
                </h2>
                <FlagNotices>
                  {activity.flags.length === 0 ? (
                    <p className="mt-2 text-sm text-stone-500">{t("customer.noFlags")}</p>
                  ) : (
                    <ul className="mt-2 space-y-3">
                      {activity.flags.map((f) => (
                        <li key={f.flag} className="rounded-md bg-amber-50 p-3 text-sm" data-testid={`flag-${f.flag}`}>
                          <p className="font-medium text-amber-900">{t(`flags.${f.flag}`)}</p>
                          <p className="text-stone-700 wrap-anywhere" data-testid="flag-line">
                            {t.rich("customer.flagLine", { ...flagWords(f), when: when(f.setAt) })}
                          </p>
                          <div className="mt-2">
                            <ClearFlagForm action={clearFlagAction.bind(null, ctx.store.slug)} customerId={customer.id} flag={f.flag} />
                          </div>
                        </li>
                      ))}
                    </ul>
                  )}
                  <SetFlagForm
                    action={setFlagAction.bind(null, ctx.store.slug)}
                    customerId={customer.id}
                    available={complianceFlags.filter((f) => !activity.flags.some((set) => set.flag === f))}
                  />
                </FlagNotices>
                {activity.flagEvents.length > 0 && (
                  <>
                    <h3 className="mt-4 text-sm font-semibold">{t("customer.flagHistory")}</h3>
                    <ul className="mt-1 space-y-1 text-xs text-stone-600 wrap-anywhere">
                      {activity.flagEvents.map((e, i) => (
                        <li key={i} data-testid="flag-event">
                          {t.rich("customer.flagEvent", { ...flagWords(e), when: when(e.at), action: e.action, flag: t(`flags.${e.flag}`) })}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </section>

              <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="tier-history">
                <h2 id="tier-history" className="font-semibold">
                  {t("customer.tierHistory")}
                </h2>
                {activity.tierHistory.length === 0 ? (
                  <p className="mt-2 text-sm text-stone-500">{t("customer.noTierHistory")}</p>
                ) : (
                  <ol className="mt-2 space-y-1 text-sm" data-testid="tier-history">
                    {activity.tierHistory.map((change, i) => (
                      <li key={i} className="flex flex-wrap items-center gap-2">
                        <span className="text-stone-500">{when(change.asOf)}</span>
                        {change.from && <TierBadge tier={change.from} label={t(`tiers.${change.from}`)} />}
                        {change.from && "→"}
                        <TierBadge tier={change.to} label={t(`tiers.${change.to}`)} />
                        {/* The score the change was made at, said so: a bare 84.0 beside the page's 83.9 read as a
                            second, disagreeing score. */}
                        {change.score !== null && (
                          <span className="tabular-nums text-stone-500" data-testid="tier-change-score">
                            {t("customer.tierChangeScore", { score: one(change.score) })}
                          </span>
                        )}
                      </li>
                    ))}
                  </ol>
                )}
              </section>

              <ActivityTable {...layouts.orders(activity.orders.rows)} testId="orders" total={activity.orders.total} seeAllHref={seeAll("orders")} />
            </>
          )}
        </WithActivity>
        <CustomerPricing ctx={ctx} customerId={customer.id} who={customer.name || customer.externalId} />
        <FlashSaleClaims ctx={ctx} customerId={customer.id} />
        <WithActivity activity={loadingActivity}>
          {(activity) => (
            <>
              <ActivityTable {...layouts.returns(activity.returns.rows)} testId="returns" total={activity.returns.total} seeAllHref={seeAll("returns")} />
              <ActivityTable {...layouts.reviews(activity.reviews.rows)} testId="reviews" total={activity.reviews.total} seeAllHref={seeAll("reviews")} />
              <ActivityTable {...layouts.shares(activity.shares.rows)} testId="shares" total={activity.shares.total} seeAllHref={seeAll("shares")} />
            </>
          )}
        </WithActivity>
        <CustomerDisputes ctx={ctx} customerId={customer.id} customerExternalId={customer.externalId} />
      </div>
    </>
  );
}
