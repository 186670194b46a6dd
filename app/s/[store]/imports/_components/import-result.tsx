"use client";

import { useFormatter, useTranslations } from "next-intl";
import { groupErrors, rowRuns, SHOWN_ERROR_GROUPS, type ErrorGroup } from "@/lib/imports/error-summary";
import type { ImportView } from "@/lib/imports/view";

/**
 * Why an import that succeeded changed nothing in the store, as its result and its announcement
 * say it: a file whose rows were all skipped (or left out by the preset) was not "already here".
 * One whose every row was invalid says so and what to do, not "left out" alone.
 */
export function unchangedReason(job: Pick<ImportView, "status" | "counts" | "processedRows" | "skippedRows" | "ignoredRows">) {
  if (job.status !== "succeeded" || Object.keys(job.counts ?? {}).length > 0) return null;
  if (job.processedRows === 0) return "noRows";
  if (job.skippedRows < job.processedRows) return "nothingChanged";
  return job.ignoredRows === 0 ? "allInvalid" : job.ignoredRows >= job.skippedRows ? "allIgnored" : "allSkipped";
}

/**
 * What an import did: counts per table, rows left out, refused rows with their reasons (up to
 * SHOWN_ERROR_GROUPS reasons, each with its rows). `listedErrors`: how many errors the import
 * kept when `job.errors` holds only those of the reasons shown (errorsOfFirstGroups).
 */
export function ImportResult({
  job,
  errorsHref,
  listedErrors = job.errors.length,
  reportName,
}: {
  job: ImportView;
  errorsHref: string;
  listedErrors?: number;
  /** The report link's name where several are listed: "Download the error report (CSV)" nine times told them apart by nothing. */
  reportName?: string;
}) {
  const t = useTranslations("imports");
  const tShell = useTranslations("shell");
  const format = useFormatter();
  const counts = Object.entries(job.counts ?? {});
  const unchanged = unchangedReason(job);
  // A reason given for many rows is one line naming them: a wrong time in every row was twenty
  // lines that differed only in their row number.
  const shownGroups = groupErrors(job.errors).slice(0, SHOWN_ERROR_GROUPS);
  const shownReasons = shownGroups.reduce((n, g) => n + g.rows.length, 0);
  const groupLabel = (g: ErrorGroup) => {
    if (g.rows.length === 1) return g.column ? t("rowColumn", { row: g.rows[0]!, column: g.column }) : t("row", { row: g.rows[0]! });
    const { runs, more } = rowRuns(g.rows);
    const rows = runs.join(t("rowSeparator"));
    return g.column ? t("rowListColumn", { rows, more, column: g.column }) : t("rowList", { rows, more });
  };
  // From the start of the work to its end: the read, the checks, the merge and the recompute.
  const ms = job.startedAt && job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(job.startedAt) : null;
  return (
    // A reason can quote a long header without spaces: it wraps anywhere rather than widen the page.
    <div className="space-y-2 text-sm [overflow-wrap:anywhere]" data-testid="import-result">
      {job.message && <p className={job.status === "failed" ? "text-red-700" : ""}>{job.message}</p>}
      {job.status === "succeeded" &&
        (unchanged ? (
          <p>{t(unchanged)}</p>
        ) : (
          <ul className="flex flex-wrap gap-x-6 gap-y-1">
            {counts.map(([table, c]) => (
              <li key={table} data-testid={`count-${table}`}>
                {t.rich("counts", {
                  b: (name) => <span className="font-medium">{name}</span>,
                  table: t(`tables.${table}` as "tables.orders"),
                  created: c.created,
                  updated: c.updated,
                })}
              </li>
            ))}
          </ul>
        ))}
      {job.ignoredRows > 0 && <p className="text-stone-600">{t("ignored", { n: job.ignoredRows })}</p>}
      {job.status === "succeeded" && ms !== null && job.processedRows > 0 && (
        <p className="text-stone-600" data-testid="import-took">
          {t("took", {
            seconds: format.number(ms / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
            rate: format.number(Math.round(job.processedRows / Math.max(ms / 1000, 0.001))),
          })}
        </p>
      )}
      {job.errors.length > 0 && (
        <div>
          <p className="font-medium">{job.status === "succeeded" ? t("skipped", { n: job.skippedRows - job.ignoredRows }) : t("errors")}</p>
          <ul className="mt-1 list-disc pl-5 text-stone-700">
            {shownGroups.map((g, i) => (
              <li key={i} data-testid="import-error">
                {tShell("labelled", { label: groupLabel(g), text: g.message })}
              </li>
            ))}
          </ul>
          {job.errorCount > shownReasons && (
            // The import keeps the first reasons it found (MAX_LISTED_ERRORS), not every one.
            <p className="mt-1 text-stone-600" data-testid="errors-shown">
              {job.errorCount > listedErrors
                ? t("shownOfFirst", { shown: shownReasons, total: job.errorCount, listed: listedErrors })
                : t("shownOf", { shown: shownReasons, total: job.errorCount })}
            </p>
          )}
          <a href={errorsHref} className="mt-1 inline-block text-brand-600 underline" download aria-label={reportName}>
            {t("errorReport")}
          </a>
        </div>
      )}
    </div>
  );
}
