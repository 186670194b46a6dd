"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { RefusalAlert, useFormRefusal } from "@/components/action-form";
import { FieldReason, FieldReasonScope } from "@/components/field-reason";
import { useAnnounce } from "@/components/announcer";
import { FocusOnArrival } from "@/components/focus-on-arrival";
import { useActionForm } from "@/components/use-action-form";
import { Field, fileInputClass, inputClass } from "@/components/ui/field";
import { counterpartyKinds, disputeTypes, type DisputeType } from "@/lib/disputes/constants";
import type { ActionResult } from "@/lib/actions/store-action";
import { missingFacts } from "@/lib/disputes/facts";
import { uploadEvidence } from "./upload-evidence";

type SaveResult = ActionResult<{ id: number; status: string }>;
type Action = (previous: unknown, formData: FormData) => Promise<SaveResult>;

export interface DisputeFormValues {
  disputeId?: number;
  /** Editing: the last event that set the draft's facts, as this page shows them (an edit saved since refuses this one). */
  seen?: number;
  type?: DisputeType;
  title?: string;
  description?: string;
  amountAtStake?: string;
  orderExternalId?: string;
  customerExternalId?: string;
  productExternalId?: string;
  returnExternalId?: string;
  counterpartyName?: string;
  counterpartyKind?: string;
  infringedRight?: string;
  infringingListing?: string;
}

// Everything a type can need, to list under the type picker what submitting it takes.
const everything = { title: "", description: "", orderId: null, customerId: null, productId: null, returnId: null, counterpartyName: null, infringedRight: null, infringingListing: null };
const factKey = (fact: string) => fact.replace(/\|(\w)/g, (_, c: string) => `Or${c.toUpperCase()}`);
const noSubscription = () => () => {};

// The IP-only fields (lib/disputes/facts.ts: no other type asks for them) show while the IP type is
// checked, by CSS, so they come and go without JavaScript too, and keep what was typed in them.
const ipOnly = "hidden flex-col gap-1 group-has-[[data-ip-type]:checked]:flex";

