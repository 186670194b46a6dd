import type { Import } from "@/db/schema";
import type { Translate } from "@/lib/i18n/locales";
import { translate } from "./reasons";

/**
 * What the page and the API show of an import (never who uploaded it or where the file lies).
 * Messages in English; the page passes a translator to have them in its reader's language.
 */
export function importView(job: Import, t?: Translate) {
  const say = (message: string, key?: string | null, values?: Import["messageValues"]) =>
    t && key ? translate({ message, key, values: values ?? undefined }, t) : message;
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
