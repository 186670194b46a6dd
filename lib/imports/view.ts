import type { Import } from "@/db/schema";

/** What the page and the API show of an import (never who uploaded it or where the file lies). */
export function importView(job: Import) {
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
    message: job.message,
    errorCount: job.errorCount,
    errors: job.errors,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export type ImportView = ReturnType<typeof importView>;
