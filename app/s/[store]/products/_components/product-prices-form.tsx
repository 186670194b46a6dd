import { ActionForm } from "@/components/action-form";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";
import { toMajorUnits } from "@/lib/money";
import { productPricesShown, type ProductPricesInput } from "@/lib/pricing/product-edit";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

/**
 * The owner's editor of one product's regular price, floor price and stock: what an imported
 * order's new product lacks (its line's price, no floor, no stock). Sends what it showed, so a
 * save over a change made meanwhile is refused.
 */
export function ProductPricesForm({
  action,
  product,
  currency,
  t,
}: {
  action: Action;
  product: ProductPricesInput & { id: number; name: string };
  currency: string;
  /** The page's translator, at pricing.products. */
  t: (key: string, values?: Record<string, string>) => string;
}) {
  const major = (minor: number | null) => (minor === null ? "" : String(toMajorUnits(minor, currency)));
  const labels = { price: t("regularPrice"), floorPrice: t("floorPrice"), stock: t("stock") };
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
    <ActionForm
      action={action}
      submitLabel={t("saveProduct")}
      successMessage={t("productSaved")}
      fieldLabels={labels}
      className="flex flex-wrap items-end gap-3 py-2"
    >
      <input type="hidden" name="productId" value={product.id} />
      <input type="hidden" name="seen" value={productPricesShown(product)} />
      {field("price", major(product.price))}
      {field("floorPrice", major(product.floorPrice), t("noFloor"))}
      {field("stock", String(product.stock))}
    </ActionForm>
  );
}
