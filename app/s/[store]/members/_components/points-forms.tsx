"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/action-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

export function RedeemForm({ action, customerId, redeemHelp }: { action: Action; customerId: number; redeemHelp: string }) {
  const t = useTranslations("pricing.points");
  return (
    <ActionForm
      action={action}
      submitLabel={t("redeem")}
      successMessage={t("redeemed")}
      fieldLabels={{ points: t("pointsToRedeem") }}
      className="mt-3 flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="customerId" value={customerId} />
      <Field label={t("pointsToRedeem")}>
        <input name="points" type="number" min={1} required className={`${inputClass} w-28`} />
      </Field>
      <p className="basis-full text-xs text-stone-500">{redeemHelp}</p>
    </ActionForm>
  );
}

export function AdjustForm({ action, customerId }: { action: Action; customerId: number }) {
  const t = useTranslations("pricing.points");
  return (
    <ActionForm
      action={action}
      submitLabel={t("adjust")}
      successMessage={t("adjusted")}
      fieldLabels={{ points: t("adjustPoints"), reason: t("reason") }}
      className="mt-3 flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="customerId" value={customerId} />
      <Field label={t("adjustPoints")}>
        <input name="points" type="number" required className={`${inputClass} w-28`} />
      </Field>
      <Field label={t("reason")}>
        <input name="reason" required minLength={2} className={`${inputClass} w-64`} />
      </Field>
    </ActionForm>
  );
}