/** File a dispute or edit a draft: the eight types explained, the facts, evidence files. */
export function DisputeForm({ action, base, currency, maxEvidence, values = {} }: { action: Action; base: string; currency: string; maxEvidence: string; values?: DisputeFormValues }) {
  const t = useTranslations("disputes");
  const router = useRouter();
  const { state, pending, resultKey, formProps } = useActionForm<SaveResult>(action);
  // In the form's order, top to bottom: a refusal lists its fields so.
  const labels: Record<string, string> = {
    type: t("page.type"),
    title: t("form.titleLabel"),
    description: t("form.description"),
    amountAtStake: t("page.amount"),
    infringedRight: t("form.infringedRight"),
    infringingListing: t("form.infringingListing"),
    counterpartyName: t("form.counterpartyName"),
    counterpartyKind: t("form.counterpartyKind"),
    customerExternalId: t("form.customer"),
    orderExternalId: t("form.order"),
    productExternalId: t("form.product"),
    returnExternalId: t("form.return"),
  };
  // Each reason under its field.
  const refusal = useFormRefusal(formProps.ref, state, labels);
  const [type, setType] = useState<DisputeType>(values.type ?? "ip_infringement");
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadErrors, setUploadErrors] = useState<string[]>([]);
  // False in the server's HTML and until hydration: a field disabled there could not be enabled without JavaScript.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const ipFieldsOff = hydrated && type !== "ip_infringement";
  const announce = useAnnounce();

  useEffect(() => {
    if (!state?.ok) return;
    let cancelled = false;
    (async () => {
      const target = `${base}/${state.data.id}`;
      const errors: string[] = [];
      for (const file of files) {
        const uploading = t("form.uploading", { name: file.name });
        setUploading(uploading);
        announce(uploading);
        const refused = await uploadEvidence(target, file, { refused: t("form.uploadRefused"), unreachable: t("form.uploadUnreachable") });
        if (refused) errors.push(t("form.uploadFailed", { name: file.name, message: refused }));
      }
      if (cancelled) return;
      // The form was reset with the save: files kept here went with the next dispute filed.
      setFiles([]);
      setUploading(null);
      setUploadErrors(errors);
      // With a refused file the user stays to read why; the dispute itself is saved.
      if (errors.length === 0) router.push(target);
    })();
    return () => {
      cancelled = true;
    };
    // Runs once per successful save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  // Filed, but some files were refused: say so in place of the form, whose fields the save
  // emptied (an empty form invited filing the same dispute again).
  if (state?.ok && uploadErrors.length > 0) {
    const id = state.data.id;
    return (
      // It takes the form's place, and the keyboard focus the form's button had (lost with it).
      <div role="alert" id="dispute-filed" tabIndex={-1} className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
        <FocusOnArrival targetId="dispute-filed" />
        <p className="font-medium">{state.data.status === "draft" ? t("form.draftSavedAs", { id }) : t("form.filedAs", { id })}</p>
        <p className="mt-2">{t("form.filesNotAdded")}</p>
        <ul className="list-disc pl-5">
          {uploadErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
        <a href={`${base}/${id}`} className="mt-2 inline-block text-brand-600 underline">
          {t("form.openToAddEvidence", { id })}
        </a>
      </div>
    );
  }

  const needs = missingFacts(type, { ...everything, description: "" }).map((f) => t(`facts.${factKey(f)}`));

  return (
    <form
      {...formProps}
      // Not sent while evidence uploads: its buttons are aria-disabled then, as disabled would drop the keyboard focus.
      onSubmit={(event) => (uploading === null ? formProps.onSubmit(event) : event.preventDefault())}
      className="group max-w-3xl space-y-6"
      aria-describedby="dispute-form-needs"
    >
      <FieldReasonScope value={refusal.scope}>
        {values.disputeId && <input type="hidden" name="disputeId" value={values.disputeId} />}
        {values.seen && <input type="hidden" name="seen" value={values.seen} />}
        <fieldset className="rounded-lg border border-stone-200 bg-white p-4">
          <legend className="px-1 font-semibold">{t("form.typeLegend")}</legend>
          <div className="grid gap-2 md:grid-cols-2">
            {disputeTypes.map((code) => (
              <label key={code} className="flex cursor-pointer gap-2 rounded-md border border-stone-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                <input
                  type="radio"
                  name="type"
                  value={code}
                  checked={type === code}
                  onChange={() => setType(code)}
                  data-ip-type={code === "ip_infringement" || undefined}
                  className="mt-1"
                />
                <span>
                  <span className="block font-medium">{t(`type.${code}.label`)}</span>
                  <span className="block text-stone-700">{t(`type.${code}.explain`)}</span>
                  <span className="block text-xs text-stone-600">{t(`type.${code}.example`)}</span>
                </span>
              </label>
            ))}
          </div>
          <p id="dispute-form-needs" className="mt-3 text-sm text-amber-800" data-testid="needs">
            {t("form.needs", { facts: needs.join(t("itemSeparator")) })}
          </p>
          <FieldReason name="type" />
        </fieldset>

        <div className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4">
          <div className="flex flex-col gap-1">
            <Field label={t("form.titleLabel")}>
              <input name="title" required defaultValue={values.title} className={inputClass} aria-describedby="title-hint" />
            </Field>
            <span id="title-hint" className="text-xs text-stone-500">{t("form.titleHint")}</span>
          </div>
          <div className="flex flex-col gap-1">
            <Field label={t("form.description")}>
              <textarea name="description" rows={5} defaultValue={values.description} className={inputClass} aria-describedby="description-hint" />
            </Field>
            <span id="description-hint" className="text-xs text-stone-500">{t("form.descriptionHint")}</span>
          </div>
          <div className="flex flex-col gap-1">
            <Field label={t("form.amount", { currency })}>
              <input name="amountAtStake" inputMode="decimal" defaultValue={values.amountAtStake} placeholder="0.00" className={`${inputClass} w-48`} aria-describedby="amount-hint" />
            </Field>
            <span id="amount-hint" className="text-xs text-stone-500">{t("form.amountHint")}</span>
          </div>
        </div>

        <fieldset className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 md:grid-cols-2">
          <legend className="px-1 font-semibold">{t("form.links")}</legend>
          {/* Hidden, they are not sent either (disabled) once the page runs; before, the action leaves them out. */}
          <div className={ipOnly} data-testid="ip-only">
            <Field label={t("form.infringedRight")}>
              <input name="infringedRight" defaultValue={values.infringedRight} disabled={ipFieldsOff} className={inputClass} aria-describedby="right-hint" />
            </Field>
            <span id="right-hint" className="text-xs text-stone-500">{t("form.infringedRightHint")}</span>
          </div>
          <div className={ipOnly} data-testid="ip-only">
            <Field label={t("form.infringingListing")}>
              <input name="infringingListing" defaultValue={values.infringingListing} disabled={ipFieldsOff} className={inputClass} aria-describedby="listing-hint" />
            </Field>
            <span id="listing-hint" className="text-xs text-stone-500">{t("form.infringingListingHint")}</span>
          </div>
          <div className="flex flex-col gap-1">
            <Field label={t("form.counterpartyName")}>
              <input name="counterpartyName" defaultValue={values.counterpartyName} className={inputClass} />
            </Field>
          </div>
          <div className="flex flex-col gap-1">
            <Field label={t("form.counterpartyKind")}>
              <select name="counterpartyKind" defaultValue={values.counterpartyKind ?? "other"} className={inputClass}>
                {counterpartyKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`counterpartyKind.${kind}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {(["customerExternalId", "orderExternalId", "productExternalId", "returnExternalId"] as const).map((name) => (
            <div key={name} className="flex flex-col gap-1">
              <Field label={labels[name]!}>
                <input name={name} defaultValue={values[name]} className={inputClass} />
              </Field>
            </div>
          ))}
        </fieldset>

        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <div className="flex flex-col gap-1">
            <Field label={t("form.evidence")}>
              <input
                type="file"
                multiple
                accept="image/png,image/jpeg,image/webp,application/pdf,text/plain"
                onChange={(event) => setFiles([...(event.currentTarget.files ?? [])])}
                aria-describedby="evidence-hint"
                className={fileInputClass}
              />
            </Field>
            <span id="evidence-hint" className="text-xs text-stone-500">{t("form.evidenceHint", { max: maxEvidence })}</span>
          </div>
        </div>

        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" name="intent" value="submit" aria-disabled={pending || uploading !== null} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 aria-disabled:opacity-60">
            {t("form.submit")}
          </button>
          <button type="submit" name="intent" value="draft" aria-disabled={pending || uploading !== null} className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm hover:bg-stone-100 aria-disabled:opacity-60">
            {t("form.saveDraft")}
          </button>
          {uploading && <span className="text-sm text-stone-600">{uploading}</span>}
        </div>
      </FieldReasonScope>
      {state && !state.ok && (
        <RefusalAlert key={resultKey} refusal={state} {...refusal.alert} className="text-sm text-red-700" />
      )}
    </form>
  );
}
