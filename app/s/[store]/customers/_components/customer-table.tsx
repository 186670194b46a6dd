"use client";

import Link from "next/link";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { TierBadge } from "@/components/ui/tier-badge";
import type { Tier } from "@/db/schema/scoring";
import { fromColumns, type Columns } from "@/lib/columns";
import type { CustomerSort } from "@/lib/validation/customers";

/** One row of the customers list, every value already formatted for the reader's language. */
export interface CustomerRowView {
  id: number;
  externalId: string;
  name: string;
  tier: Tier;
  tierLabel: string;
  score: string;
  orders: string;
  /** Minor units, for the row's data attribute (the e2e tests compare sort orders with it). */
  netSpendMinor: number;
  netSpend: string;
  averageOrderValue: string;
  recency: string;
  returnRate: string;
  isHighValue: boolean;
  gates: string[];
  rep: string | null;
}

export type CustomerTableLabels = Record<
  "title" | "name" | "tier" | "score" | "orders" | "netSpend" | "aov" | "recency" | "returnRate" | "highValueMark" | "gate" | "rep" | "review",
  string
>;

// A client component so that the page sends the browser 50 rows of values instead of the table's
// element tree: rendered on the server, the tree was three quarters of the page's RSC payload
// (67 of 88 KB) and serializing it, then parsing it back for the HTML, the largest part of the
// page's server time.
export function CustomerTable({
  base,
  labels,
  rows: columns,
  sort,
  sortHrefs,
}: {
  base: string;
  labels: CustomerTableLabels;
  /** The rows as columns (toColumns): each field named once in the page's payload, not fifty times. */
  rows: Columns<CustomerRowView>;
  /** The list's sort and order, as the filters chose them or by default. */
  sort: { key: CustomerSort; order: "asc" | "desc" };
  /** Per sortable column, the list sorted by it (the other way round for the column sorted now). */
  sortHrefs: Record<CustomerSort, string>;
}) {
  const rows = fromColumns(columns);
  // A sortable column's header is a link that sorts by it; the sorted one says so with aria-sort
  // (a screen reader tells the order with the header) and an arrow for the eye.
  const sortable = (key: CustomerSort, label: string) => {
    const current = sort.key === key;
    return (
      <th scope="col" className="text-right font-medium" aria-sort={current ? (sort.order === "asc" ? "ascending" : "descending") : undefined}>
        <Link href={sortHrefs[key]} prefetch={false} className="whitespace-nowrap underline decoration-stone-300 underline-offset-4 hover:text-brand-700">
          {label}
          {current && <span aria-hidden="true">{sort.order === "asc" ? " ▲" : " ▼"}</span>}
        </Link>
      </th>
    );
  };
  return (
    <ScrollRegion className="rounded-lg border border-stone-200 bg-white" title={labels.title}>
      {/* Cell padding and the number columns' look set once here: 50 rows × 11 cells each spelling
          them out was 13 % of the page's server time, then a quarter of its HTML. */}
      <table
        className="w-full text-left text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2 [&_th]:break-keep [&_td.num]:whitespace-nowrap [&_td.num]:text-right [&_td.num]:tabular-nums"
        aria-describedby="page-count"
      >
        <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
          <tr>
            <th scope="col" className="font-medium">{labels.name}</th>
            <th scope="col" className="font-medium">{labels.tier}</th>
            {sortable("score", labels.score)}
            {sortable("orders", labels.orders)}
            {sortable("netSpend", labels.netSpend)}
            <th scope="col" className="text-right font-medium">{labels.aov}</th>
            {sortable("recencyDays", labels.recency)}
            <th scope="col" className="text-right font-medium">{labels.returnRate}</th>
            <th scope="col" className="font-medium">{labels.highValueMark}</th>
            <th scope="col" className="font-medium">{labels.gate}</th>
            <th scope="col" className="font-medium">{labels.rep}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((c) => (
            <tr key={c.id} data-testid="customer-row" data-external-id={c.externalId} data-net-spend={c.netSpendMinor}>
              {/* A long name wraps in its column rather than push the numbers off the screen. */}
              <td className="min-w-32 max-w-64 wrap-anywhere">
                {/* Not prefetched: a merchant opens one customer of fifty, and prefetching every row in
                    view sent the server 16 requests a page view. */}
                <Link href={`${base}/${c.id}`} prefetch={false} className="font-medium text-stone-900 hover:text-brand-700 hover:underline">
                  {c.name || c.externalId}
                </Link>
                <span className="block text-xs text-stone-500">{c.externalId}</span>
              </td>
              <td>
                <TierBadge tier={c.tier} label={c.tierLabel} />
              </td>
              <td className="num" data-testid="score">
                {c.score}
              </td>
              <td className="num">{c.orders}</td>
              <td className="num">{c.netSpend}</td>
              <td className="num">{c.averageOrderValue}</td>
              <td className="num">{c.recency}</td>
              <td className="num">{c.returnRate}</td>
              <td>{c.isHighValue ? <span className="whitespace-nowrap font-medium text-green-700">{`✓ ${labels.highValueMark}`}</span> : ""}</td>
              <td className="text-xs text-amber-800">
                {c.gates.map((gate) => (
                  <span key={gate} className="block">
                    {gate}
                  </span>
                ))}
              </td>
              <td className="text-xs" data-testid="rep">
                {c.rep}
                {c.rep && !c.isHighValue && <span className="block text-amber-800">{labels.review}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
