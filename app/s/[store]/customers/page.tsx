import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { ClientMessages } from "@/components/client-messages";
import { PageHeader } from "@/components/ui/page-header";
import { requireStore } from "@/lib/auth/session";
import { currentScoreSummary, listCustomerRows } from "@/lib/customers/queries";
import { currentScoringRules } from "@/lib/customers/rules";
import { AppError } from "@/lib/errors";
import { sentenceGap } from "@/lib/i18n/locales";
import { averageOrderMinor } from "@/lib/customers/average-order";
import { formatMoney } from "@/lib/money";
import { toColumns } from "@/lib/columns";
import { keptTexts } from "@/lib/i18n/kept-texts";
import { customerListQuerySchema, customerListSearchParams, customerSorts, defaultCustomerOrder, firstValues } from "@/lib/validation/customers";
import { recomputeAction } from "./actions";
import { CustomerTable, type CustomerRowView } from "./_components/customer-table";
import { FiltersForm } from "./_components/filters-form";
import { NoneInWindow } from "./_components/none-in-window";
import { RepFilter } from "./_components/rep-filter";
import { RecomputeButton } from "./_components/recompute-button";
import { SummaryStrip } from "./_components/summary-strip";

/** `format`, remembering each value's result for the page. */
function byValue<K, V>(format: (key: K) => V): (key: K) => V {
  const seen = new Map<K, V>();
  return (key) => {
    if (!seen.has(key)) seen.set(key, format(key));
    return seen.get(key)!;
  };
}

export async function generateMetadata() {
  return { title: (await getTranslations("customers"))("title") };
}

