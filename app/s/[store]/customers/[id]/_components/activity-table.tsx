import { getTranslations } from "@/lib/i18n/server";

/** A small table of one kind of activity, with its empty state and a "latest n of total" note. */
export async function ActivityTable({
  title,
  headers,
  rows,
  total,
  testId,
}: {
  title: string;
  headers: string[];
  rows: React.ReactNode[][];
  total: number;
  testId: string;
}) {
  const [t, app] = await Promise.all([getTranslations("customer"), getTranslations("app")]);
  return (
    <section className="rounded-lg border border-stone-200 bg-white p-4" aria-label={title} data-testid={testId}>
      <h2 className="mb-2 font-semibold">
        {title} <span className="text-sm font-normal text-stone-500">({total})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-stone-500">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={app("tableRegion", { title })}>
          {/* Focusable and named (above), so a keyboard can scroll a table wider than the screen. */}
          <table className="w-full text-left text-sm">
            <thead className="text-stone-500">
              <tr>
                {headers.map((h) => (
                  <th key={h} scope="col" className="py-1 pr-3 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((cells, i) => (
                <tr key={i}>
                  {cells.map((cell, j) => (
                    <td key={j} className="py-1 pr-3 tabular-nums">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {total > rows.length && <p className="mt-2 text-xs text-stone-500">{t("moreThan", { shown: rows.length, total })}</p>}
        </div>
      )}
    </section>
  );
}
