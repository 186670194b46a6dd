"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/action-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";
import { seenValue } from "@/lib/validation/seen";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

export function PartyForm({
  action,
  party,
  values,
}: {
  action: Action;
  party: string;
  values: { name: string; contact: string; notes: string; updatedAt: Date | null };
}) {
  const t = useTranslations("disputes");
  const title = t(`partyTitle.${party}`);
  // Each field named with its party in one phrase ("平台联系方式"): the directory has a form per party.
  const labels = {
    name: t("parties.nameOf", { party: title }),
    contact: t("parties.contactOf", { party: title }),
    notes: t("parties.notesOf", { party: title }),
  };
  return (
    <ActionForm
      action={action}
      submitLabel={t("parties.save")}
      successMessage={t("parties.saved")}
      fieldLabels={labels}
      className="flex flex-wrap items-end gap-2"
      buttonClassName="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100"
    >
      <input type="hidden" name="party" value={party} />
      <input type="hidden" name="seen" value={seenValue(values.updatedAt)} />
      <Field label={labels.name}>
        <input name="name" defaultValue={values.name} placeholder={t("parties.namePlaceholder", { party: title })} className={`${inputClass} w-56`} />
      </Field>
      {/* A contact is often an address, a phone and an e-mail: lines, as the server keeps them. */}
      <Field label={labels.contact}>
        <textarea name="contact" rows={2} defaultValue={values.contact} className={`${inputClass} w-56`} />
      </Field>
      <Field label={labels.notes}>
        <textarea name="notes" rows={2} defaultValue={values.notes} className={`${inputClass} w-72`} />
      </Field>
    </ActionForm>
  );
}

/** `seen`: when the threshold shown was saved (null: never); setLegalThreshold refuses a later one. */
export function ThresholdForm({ action, value, currency, seen }: { action: Action; value: string; currency: string; seen: Date | null }) {
  const t = useTranslations("disputes");
  const label = t("parties.threshold", { currency });
  return (
    <ActionForm
      action={action}
      submitLabel={t("parties.save")}
      successMessage={t("parties.saved")}
      fieldLabels={{ legalThreshold: label }}
      className="flex flex-wrap items-end gap-2"
    >
      <input type="hidden" name="seen" value={seenValue(seen)} />
      <Field label={label}>
        <input name="legalThreshold" required inputMode="decimal" defaultValue={value} className={`${inputClass} w-48`} />
      </Field>
    </ActionForm>
  );
}