export default async function CustomersPage({
  params,
  searchParams,
}: {
  params: Promise<{ store: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireStore((await params).store);
  // Tiers are shown below: a membership that ran out since the last recompute must not lift them.
  // The summary's statement asks (currentScoreSummary), and rescores before the list is read.
  const summary = await currentScoreSummary(ctx);
  const base = `/s/${ctx.store.slug}/customers`;
  // A link with a filter that is not valid (an edited URL, an old bookmark) keeps its other filters.
  const input = firstValues(await searchParams);
  const parsed = customerListQuerySchema.safeParse(input);
  const refused = parsed.success ? [] : [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
  const kept = parsed.success ? parsed : customerListQuerySchema.safeParse(Object.fromEntries(Object.entries(input).filter(([key]) => !refused.includes(key))));
  const query = kept.success ? kept.data : customerListQuerySchema.parse({});
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  // Without scores yet (so no rows and no strip), the rules are read on their own.
  const rules = summary?.rulesInForce ?? (await currentScoringRules(ctx.store.id)).rules;
  // Named as the filters form labels them; the rest (score bands, paging) by their parameter.
  // Asked only of a link with a filter refused: every other view would translate them for nothing.
  const filterLabel = (key: string) => {
    const labels: Record<string, string> = { q: "customers.search", tier: "customers.tier", highValue: "customers.highValue", repeat: "customers.repeat", sort: "customers.sort", order: "customers.order" };
    const named = ["minScore", "maxScore", "previousTier", "rep", "limit", "cursor", "before"].includes(key) ? `customers.filterNames.${key}` : labels[key];
    return named ? t(named) : key;
  };
  let notice = parsed.success ? null : t("customers.badFilters", { names: format.list([...new Set(refused.map(filterLabel))]) });
  let page;
  try {
    page = await listCustomerRows(ctx, query);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    notice = t("errors.badCursor");
    page = await listCustomerRows(ctx, { ...query, cursor: undefined, before: undefined });
  }
  const money = (minor: number | null) => (minor === null ? "—" : formatMoney(minor, ctx.store.currency, locale));
  // Fifty rows repeat a few values (tiers, gates, recency days, rates): each is formatted once.
  // Asked of next-intl for every cell, the formatting was 6 % of the page's server time.
  const percent = byValue((x: number) => format.number(x, { style: "percent", maximumFractionDigits: 1 }));
  const score = byValue((x: number) => format.number(x, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  // A count's text and a recency's depend on the language alone: kept from one view to the next.
  const count = keptTexts("count", locale, (n: number) => format.number(n));
  const recency = keptTexts("customers.recencyDays", locale, (days: number) => t("customers.recencyDays", { days }));
  const tierLabel = byValue((tier: string) => t(`tiers.${tier}`));
  const gateLabel = byValue((gate: string) => t(`gates.${gate}`, { max: percent(rules.gates.maxReturnRate) }));
  // The list's filters as its links carry them: asked once, for the export, the first page and "clear".
  const listParams = customerListSearchParams(query).toString();
  const exportHref = `${base}/export?${listParams}`;
  const filtered = listParams !== "";
  // "Only my customers" with nothing else narrowing it: an empty list means none is assigned yet.
  const filteredBeyondRep =
    Boolean(query.q || query.tier || query.previousTier) || [query.highValue, query.repeat, query.minScore, query.maxScore].some((v) => v !== undefined);

  return (
    <>
      <PageHeader title={t("customers.title")} />
      {summary ? (
        <>
          <SummaryStrip summary={summary} />
          <p className="mb-4 text-sm text-stone-500">
            {t("customers.scoredAt", {
              asOf: storeTimes(t, format, ctx.store.timezone)(summary.asOf),
              version: summary.ruleVersion,
              ms: summary.tookMs,
            })}
          </p>
          {summary.scored === 0 && summary.customers > 0 && (
            <NoneInWindow ctx={ctx} customers={summary.customers} windowDays={rules.windowDays} />
          )}
        </>
      ) : (
        <p className="mb-4 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600" data-testid="customers-empty">
          {t("customers.noScores")}
          {/* Where to begin, as the dashboard says it: only an owner imports. */}
          {ctx.role === "owner" && (
            <>
              {sentenceGap(locale)}
              <Link href={`/s/${ctx.store.slug}/imports`} className="text-brand-700 underline">
                {t("dashboard.importLink")}
              </Link>
            </>
          )}
        </p>
      )}
      {ctx.role === "owner" && (
        <div className="mb-4">
          {/* The page's one client component with messages; the customer and care pages name theirs. */}
          <ClientMessages namespaces={["customers.recompute", "customers.recomputing", "customers.recomputed"]}>
            <RecomputeButton action={recomputeAction.bind(null, ctx.store.slug)} />
          </ClientMessages>
        </div>
      )}
      <RepFilter ctx={ctx} base={base} query={query} />
      <FiltersForm base={base} query={query} filtered={filtered} />
      {notice && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {notice}
        </p>
      )}
      {page.customers.length === 0 ? (
        summary && (
          <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600">
            {query.rep === "me" && !filteredBeyondRep ? t("customers.noneMine") : t("customers.noneMatch")}
            {filtered && sentenceGap(locale)}
            {filtered && (
              <Link href={base} className="text-brand-600 underline">
                {t("customers.clear")}
              </Link>
            )}
          </p>
        )
      ) : (
        <CustomerTable
          base={base}
          sort={{ key: query.sort, order: query.order ?? defaultCustomerOrder[query.sort] }}
          sortHrefs={Object.fromEntries(
            customerSorts.map((key) => {
              // The sorted column's link turns its order round; another's sorts by it its usual way, from the first page.
              const order = key === query.sort ? ((query.order ?? defaultCustomerOrder[key]) === "asc" ? "desc" : "asc") : undefined;
              const params = customerListSearchParams({ ...query, sort: key, order });
              return [key, params.size > 0 ? `${base}?${params}` : base];
            }),
          ) as Record<(typeof customerSorts)[number], string>}
          labels={{
            title: t("nav.customers"),
            name: t("customers.name"),
            tier: t("customers.tier"),
            score: t("customers.score"),
            orders: t("customers.orders"),
            netSpend: t("customers.netSpend"),
            aov: t("customers.aov"),
            recency: t("customers.recency"),
            returnRate: t("customers.returnRate"),
            highValueMark: t("customers.highValueMark"),
            gate: t("customers.gate"),
            rep: t("care.rep"),
            review: t("care.review"),
          }}
          rows={toColumns(page.customers.map(
            (c): CustomerRowView => ({
              id: c.id,
              externalId: c.externalId,
              name: c.name,
              tier: c.tier,
              tierLabel: tierLabel(c.tier),
              score: c.score === null ? "—" : score(c.score),
              orders: count(c.orders),
              netSpendMinor: c.netSpend,
              netSpend: money(c.netSpend),
              averageOrderValue: money(averageOrderMinor(c)),
              recency: c.recencyDays === null ? "—" : recency(c.recencyDays),
              returnRate: c.returnRate === null ? "—" : percent(c.returnRate),
              isHighValue: c.isHighValue,
              gates: c.gates.map(gateLabel),
              rep: c.rep,
            }),
          ))}
        />
      )}
      {/* With no row, no count of them and nothing to export: the empty state above says none matches. */}
      <div className="mt-4 flex flex-wrap items-center gap-4 text-sm">
        {page.customers.length > 0 && <span id="page-count" className="text-stone-500">{t("customers.showing", { count: page.customers.length })}</span>}
        {(query.cursor || query.before) && (
          <Link href={`${base}?${listParams}`} className="text-brand-600 underline">
            {t("customers.first")}
          </Link>
        )}
        {page.previousCursor && (
          <Link href={`${base}?${customerListSearchParams(query, { before: page.previousCursor })}`} className="text-brand-600 underline" rel="prev">
            {t("customers.previous")}
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`${base}?${customerListSearchParams(query, { cursor: page.nextCursor })}`} className="text-brand-600 underline" rel="next">
            {t("customers.next")}
          </Link>
        )}
        {page.customers.length > 0 && (
          <a href={exportHref} className="ml-auto rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100" download>
            {t("customers.export")}
          </a>
        )}
      </div>
    </>
  );
}
