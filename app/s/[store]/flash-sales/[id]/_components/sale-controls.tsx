"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/action-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

/** What an owner may still do to a sale that has opened: raise its quantity or end it now. */
export function OpenSaleControls({ saleId, quantity, raise, end }: { saleId: number; quantity: number; raise: Action; end: Action }) {
  const t = useTranslations("flashSales");
  return (
    <div className="space-y-4">
      <p className="text-sm text-stone-600">{t("startedNote")}</p>
      <ActionForm action={raise} submitLabel={t("raiseQuantity")} successMessage={t("saved")} fieldLabels={{ quantity: t("newQuantity") }} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="saleId" value={saleId} />
        <Field label={t("newQuantity")}>
          {/* Only a higher number is taken (the same one is refused: quantityNotRaised, said under the field); `min` starts the spinner there. */}
          <input name="quantity" type="number" required min={quantity + 1} step={1} defaultValue={quantity} className={`${inputClass} w-32`} />
        </Field>
      </ActionForm>
      <ActionForm
        action={end}
        submitLabel={t("endNow")}
        confirm={t("endNowConfirm")}
        className="flex flex-wrap items-end gap-3"
        buttonClassName="rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 aria-disabled:opacity-60"
      >
        <input type="hidden" name="saleId" value={saleId} />
      </ActionForm>
    </div>
  );
}

export function CancelSaleButton({ saleId, cancel }: { saleId: number; cancel: Action }) {
  const t = useTranslations("flashSales");
  return (
    <ActionForm
      action={cancel}
      submitLabel={t("cancelSale")}
      confirm={t("cancelConfirm")}
      className="flex flex-wrap items-end gap-3"
      buttonClassName="rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 aria-disabled:opacity-60"
    >
      <input type="hidden" name="saleId" value={saleId} />
    </ActionForm>
  );
}
