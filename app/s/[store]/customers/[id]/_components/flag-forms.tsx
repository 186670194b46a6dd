"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/action-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

export function SetFlagForm({ action, customerId, available }: { action: Action; customerId: number; available: string[] }) {
  const t = useTranslations();
  if (available.length === 0) return null;
  return (
    <ActionForm
      action={action}
      submitLabel={t("customer.setFlag")}
      successMessage={t("customer.flagSet")}
      fieldLabels={{ flag: t("customer.flags"), reason: t("customer.reason") }}
      className="mt-3 flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="customerId" value={customerId} />
      <Field label={t("customer.flags")}>
        <select name="flag" className={inputClass}>
          {available.map((flag) => (
            <option key={flag} value={flag}>
              {t(`flags.${flag}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("customer.reason")}>
        <input name="reason" required minLength={2} maxLength={500} className={`${inputClass} w-72`} />
      </Field>
    </ActionForm>
  );
}

export function ClearFlagForm({ action, customerId, flag }: { action: Action; customerId: number; flag: string }) {
  const t = useTranslations();
  return (
    <ActionForm
      action={action}
      submitLabel={t("customer.clearFlag")}
      successMessage={t("customer.flagCleared")}
      fieldLabels={{ reason: t("customer.reason") }}
      className="flex flex-wrap items-end gap-2"
      buttonClassName="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100 disabled:opacity-60"
    >
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="flag" value={flag} />
      <Field label={t("customer.reason")}>
        <input name="reason" required minLength={2} maxLength={500} className={`${inputClass} w-60`} aria-label={`${t("customer.clearFlag")}: ${t(`flags.${flag}`)} — ${t("customer.reason")}`} />
      </Field>
    </ActionForm>
  );
}
