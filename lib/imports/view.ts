import type { Import } from "@/db/schema";
import type { Translate } from "@/lib/i18n/locales";
import { saysItsOnlyError } from "./error-summary";
import { reason, translate, type Localizable } from "./reasons";

/**
 * What the page and the API show of an import (never who uploaded it or where the file lies).
 * Messages in English; the page passes a translator to have them in its reader's language.
 */
export function importView(job: Import, t?: Translate) {
  // Each reason once: an import keeps up to 1,000 errors, mostly a few reasons over many rows,
  // and the history lists 50 imports (10,000 errors of 3 reasons took 0.65 s to translate and
  // write, one by one).
  const said = new Map<string, string>();
  const say = (message: string, key?: string | null, values?: Import["messageValues"]) => {
    if (!t || !key) return message;
    const id = JSON.stringify([key, values ?? null]);
    let text = said.get(id);
    if (text === undefined) said.set(id, (text = translate({ message, key, values: values ?? undefined }, t)));
    return text;
  };
  return {
    id: job.id,
    kind: job.kind,
    format: job.format,
    fileName: job.fileName,
    status: job.status,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    skippedRows: job.skippedRows,
    ignoredRows: job.ignoredRows,
    counts: job.counts,
    message: job.message === null ? null : say(job.message, job.messageKey, job.messageValues),
    errorCount: job.errorCount,
    errors: job.errors.map((e) => ({ row: e.row, column: e.column, message: say(e.message, e.key, e.values) })),
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export type ImportView = ReturnType<typeof importView>;

/**
 * A failure that one reason explains, said once: a header lacking some of the format's columns
 * read "lacks 2 columns (see row 1)" over "Row 1, column status: missing columns: status,
 * groupBuy; …": the count, the row and a column twice. The page and the CLI say this instead of
 * the message and its row; the API and the error report keep row 1's reason as it is.
 */
export function failureSaidOnce(job: Pick<Import, "messageKey" | "errors">): Localizable | null {
  const only = job.errors.length === 1 ? job.errors[0]! : null;
  if (only && job.messageKey === "importReasons.lacksColumns" && only.key === "importReasons.missingColumns") {
    return reason("headerLacksColumns", { ...only.values, row: only.row });
  }
  return null;
}

/**
 * What the imports page shows of an import, in its reader's language: a failure that one reason
 * explains is said once, in the message, with no row listed under it (failureSaidOnce, and a
 * file that is not readable CSV, whose message names its line).
 */
export function importPageView(job: Import, t: Translate): ImportView {
  const view = importView(job, t);
  const once = failureSaidOnce(job);
  if (once) return { ...view, message: translate(once, t), errors: [] };
  return saysItsOnlyError(view) ? { ...view, errors: [] } : view;
}
