"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/store-action";
import { SuccessStatus, useFormRefusal } from "@/components/action-form";
import { FieldReasonScope } from "@/components/field-reason";
import { Field, fileInputClass } from "@/components/ui/field";
import { useAnnounce } from "@/components/announcer";
import { uploadEvidence } from "./upload-evidence";

/**
 * Adds evidence files to a dispute; each is checked by the server and refused with its reason.
 * The announcer says each file as it goes and how many were added (the refused ones are the alert).
 */
export function EvidenceUploader({ disputeBase, maxEvidence }: { disputeBase: string; maxEvidence: string }) {
  const t = useTranslations("disputes");
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [added, setAdded] = useState<string | null>(null);
  const announce = useAnnounce();
  // `busy` is the last render's: a second submit before React renders again saw it null.
  const sending = useRef(false);
  // No file chosen: said under the field, in the page's words (not the browser's bubble), the
  // field marked and focused, as a refused field of any form is.
  const formRef = useRef<HTMLFormElement>(null);
  const [missing, setMissing] = useState<ActionResult<never> | null>(null);
  const refusal = useFormRefusal(formRef, missing);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The button is aria-disabled while files upload (disabled would drop the keyboard focus).
    if (busy !== null || sending.current) return;
    const form = event.currentTarget;
    const input = form.elements.namedItem("files") as HTMLInputElement;
    const files = [...(input.files ?? [])];
    if (files.length === 0) {
      setMissing({ ok: false, message: "", fieldErrors: { files: [t("form.chooseFiles")] } });
      return;
    }
    setMissing(null);
    sending.current = true;
    try {
      await upload(form, files);
    } finally {
      sending.current = false;
    }
  }

  async function upload(form: HTMLFormElement, files: File[]) {
    const refused: string[] = [];
    setAdded(null);
    for (const file of files) {
      const uploading = t("form.uploading", { name: file.name });
      setBusy(uploading);
      announce(uploading);
      const message = await uploadEvidence(disputeBase, file, { refused: t("form.uploadRefused"), unreachable: t("form.uploadUnreachable") });
      if (message) refused.push(t("form.uploadFailed", { name: file.name, message }));
    }
    setBusy(null);
    setErrors(refused);
    const done = files.length > refused.length ? t("form.uploaded", { count: files.length - refused.length }) : null;
    setAdded(done);
    if (done) announce(done);
    form.reset();
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="mt-3 flex flex-wrap items-end gap-2" noValidate>
      <div className="flex flex-col gap-1 text-sm">
        <FieldReasonScope value={refusal.scope}>
          <Field label={t("page.addEvidence")}>
            <input type="file" name="files" multiple required accept="image/png,image/jpeg,image/webp,application/pdf,text/plain" aria-describedby="evidence-limits" className={fileInputClass} />
          </Field>
        </FieldReasonScope>
        <span id="evidence-limits" className="text-xs text-stone-500">{t("form.evidenceHint", { max: maxEvidence })}</span>
      </div>
      <button type="submit" aria-disabled={busy !== null} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100 aria-disabled:opacity-60">
        {t("page.upload")}
      </button>
      {busy && <span className="text-sm text-stone-600">{busy}</span>}
      {added && <SuccessStatus className="text-sm text-green-700" testId="evidence-added">{added}</SuccessStatus>}
      {errors.length > 0 && (
        <ul role="alert" className="basis-full list-disc pl-5 text-sm text-red-700">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
