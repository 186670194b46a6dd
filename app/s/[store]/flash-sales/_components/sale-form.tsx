"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { RefusalAlert, SuccessStatus, useFormRefusal } from "@/components/action-form";
import { FieldReasonScope } from "@/components/field-reason";
import { useActionForm } from "@/components/use-action-form";
import { tiers } from "@/db/schema/scoring";
import { Field, inputClass } from "@/components/ui/field";
import { ProductPicker } from "@/components/ui/product-picker";
import type { ActionResult } from "@/lib/actions/store-action";
import type { ProductPickerChoice } from "@/lib/pricing/product-choices";
import { RepeatedTimeChoice } from "@/components/ui/repeated-time-choice";
import type { Occurrence } from "@/lib/store-time";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult<{ id: number }>>;

export interface SaleFormValues {
  saleId?: number;
  /** Editing: the sale's last change as this page shows it (ISO), so that a save made meanwhile is not undone. */
  seen?: string;
  price: string;
  quantity: number;
  perCustomerLimit: number;
  startsAt: string;
  endsAt: string;
  /** Editing a sale whose start or end the store's clock shows twice: which of the two it is. */
  startsAtOccurrence?: Occurrence;
  endsAtOccurrence?: Occurrence;
  earlyAccessTier: string;
  earlyAccessMinutes: string;
}

/** Create or edit (before it opens) a flash sale; times are the store's wall-clock times. */
export function SaleForm({
  action,
  productPicker,
  values,
  saleHrefBase,
  zone,
}: {
  action: Action;
  /** Creating: the store whose products the product field offers (a sale's product never changes). */
  productPicker?: { storeSlug: string; initialChoices: ProductPickerChoice[] };
  values: SaleFormValues;
  /** Where to go after saving: `${saleHrefBase}/${id}`. */
  saleHrefBase: string;
  zone: string;
}) {
  const t = useTranslations("flashSales");
  const tt = useTranslations();
  const router = useRouter();
  const editing = values.saleId !== undefined;
  const { state, pending, resultKey, formProps } = useActionForm<ActionResult<{ id: number }>>(action, { successMessage: editing ? t("saved") : undefined });
  useEffect(() => {
    if (state?.ok) {
      if (editing) router.refresh();
      else router.push(`${saleHrefBase}/${state.data.id}`);
    }
  }, [state, editing, router, saleHrefBase]);
  // The times as typed, to ask which one is meant where the store's clock shows one twice.
  // A reset (after a save) puts the inputs back to the page's values; so does a page that shows new ones.
  const shown = { startsAt: values.startsAt, endsAt: values.endsAt };
  const [times, setTimes] = useState(shown);
  const [lastShown, setLastShown] = useState(shown);
  if (lastShown.startsAt !== shown.startsAt || lastShown.endsAt !== shown.endsAt) {
    setLastShown(shown);
    setTimes(shown);
  }
  const typed = (field: "startsAt" | "endsAt") => (event: React.ChangeEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value;
    setTimes((before) => ({ ...before, [field]: text }));
  };
  const labels: Record<string, string> = {
    productExternalId: t("product"),
    price: t("priceLabel"),
    quantity: t("quantity"),
    perCustomerLimit: t("perCustomerLimit"),
    startsAt: t("startsAt", { zone }),
    startsAtOccurrence: t("startsAtOccurrence"),
    endsAt: t("endsAt", { zone }),
    endsAtOccurrence: t("endsAtOccurrence"),
    earlyAccessTier: t("earlyAccessTier"),
    earlyAccessMinutes: t("earlyAccessMinutes"),
  };

  // Each reason under its field (the labels are in the form's order).
  const refusal = useFormRefusal(formProps.ref, state, labels);

  return (
    <form {...formProps} onReset={() => setTimes(shown)} className="grid max-w-3xl gap-4 sm:grid-cols-2" aria-label={editing ? t("editTitle") : t("newTitle")}>
      <FieldReasonScope value={refusal.scope}>
        {editing && <input type="hidden" name="saleId" value={values.saleId} />}
        {editing && values.seen && <input type="hidden" name="seen" value={values.seen} />}
        {productPicker && (
          <div className="pb-3 sm:col-span-2">
            <Field label={labels.productExternalId!}>
              <ProductPicker
                name="productExternalId"
                storeSlug={productPicker.storeSlug}
                initialChoices={productPicker.initialChoices}
                placeholder={t("chooseProduct")}
              />
            </Field>
          </div>
        )}
        <div className="flex flex-col gap-1">
          <Field label={labels.price!}>
            <input name="price" required inputMode="decimal" defaultValue={values.price} className={inputClass} />
          </Field>
        </div>
        {(["quantity", "perCustomerLimit"] as const).map((name) => (
          <div key={name} className="flex flex-col gap-1">
            <Field label={labels[name]!}>
              <input name={name} type="number" required min={1} step={1} defaultValue={values[name]} className={inputClass} />
            </Field>
          </div>
        ))}
        {/* Keeps the times on a row of their own beside each other; a phone's one column needs no blank row. */}
        <div className="hidden sm:block" aria-hidden="true" />
        {(["startsAt", "endsAt"] as const).map((field) => (
          <div key={field} className="flex flex-col gap-2">
            <Field label={labels[field]!}>
              <input name={field} type="datetime-local" required defaultValue={values[field]} onChange={typed(field)} className={inputClass} />
            </Field>
            <RepeatedTimeChoice
              field={field}
              fieldLabel={t(field === "startsAt" ? "starts" : "ends")}
              text={times[field]}
              zone={zone}
              chosen={values[`${field}Occurrence`]}
            />
          </div>
        ))}
        <fieldset className="grid gap-4 rounded-md border border-stone-200 p-3 sm:col-span-2 sm:grid-cols-2">
          <legend className="px-1 text-sm font-medium text-stone-700">{t("earlyAccess")}</legend>
          <p className="text-xs text-stone-500 sm:col-span-2">{t("earlyAccessHelp")}</p>
          <div className="flex flex-col gap-1">
            <Field label={labels.earlyAccessTier!}>
              {/* Keyed by the tier saved: React sets a select's defaultValue once, so the reset after a
                  save put back the tier the page opened with, and the next save quietly restored it. */}
              <select key={values.earlyAccessTier} name="earlyAccessTier" defaultValue={values.earlyAccessTier} className={inputClass}>
                <option value="">{t("noEarlyAccess")}</option>
                {tiers
                  .filter((tier) => tier !== "ordinary")
                  .map((tier) => (
                    <option key={tier} value={tier}>
                      {t("tierAndAbove", { tier: tt(`tiers.${tier}`) })}
                    </option>
                  ))}
              </select>
            </Field>
          </div>
          <div className="flex flex-col gap-1">
            <Field label={labels.earlyAccessMinutes!}>
              <input name="earlyAccessMinutes" type="number" min={1} max={10080} step={1} defaultValue={values.earlyAccessMinutes} className={inputClass} />
            </Field>
          </div>
        </fieldset>
        <div className="sm:col-span-2">
          <button
            type="submit"
            aria-disabled={pending}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 aria-disabled:opacity-60"
          >
            {editing ? t("save") : t("create")}
          </button>
        </div>
      </FieldReasonScope>
      {state && !state.ok && (
        <RefusalAlert key={resultKey} refusal={state} {...refusal.alert} className="text-sm text-red-700 sm:col-span-2" testId="sale-form-error" />
      )}
      {state?.ok && editing && (
        <SuccessStatus className="text-sm text-green-700 sm:col-span-2">{t("saved")}</SuccessStatus>
      )}
    </form>
  );
}
