"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/action-form";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

/** The owner's editor of one product's member prices: per tier an amount, a percent off, or blank. */
export function MemberPriceForm({
  action,
  productId,
  productName,
  values,
  tierLabels,
}: {
  action: Action;
  productId: number;
  productName: string;
  values: Record<string, string>;
  tierLabels: Record<string, string>;
}) {
  const t = useTranslations("pricing.products");
  return (
    <ActionForm
      action={action}
      submitLabel={t("save")}
      successMessage={t("saved")}
      fieldLabels={tierLabels}
      className="flex flex-wrap items-end gap-3 py-2"
    >
      <input type="hidden" name="productId" value={productId} />
      {Object.entries(tierLabels).map(([tier, label]) => (
        <label key={tier} className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-stone-700">{label}</span>
          <input
            name={tier}
            defaultValue={values[tier] ?? ""}
            placeholder={t("placeholder")}
            aria-label={t("fieldLabel", { tier: label, product: productName })}
            className={`${inputClass} w-28`}
            inputMode="decimal"
          />
        </label>
      ))}
      <p className="basis-full text-xs text-stone-500">{t("formHelp")}</p>
    </ActionForm>
  );
}
