"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useFormRefusal } from "@/components/action-form";
import { FieldReasonScope } from "@/components/field-reason";
import { Field, fileInputClass, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";
import type { ImportView } from "@/lib/imports/view";
import { ImportResult, unchangedReason } from "./import-result";

const kinds = ["orders", "returns", "reviews", "shares"] as const;
const formats = ["canonical", "online-retail"] as const;

/** Uploads a file as the request body, then follows the import's progress until it ends. */
export function ImportUploader({ base }: { base: string }) {
  const t = useTranslations("imports");
  const router = useRouter();
  const [phase, setPhase] = useState<"idle" | "uploading" | "running">("idle");
  // An upload that failed: which file, and why (the server's words, or ours).
  const [failed, setFailed] = useState<{ file: string; reason: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [job, setJob] = useState<ImportView | null>(null);
  const [rate, setRate] = useState(0);
  const started = useRef(0);
  // No file, or an empty one: said under the file field, which is marked and takes the keyboard,
  // as a refused field of any form is; a failed upload is said below the form (uploadFailed).
  const formRef = useRef<HTMLFormElement>(null);
  const [fileRefused, setFileRefused] = useState<ActionResult<never> | null>(null);
  const refusal = useFormRefusal(formRef, fileRefused);
  const refuseFile = (message: string) => setFileRefused({ ok: false, message: "", fieldErrors: { file: [message] } });

  useEffect(() => {
    if (phase !== "running" || !job) return;
    const timer = setInterval(async () => {
      const response = await fetch(`${base}/${job.id}/status`, { cache: "no-store" });
      if (!response.ok) return;
      const next = (await response.json()) as ImportView;
      setJob(next);
      const seconds = (Date.now() - started.current) / 1000;
      if (seconds > 0) setRate(Math.round(next.processedRows / seconds));
      if (next.status === "succeeded" || next.status === "failed") {
        setPhase("idle");
        router.refresh();
      }
    }, 500);
    return () => clearInterval(timer);
  }, [phase, job, base, router]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The button is aria-disabled, not disabled, while a file goes up: focus stays on it.
    if (phase !== "idle") return;
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.name === "") {
      refuseFile(t("chooseFile"));
      return;
    }
    if (file.size === 0) {
      refuseFile(t("emptyFile"));
      return;
    }
    setFileRefused(null);
    setFailed(null);
    setJob(null);
    setPhase("uploading");
    const params = new URLSearchParams({
      kind: String(form.get("kind")),
      format: String(form.get("format")),
      skipInvalid: form.get("skipInvalid") === "on" ? "true" : "false",
      fileName: file.name,
    });
    try {
      const response = await fetch(`${base}/upload?${params}`, { method: "POST", body: file });
      // A proxy's error page is not JSON: the reader gets our sentence, never its status text.
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        uploadFailed(file.name, typeof body?.error?.message === "string" ? body.error.message : t("uploadRefused"));
        return;
      }
      started.current = Date.now();
      setJob({ id: body.importId, status: "queued", processedRows: 0, totalRows: null } as ImportView);
      setPhase("running");
    } catch {
      uploadFailed(file.name, t("uploadUnreachable"));
    }
  }

  /**
   * Says which file failed and why, and empties the file field, with the keyboard on it: a file
   * changed on disk since it was picked cannot be read again (the browser fails the upload as if
   * the connection had dropped), so a retry takes a fresh pick of it. The kind, the format and
   * the skip choice are kept: the form is not reset.
   */
  function uploadFailed(file: string, reason: string) {
    setFailed({ file, reason });
    setPhase("idle");
    if (fileInput.current) {
      fileInput.current.value = "";
      fileInput.current.focus();
    }
  }

  return (
    <section className="rounded-lg border border-stone-200 bg-white p-6" aria-labelledby="upload-title">
      <h2 id="upload-title" className="sr-only">
        {t("start")}
      </h2>
      {/* Checked here, not by the browser: its bubble ("Please select a file.") spoke the browser's
          language, not the page's, came and went unannounced, and kept this form's own message from showing. */}
      <form ref={formRef} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label={t("start")} noValidate>
        <FieldReasonScope value={refusal.scope}>
          <Field label={t("file")}>
            <input
              ref={fileInput}
              name="file"
              type="file"
              aria-invalid={failed ? true : undefined}
              aria-describedby={failed ? "upload-failed" : undefined}
              onChange={() => setFailed(null)}
              accept=".csv,.gz,text/csv,application/gzip"
              required
              className={fileInputClass}
            />
          </Field>
        </FieldReasonScope>
        <Field label={t("kind")}>
          <select name="kind" className={inputClass} defaultValue="orders">
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("format")}>
          <select name="format" className={`${inputClass} max-w-full`} defaultValue="canonical">
            {formats.map((f) => (
              <option key={f} value={f}>
                {t(`formats.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <label className="flex items-center gap-2 py-2 text-sm">
          <input type="checkbox" name="skipInvalid" />
          {t("skipInvalid")}
        </label>
        <button
          type="submit"
          aria-disabled={phase !== "idle"}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 aria-disabled:opacity-60"
        >
          {phase === "uploading" ? t("uploading") : t("start")}
        </button>
      </form>
      {failed && (
        <div role="alert" id="upload-failed" className="mt-3 space-y-1 text-sm text-red-700" data-testid="upload-failed">
          <p className="font-medium">{t("uploadFailed", { file: failed.file })}</p>
          <p>{failed.reason}</p>
          <p>{t("pickAgain")}</p>
        </div>
      )}
      {/* Always there, so a screen reader hears each change of its text, and only that: the
          upload, then each status. The counts below change every half second and are not live. */}
      <p role="status" className="sr-only" data-testid="import-announcer">
        {importAnnouncement(t, phase, job)}
      </p>
      {job && <ImportProgress job={job} rate={rate} base={base} />}
    </section>
  );
}

/**
 * What the import's live region says: its text changes with the phase and the status alone. At
 * the end it says why too ("Failed" alone sent the listener looking for the reason), and that an
 * import changed nothing ("Done" alone, for a file whose every row was skipped).
 */
export function importAnnouncement(
  t: (key: string, values?: Record<string, string>) => string,
  phase: "idle" | "uploading" | "running",
  job: ImportView | null,
): string {
  if (phase === "uploading") return t("uploading");
  if (!job) return "";
  const status = t(`status.${job.status}`);
  const unchanged = unchangedReason(job);
  const message = job.message ?? (unchanged && t(unchanged));
  return message ? t("statusWithMessage", { status, message }) : status;
}

/** The import's status, progress bar and counts as they are read on demand (not announced). */
export function ImportProgress({ job, rate, base }: { job: ImportView; rate: number; base: string }) {
  const t = useTranslations("imports");
  const total = job.totalRows ?? null;
  const ended = job.status === "succeeded" || job.status === "failed";
  return (
    <div className="mt-4 space-y-2">
      <p className="text-sm font-medium" data-testid="import-status">
        {t(`status.${job.status}`)}
      </p>
      {/* A failed import's bar, full after a file read to its end, looked like success beside "failed". */}
      {job.status !== "failed" && (
        <progress
          className="h-3 w-full"
          max={total ?? undefined}
          value={total ? Math.min(job.processedRows, total) : undefined}
          aria-label={t("progressLabel")}
          data-testid="import-progress"
        />
      )}
      {/* A file refused before a row of it was read (not text, say) has no rows to count: "0 rows" said nothing. */}
      {!(job.status === "failed" && total === null && job.processedRows === 0) && (
        <p className="text-sm text-stone-600 tabular-nums">
          {/* Once it has ended, its rate is the result's (the server's time, not this page's polls). */}
          {/* Every row read, the import still saves them and recomputes the scores: a full bar beside a
              rate that fell with each poll said nothing of the wait. */}
          {total === null
            ? t("progressUnknown", { processed: job.processedRows })
            : ended
              ? t("progressDone", { processed: job.processedRows, total })
              : job.processedRows >= total && job.status === "running"
                ? t("progressSaving", { processed: job.processedRows, total })
                : t("progress", { processed: job.processedRows, total, rate })}
        </p>
      )}
      {(job.status === "succeeded" || job.status === "failed") && <ImportResult job={job} errorsHref={`${base}/${job.id}/errors`} />}
    </div>
  );
}
