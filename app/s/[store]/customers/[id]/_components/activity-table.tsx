import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { sentenceGap } from "@/lib/i18n/locales";
import { phoneFold as fold } from "@/components/ui/phone-fold";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { ActivityTableParts } from "./activity-columns";

/**
 * A table of one kind of activity, with its empty state. On the customer page it holds the latest
 * rows, with a "latest n of total" note and a link to all of them (`seeAllHref`); on an activity
 * page, one page of them.
 */
export async function ActivityTable({
  title,
  headers,
  numeric,
  idColumn,
  phoneFold,
  rows,
  total,
  testId,
  seeAllHref,
  headingLevel = 2,
}: ActivityTableParts & {
  total: number;
  testId: string;
  seeAllHref?: string;
  headingLevel?: 1 | 2;
}) {
  const [t, app, locale, format] = await Promise.all([getTranslations("customer"), getTranslations("app"), getLocale(), getFormatter()]);
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const align = (column: number) => (numeric.includes(column) ? "text-right" : "");
  // Every value but the id is a date, a status word, a mark or a number, broken only where a space
  // is (keep-all): in a narrow box Chinese broke anywhere ("已/付/款", "2026年10/月17日"). A time
  // breaks only between its day and its time of day (DayAndTime), to fit a half-width card or a
  // phone; its day kept whole is wider than a word, and at 12 px apart the returns' five columns
  // no longer fitted a desktop's half-width card in English: 10 px apart they do. The box
  // scrolls what does not fit. The id may wrap (at the bracket of "R0001（O0002）").
  const wrap = (column: number) => (column === idColumn ? "" : "break-keep");
  // On a phone the id stands under the row's time, its column left out (and a return's type under
  // its status): five columns put the order's total past the screen's edge, behind a sideways scroll.
  const folds: [number, number][] = [[idColumn, 0], ...(phoneFold ? [phoneFold] : [])];
  const folded = (column: number) => (folds.some(([f]) => f === column) ? fold.column : "");
  return (
    <section className="rounded-lg border border-stone-200 bg-white p-4" aria-label={title} data-testid={testId}>
      <Heading className={`mb-2 font-semibold ${headingLevel === 1 ? "text-2xl" : ""}`}>
        {title} <span className="text-sm font-normal text-stone-500">({format.number(total)})</span>
      </Heading>
      {rows.length === 0 ? (
        <p className="text-sm text-stone-500">{t("none")}</p>
      ) : (
        <ScrollRegion title={title}>
          <table className="w-full text-left text-sm">
            <thead className="text-stone-500">
              <tr>
                {headers.map((h, j) => (
                  <th key={h} scope="col" className={`py-1 pr-2.5 font-medium break-keep last:pr-0 ${align(j)} ${folded(j)}`}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((cells, i) => (
                <tr key={i}>
                  {cells.map((cell, j) => (
                    <td key={j} className={`py-1 pr-2.5 tabular-nums last:pr-0 ${align(j)} ${wrap(j)} ${folded(j)}`}>
                      {cell}
                      {folds
                        .filter(([, under]) => under === j)
                        .map(([column]) => (
                          <span
                            key={column}
                            className={`block text-xs text-stone-500 ${fold.under} ${column === idColumn ? "[overflow-wrap:anywhere]" : ""}`}
                            data-testid={column === idColumn ? "activity-id" : "activity-folded"}
                          >
                            {cells[column]}
                          </span>
                        ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {seeAllHref && total > rows.length && (
        <p className="mt-2 text-xs text-stone-500">
          {t("moreThan", { shown: rows.length, total })}
          {sentenceGap(locale)}
          <Link href={seeAllHref} prefetch={false} className="text-sm text-brand-700 underline" data-testid={`${testId}-see-all`}>
            {t("seeAll", { total })}
          </Link>
        </p>
      )}
    </section>
  );
}
