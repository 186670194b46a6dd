"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/action-form";
import type { ActionResult } from "@/lib/actions/store-action";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

/** Owners choose the staff to share the high-value customers without a rep, in one step. */
export function SpreadForm({ action, staff }: { action: Action; staff: { userId: number; label: string }[] }) {
  const t = useTranslations("care");
  return (
    <ActionForm
      action={action}
      submitLabel={t("spread")}
      successMessage={t("spreadDone")}
      fieldLabels={{ form: t("staff") }}
      className="mt-3 flex flex-wrap items-end gap-4"
    >
      {/* No staff ticked is a refusal of the whole form (its field is "form"): the group takes that
          name so it is marked and described by the reason as a field is, and can take the focus. */}
      <fieldset name="form" tabIndex={-1} className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-stone-700">{t("staff")}</legend>
        {staff.map((s) => (
          <label key={s.userId} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={`staff-${s.userId}`} defaultChecked />
            {s.label}
          </label>
        ))}
      </fieldset>
    </ActionForm>
  );
}
