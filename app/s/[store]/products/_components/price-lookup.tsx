import { getLocale, getTranslations } from "@/lib/i18n/server";
import { FocusOnArrival } from "@/components/focus-on-arrival";
import { Field, inputClass } from "@/components/ui/field";
import { ProductPicker } from "@/components/ui/product-picker";
import { TierBadge } from "@/components/ui/tier-badge";
import { AppError } from "@/lib/errors";
import { storeErrorText } from "@/lib/i18n/error-text";
import { formatMoney } from "@/lib/money";
import { lookUpPrice } from "@/lib/pricing/lookup";
import type { ProductPickerChoice } from "@/lib/pricing/product-choices";
import type { StoreContext } from "@/lib/stores/context";
import { PriceReasons } from "./price-reasons";

/** "A customer's price": a plain GET form, so the answer has its own URL and works without script. */
export async function PriceLookup({
  ctx,
  base,
  products,
  product,
  customer,
}: {
  ctx: StoreContext;
  base: string;
  products: ProductPickerChoice[];
  product?: string;
  customer?: string;
}) {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  let result: Awaited<ReturnType<typeof lookUpPrice>> | null = null;
  let error: string | null = null;
  if (product) {
    try {
      result = await lookUpPrice(ctx, { product: { externalId: product }, customer: customer || null, locale });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      error = await storeErrorText(e, ctx.store.timezone);
    }
  }
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  return (
    <section className="mb-6 rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="price-lookup">
      <h2 id="price-lookup" className="font-semibold">
        {t("pricing.lookup.title")}
      </h2>
      <p className="mt-1 text-sm text-stone-500">{t("pricing.lookup.intro")}</p>
      <form method="get" action={base} className="mt-3 flex flex-wrap items-end gap-3 pb-3">
        <Field label={t("pricing.lookup.product")}>
          <ProductPicker
            name="product"
            storeSlug={ctx.store.slug}
            initialChoices={products}
            defaultValue={product}
            placeholder={t("pricing.lookup.chooseProduct")}
            width="w-64"
          />
        </Field>
        <Field label={t("pricing.lookup.customer")}>
          <input name="customer" defaultValue={customer ?? ""} placeholder={t("pricing.lookup.customerPlaceholder")} className={`${inputClass} w-56`} />
        </Field>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t("pricing.lookup.submit")}
        </button>
      </form>
      {/* The answer arrives as a new page: the keyboard and the screen reader are taken to it. */}
      {(error || result) && <FocusOnArrival targetId="price-answer" />}
      {error && (
        <p role="alert" id="price-answer" tabIndex={-1} className="mt-3 text-sm text-red-700">
          {error}
        </p>
      )}
      {result && (
        <div id="price-answer" tabIndex={-1} className="mt-4 rounded-md bg-stone-50 p-3" data-testid="price-result">
          <p className="flex flex-wrap items-center gap-2">
            <span className="text-sm text-stone-600">
              {result.product.name} ·{" "}
              {result.customer ? result.customer.name || result.customer.externalId : t("pricing.lookup.anyCustomer")}
            </span>
            <TierBadge tier={result.tier} label={t(`tiers.${result.tier}`)} />
          </p>
          <p className="mt-1 text-xl font-semibold tabular-nums" data-testid="price-winner">
            {money(result.price)} <span className="text-sm font-normal text-stone-600">{t(`pricing.source.${result.source}`)}</span>
          </p>
          <div className="mt-2">
            <PriceReasons reasons={result.reasons} timeZone={ctx.store.timezone} testId="price-reasons" />
          </div>
        </div>
      )}
    </section>
  );
}
