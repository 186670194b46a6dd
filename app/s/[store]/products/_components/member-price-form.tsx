"use client";

import { useTranslations } from "next-intl";
import { RefusalAlert, refusalView, SuccessStatus, useRefusedFields } from "@/components/action-form";
import { inputClass } from "@/components/ui/field";
import { useActionForm } from "@/components/use-action-form";
import type { ActionResult } from "@/lib/actions/store-action";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

/**
 * The owner's editor of one product's member prices: per tier an amount, a percent off, or blank.
 * A save refuses every tier it cannot take at once; each reason is shown under its own field, so
 * five refusals read as five fields to fix, not a list to match up with them.
 */
export function MemberPriceForm({
  action,
  productId,
  productName,
  values,
  seen,
  tierLabels,
}: {
  action: Action;
  productId: number;
  productName: string;
  values: Record<string, string>;
  /** The prices shown, as the server words them (memberPricesShown): one changed meanwhile refuses the save. */
  seen: string;
  tierLabels: Record<string, string>;
}) {
  const t = useTranslations("pricing.products");
  const { state, pending, resultKey, formProps } = useActionForm(action, { successMessage: t("saved") });
  const { idPrefix } = useRefusedFields(formProps.ref, state);
  const inline = new Set(Object.keys(tierLabels));
  const beside = state && !state.ok ? refusalView(state, tierLabels, idPrefix, inline).beside : {};
  return (
    <form {...formProps} className="flex flex-wrap items-start gap-3 py-2">
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="seen" value={seen} />
      {Object.entries(tierLabels).map(([tier, label]) => (
        <div key={tier} className="flex w-28 flex-col gap-1 text-sm">
          <label className="flex flex-col gap-1">
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
          {beside[tier] && (
            <span id={beside[tier].id} className="text-xs text-red-700" data-testid={`price-refusal-${tier}`}>
              {beside[tier].text}
            </span>
          )}
        </div>
      ))}
      {/* Aligned with the inputs, below their labels. */}
      <button
        type="submit"
        aria-disabled={pending}
        className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 aria-disabled:opacity-60"
      >
        {t("save")}
      </button>
      <p className="basis-full text-xs text-stone-500">{t("formHelp")}</p>
      {state && !state.ok && (
        <RefusalAlert key={resultKey} refusal={state} labels={tierLabels} idPrefix={idPrefix} inline={inline} className="basis-full text-sm text-red-700" />
      )}
      {state?.ok && <SuccessStatus className="basis-full text-sm text-green-700">{t("saved")}</SuccessStatus>}
    </form>
  );
}
