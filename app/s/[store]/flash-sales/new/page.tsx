import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { getTranslations } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireStore } from "@/lib/auth/session";
import { suggestedSaleStart } from "@/lib/flash-sales/times";
import { toStoreInputValue } from "@/lib/store-time";
import { productChoices } from "@/lib/pricing/product-choices";
import { createSaleAction } from "../actions";
import { SaleForm } from "../_components/sale-form";

export async function generateMetadata() {
  return { title: (await getTranslations("flashSales"))("newTitle") };
}

export default async function NewFlashSalePage({ params }: { params: Promise<{ store: string }> }) {
  const ctx = await requireStore((await params).store, "owner");
  const [products, t] = await Promise.all([productChoices(ctx, ""), getTranslations()]);
  const base = `/s/${ctx.store.slug}/flash-sales`;
  const tz = ctx.store.timezone;
  // A sensible first guess: tomorrow at the next whole hour, for two hours.
  const start = suggestedSaleStart(new Date(), tz);
  return (
    <>
      <BackLink href={base}>{t("flashSales.back")}</BackLink>
      <div className="mt-3">
        <PageHeader title={t("flashSales.newTitle")} intro={t("flashSales.rulesIntro")} />
      </div>
      {products.length === 0 ? (
        // Not a dead end: the imports page is one click away.
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600" data-testid="no-products">
          {t.rich("flashSales.noProducts", { link: (chunks) => <Link href={`/s/${ctx.store.slug}/imports`} className="text-brand-600 underline">{chunks}</Link> })}
        </p>
      ) : (
        <SaleForm
          action={createSaleAction.bind(null, ctx.store.slug)}
          saleHrefBase={base}
          zone={tz}
          productPicker={{ storeSlug: ctx.store.slug, initialChoices: products }}
          values={{
            price: "",
            quantity: 10,
            perCustomerLimit: 1,
            startsAt: toStoreInputValue(start, tz),
            endsAt: toStoreInputValue(new Date(start.getTime() + 2 * 3_600_000), tz),
            earlyAccessTier: "",
            earlyAccessMinutes: "",
          }}
        />
      )}
    </>
  );
}
