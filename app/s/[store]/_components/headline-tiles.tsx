import { getTranslations } from "@/lib/i18n/server";

export interface HeadlineTile {
  key: string;
  label: string;
  value: string;
  detail?: string;
  /** The list the number counts. */
  href?: string;
  tone?: "normal" | "warning";
}

/**
 * The dashboard's headline numbers, each a link to the list it counts. Three columns: the owner's
 * nine tiles fill three rows and the open and overdue disputes end the last one side by side,
 * where four columns left the overdue tile alone on a row of its own.
 */
export async function HeadlineTiles({ label, tiles }: { label: string; tiles: HeadlineTile[] }) {
  const t = await getTranslations("shell");
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-3">
      {tiles.map((tile) => {
        const value = (
          <span className={`text-2xl font-semibold tabular-nums ${tile.tone === "warning" ? "text-red-700" : ""}`} data-testid={`headline-${tile.key}`}>
            {tile.value}
          </span>
        );
        return (
          <div key={tile.key} className="rounded-lg border border-stone-200 bg-white p-4">
            <dt className="text-sm text-stone-500">{tile.label}</dt>
            <dd className="mt-1">
              {tile.href ? (
                // Named with its label: a list of links, or a Tab to one, said only "1,234".
                <a href={tile.href} aria-label={t("labelled", { label: tile.label, text: tile.value })} className="hover:text-brand-700 hover:underline">
                  {value}
                </a>
              ) : (
                value
              )}
              {tile.detail && <span className="block text-xs text-stone-500">{tile.detail}</span>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
