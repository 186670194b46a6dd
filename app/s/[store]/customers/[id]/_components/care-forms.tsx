"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/action-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

/** Owners give the customer a rep, or hand them to another one. */
export function AssignRepForm({
  action,
  customerId,
  staff,
  currentUserId,
}: {
  action: Action;
  customerId: number;
  staff: { userId: number; label: string }[];
  currentUserId: number | null;
}) {
  const t = useTranslations("care");
  return (
    <ActionForm
      action={action}
      submitLabel={currentUserId === null ? t("assign") : t("reassign")}
      successMessage={t("assigned")}
      fieldLabels={{ userId: t("chooseRep") }}
      className="mt-3 flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="customerId" value={customerId} />
      <Field label={t("chooseRep")}>
        <select name="userId" defaultValue={currentUserId ?? undefined} className={inputClass} data-testid="rep-select">
          {staff.map((s) => (
            <option key={s.userId} value={s.userId}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>
    </ActionForm>
  );
}

export function UnassignRepForm({ action, customerId }: { action: Action; customerId: number }) {
  const t = useTranslations("care");
  return (
    <ActionForm
      action={action}
      submitLabel={t("unassign")}
      successMessage={t("unassigned")}
      confirm={t("unassignConfirm")}
      className="mt-3 flex flex-wrap items-end gap-3"
      buttonClassName="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100 aria-disabled:opacity-60"
    >
      <input type="hidden" name="customerId" value={customerId} />
    </ActionForm>
  );
}
