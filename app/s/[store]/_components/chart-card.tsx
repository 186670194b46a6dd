import { getTranslations } from "@/lib/i18n/server";
import { ScrollRegion } from "@/components/ui/scroll-region";

/**
 * A dashboard chart with what every chart needs: a heading, one line on how to read it, the
 * chart itself, its numbers as a table (for screen readers and copy-paste) with a CSV download,
 * and an empty state that says what would fill it.
 */
export async function ChartCard({
  id,
  title,
  description,
  empty,
  chart,
  table,
  downloadHref,
  footer,
  wide = false,
}: {
  id: string;
  title: string;
  description?: React.ReactNode;
  /** When set, the chart has no data: this says how to get some, and nothing else is shown. */
  empty?: string | null;
  chart?: React.ReactNode;
  table?: React.ReactNode;
  downloadHref?: string;
  footer?: React.ReactNode;
  wide?: boolean;
}) {
  const [t, app] = await Promise.all([getTranslations("dashboard"), getTranslations("app")]);
  return (
    <section
      aria-labelledby={`${id}-title`}
      data-testid={`chart-${id}`}
      // min-w-0: a grid's column is as wide as its widest card's content, and an English table
      // opened on a phone (the tiers', 460 px) widened the card and the page past the screen;
      // held to the column, the table scrolls sideways in its box.
      className={`flex min-w-0 flex-col rounded-lg border border-stone-200 bg-white p-4 ${wide ? "lg:col-span-2" : ""}`}
    >
      <h2 id={`${id}-title`} className="font-semibold">
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-stone-600">{description}</p>}
      {empty ? (
        <p className="mt-4 rounded-md border border-dashed border-stone-300 p-4 text-sm text-stone-600" data-testid="chart-empty">
          {empty}
        </p>
      ) : (
        <>
          <div className="mt-3 min-h-[200px]">{chart}</div>
          {footer && <div className="mt-2 text-sm">{footer}</div>}
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-brand-700 hover:underline">{t("table.show")}</summary>
            <ScrollRegion className="mt-2" title={title}>
              {table}
            </ScrollRegion>
            {downloadHref && (
              <a href={downloadHref} className="mt-2 inline-block text-brand-700 underline" download>
                {t("table.download")}
              </a>
            )}
          </details>
        </>
      )}
    </section>
  );
}

/**
 * The table behind a chart; a number in it links to the list it counts when `href` is given. Its
 * headers and row names break only where a space is (keep-all): in a phone's card the Chinese
 * tiers table, 4 px too wide for its 324 px box, stood a tier a character a line (普/通); 6 px
 * apart rather than 8, its cells now fit with the words whole.
 */
export function ChartTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: { key: string; cells: { value: React.ReactNode; href?: string; numeric?: boolean }[] }[];
}) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-stone-200 text-stone-600">
        <tr>
          {columns.map((column, i) => (
            <th key={column} scope="col" className={`px-1.5 py-1 font-medium break-keep ${i > 0 ? "text-right" : ""}`}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-stone-100">
        {rows.map((row) => (
          <tr key={row.key} data-row={row.key}>
            {row.cells.map((cell, i) => {
              const content = cell.href ? (
                <a href={cell.href} className="text-brand-700 underline">
                  {cell.value}
                </a>
              ) : (
                cell.value
              );
              return i === 0 ? (
                <th key={i} scope="row" className="px-1.5 py-1 font-normal break-keep">
                  {content}
                </th>
              ) : (
                <td key={i} className={`px-1.5 py-1 ${cell.numeric === false ? "" : "text-right tabular-nums"}`}>
                  {content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
