"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { ActionForm } from "@/components/action-form";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";
import { formatMoney, toMajorUnits } from "@/lib/money";
import { productPricesShown, type ProductPricesInput } from "@/lib/pricing/prices-shown";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

/** What updateProductPrices answers of the member prices a save left outside the new prices. */
type Saved = { memberPricesLeftOut?: { tier: string; price: number; past: "regular" | "floor" }[] };

/**
 * The owner's editor of one product's regular price, floor price and stock: what an imported
 * order's new product lacks (its line's price, no floor, no stock). Sends what it showed, so a
 * save over a change made meanwhile is refused. A save that leaves member prices outside the new
 * prices names them: they stay stored, no longer used.
 */
export function ProductPricesForm({
  action,
  product,
  currency,
  tierLabels,
}: {
  action: Action;
  product: ProductPricesInput & { id: number; name: string };
  currency: string;
  tierLabels: Record<string, string>;
}) {
  const t = useTranslations("pricing.products");
  const format = useFormatter();
  const locale = useLocale();
  const major = (minor: number | null) => (minor === null ? "" : String(toMajorUnits(minor, currency)));
  const labels = { price: t("regularPrice"), floorPrice: t("floorPrice"), stock: t("stock") };
  const saved = (data: unknown) => {
    const leftOut = (data as Saved).memberPricesLeftOut ?? [];
    if (leftOut.length === 0) return t("productSaved");
    const prices = leftOut.map((m) => t("leftOutPrice", { tier: tierLabels[m.tier] ?? m.tier, price: formatMoney(m.price, currency, locale), past: m.past }));
    return t("productSavedLeftOut", { count: leftOut.length, prices: format.list(prices) });
  };
  const field = (name: keyof typeof labels, value: string, hint?: string) => (
    <label className="flex w-32 flex-col gap-1 text-sm">
      <span className="font-medium text-stone-700">{labels[name]}</span>
      <input
        name={name}
        defaultValue={value}
        placeholder={hint}
        aria-label={t("productFieldLabel", { field: labels[name], product: product.name })}
        className={`${inputClass} w-32`}
        inputMode={name === "stock" ? "numeric" : "decimal"}
      />
    </label>
  );
  return (
    <ActionForm action={action} submitLabel={t("saveProduct")} successMessage={saved} fieldLabels={labels} className="flex flex-wrap items-end gap-3 py-2">
      <input type="hidden" name="productId" value={product.id} />
      <input type="hidden" name="seen" value={productPricesShown(product)} />
      {field("price", major(product.price))}
      {field("floorPrice", major(product.floorPrice), t("noFloor"))}
      {field("stock", String(product.stock))}
    </ActionForm>
  );
}
