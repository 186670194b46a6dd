import { getTranslations } from "@/lib/i18n/server";
import Link from "next/link";
import { tiers } from "@/db/schema/scoring";
import { inputClass } from "@/components/ui/field";
import { CUSTOMER_SEARCH_MAX, customerListSearchParams, type CustomerListQuery } from "@/lib/validation/customers";
import { ChartFilterNote } from "../../_components/chart-filter-note";

/** A plain GET form: the list's state lives in the URL, so every view can be bookmarked and shared. */
export async function FiltersForm({ base, query, filtered }: { base: string; query: CustomerListQuery; filtered: boolean }) {
  const t = await getTranslations();
  const flagValue = (v: boolean | undefined) => (v === undefined ? "" : String(v));
  const select = (name: string, value: string, label: string, options: [string, string][]) => (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-stone-700">{label}</span>
      <select name={name} defaultValue={value} className={inputClass}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  const yesNo: [string, string][] = [
    ["", t("customers.any")],
    ["true", t("customers.yes")],
    ["false", t("customers.no")],
  ];
  return (
    // Keyed by the list it shows: a sort header's link (a client navigation) left the selects as
    // they were (React sets a select's defaultValue once), so "Apply" then undid that sort.
    <form key={customerListSearchParams(query).toString()} method="get" action={base} role="search" aria-label={t("customers.filters")} className="mb-4 flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-stone-700">{t("customers.search")}</span>
        {/* Stops where the list's search does: past it, the whole search was set aside and the box emptied. */}
        <input type="search" name="q" maxLength={CUSTOMER_SEARCH_MAX} defaultValue={query.q ?? ""} className={`${inputClass} w-56`} />
      </label>
      {select("tier", query.tier ?? "", t("customers.tier"), [["", t("customers.anyTier")], ...tiers.map((k): [string, string] => [k, t(`tiers.${k}`)])])}
      {select("highValue", flagValue(query.highValue), t("customers.highValue"), yesNo)}
      {select("repeat", flagValue(query.repeat), t("customers.repeat"), yesNo)}
      {select("sort", query.sort, t("customers.sort"), [
        ["score", t("customers.sortScore")],
        ["netSpend", t("customers.sortNetSpend")],
        ["orders", t("customers.sortOrders")],
        ["recencyDays", t("customers.sortRecency")],
      ])}
      {select("order", query.order ?? "", t("customers.order"), [
        ["", t("customers.orderDefault")],
        ["desc", t("customers.desc")],
        ["asc", t("customers.asc")],
      ])}
      {query.rep && <input type="hidden" name="rep" value={query.rep} />}
      {/* Filters the dashboard's charts link to, kept when the form is applied. */}
      {(["minScore", "maxScore", "previousTier"] as const).map(
        (key) => query[key] !== undefined && <input key={key} type="hidden" name={key} value={String(query[key])} />,
      )}
      <ChartFilterNote query={query} />
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        {t("customers.apply")}
      </button>
      {/* Only with something to clear: on the bare list it was a link that changed nothing. */}
      {filtered && (
        <Link href={base} className="px-2 py-2 text-sm text-stone-600 underline">
          {t("customers.clear")}
        </Link>
      )}
    </form>
  );
}
