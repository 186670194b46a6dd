import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui/page-header";
import { phoneFold } from "@/components/ui/phone-fold";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { tiers } from "@/db/schema";
import { requireStore } from "@/lib/auth/session";
import { formatMoney, toMajorUnits } from "@/lib/money";
import { AppError } from "@/lib/errors";
import { listProductsWithPrices, type MemberPriceView } from "@/lib/pricing/member-prices";
import { memberPricesShown } from "@/lib/pricing/prices-shown";
import { withinPriceLimits, type PriceLimits } from "@/lib/pricing/price-guard";
import { productChoices } from "@/lib/pricing/product-choices";
import { firstValues } from "@/lib/validation/customers";
import { renameProductAction, saveMemberPricesAction, saveProductPricesAction } from "./actions";
import { MemberPriceForm } from "./_components/member-price-form";
import { ProductNameForm, RenameNotices } from "./_components/product-name-form";
import { ProductPricesForm } from "./_components/product-prices-form";
import { PriceLookup } from "./_components/price-lookup";

const PAGE_SIZE = 50;

export async function generateMetadata() {
  return { title: (await getTranslations("nav"))("products") };
}


// An editor's summary names its product: a long name with no spaces breaks anywhere rather than
// widening the table past a phone's box.
const editorSummary = "cursor-pointer text-sm text-brand-700 wrap-anywhere";
export default async function ProductsPage({
  params,
  searchParams,
}: {
  params: Promise<{ store: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireStore((await params).store);
  const query = firstValues(await searchParams);
  const q = query.q?.trim().slice(0, 100) || undefined;
  // Pages go by keyset (the cursor of a page's edge). A page number of an older link (?page=3)
  // is no position in it: such a link opens the first page.
  const cursor = query.cursor || undefined;
  const before = cursor ? undefined : query.before || undefined;
  const base = `/s/${ctx.store.slug}/products`;
  // A cursor this list did not give out (edited, cut short) opens the first page, and says so.
  const listed = listProductsWithPrices(ctx, { q, limit: PAGE_SIZE, cursor, before }).then(
    (list) => ({ list, badCursor: false }),
    async (error: unknown) => {
      if (!(error instanceof AppError) || (!cursor && !before)) throw error;
      return { list: await listProductsWithPrices(ctx, { q, limit: PAGE_SIZE }), badCursor: true };
    },
  );
  const [t, format, locale, { list, badCursor }, options] = await Promise.all([getTranslations(), getFormatter(), getLocale(), listed, productChoices(ctx, "")]);
  const paged = Boolean((cursor || before) && !badCursor);
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  const isOwner = ctx.role === "owner";
  const tierLabels = Object.fromEntries(tiers.map((tier) => [tier, t(`tiers.${tier}`)]));
  const cell = (m: MemberPriceView | undefined) =>
    m ? (m.percentOff !== null ? t("shell.parenthetical", { text: money(m.price), note: `−${m.percentOff}%` }) : money(m.price)) : "—";
  // The regular or floor price moved after this member price was set: it is kept, but not used.
  const unused = (m: MemberPriceView | undefined, limits: PriceLimits) => m !== undefined && !withinPriceLimits(m.price, limits);
  // A tier's price as its column shows it, struck through with a note where it is not used.
  const tierPrice = (m: MemberPriceView | undefined, limits: PriceLimits, noteClass: string) =>
    unused(m, limits) ? (
      <>
        <s className="text-stone-500">{cell(m)}</s>
        <span className={`text-xs text-amber-700 ${noteClass}`}>{t("pricing.products.notUsed")}</span>
      </>
    ) : (
      cell(m)
    );
  const formValue = (m: MemberPriceView | undefined) =>
    !m ? "" : m.percentOff !== null ? `${m.percentOff}%` : String(toMajorUnits(m.price, ctx.store.currency));
  const pageHref = (position: { cursor: string } | { before: string } | null) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), ...position })}`;
  const storeEmpty = list.total === 0 && !q;

  return (
    <>
      <PageHeader title={t("nav.products")} intro={t(isOwner ? "pricing.products.introOwner" : "pricing.products.introStaff")} />
      {storeEmpty ? (
        // Nothing to look up or search yet: the page says where products come from, and no more.
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600" data-testid="products-empty">
          {isOwner
            ? t.rich("pricing.products.emptyOwner", { imports: (chunks) => <Link href={`/s/${ctx.store.slug}/imports`} className="underline">{chunks}</Link> })
            : t("pricing.products.emptyStaff")}
        </p>
      ) : (
        <>
          <PriceLookup ctx={ctx} base={base} products={options} product={query.product} customer={query.customer} />

          <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-x-3 gap-y-2" role="search">
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium text-stone-700">{t("pricing.products.search")}</span>
              <input
                name="q"
                defaultValue={q ?? ""}
                placeholder={t("pricing.products.searchPlaceholder")}
                className="w-64 max-w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
              />
            </label>
            <button type="submit" className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm hover:bg-stone-100">
              {t("pricing.products.searchSubmit")}
            </button>
            {/* How many a search found (its pages say only how many pages), and the way back to every product. */}
            {q && list.products.length > 0 && (
              <p className="py-2 text-sm text-stone-600" data-testid="products-found">
                {t("pricing.products.found", { count: list.total, q })}
              </p>
            )}
            {q && (
              <Link href={base} className="py-2 text-sm underline">
                {t("pricing.products.showAll")}
              </Link>
            )}
          </form>
        </>
      )}

      {badCursor && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {t("errors.badCursor")}
        </p>
      )}
      {storeEmpty ? null : list.products.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600">
          {paged
            ? t.rich("app.pastLastPage", { first: (chunks) => <Link href={pageHref(null)} className="underline">{chunks}</Link> })
            : t("pricing.products.noMatch", { q: q ?? "" })}
        </p>
      ) : (
        <RenameNotices base={base}>
        <ScrollRegion className="@container rounded-lg border border-stone-200 bg-white" title={t("nav.products")}>
          <table className="w-full text-left text-sm" data-testid="products-table">
            <thead className="bg-stone-50 text-stone-500">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium break-keep">{t("pricing.products.product")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium break-keep">{t("pricing.products.regular")}</th>
                <th scope="col" className={`px-3 py-2 text-right font-medium break-keep ${phoneFold.column}`}>{t("pricing.products.floor")}</th>
                <th scope="col" className={`px-3 py-2 text-right font-medium break-keep ${phoneFold.column}`}>{t("pricing.products.stock")}</th>
                {tiers.map((tier) => (
                  <th key={tier} scope="col" className={`px-3 py-2 text-right font-medium break-keep ${phoneFold.column}`}>
                    {tierLabels[tier]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {list.products.map((p) => {
                const byTier = new Map(p.memberPrices.map((m) => [m.tier, m]));
                return [
                  <tr key={p.id} data-product={p.externalId}>
                    <th scope="row" className="min-w-32 max-w-64 px-3 py-2 font-normal wrap-anywhere">
                      <span className="font-medium">{p.name}</span>
                      <span className="block text-xs text-stone-500">{p.externalId}</span>
                      {/* On a phone the floor, the stock and the member prices stand here, each named, their
                          columns left out: nine columns took the member prices past the screen's edge, behind
                          a sideways scroll. The regular price keeps its column. */}
                      <span className={`mt-1 flex flex-wrap gap-x-3 text-xs text-stone-600 ${phoneFold.under}`} data-testid="product-folded">
                        {[
                          { key: "floor", label: t("pricing.products.floor"), value: p.floorPrice === null ? "—" : money(p.floorPrice) },
                          { key: "stock", label: t("pricing.products.stock"), value: format.number(p.stock) },
                          ...tiers.map((tier) => ({ key: tier, label: tierLabels[tier], value: tierPrice(byTier.get(tier), p, "block whitespace-normal") })),
                        ].map(({ key, label, value }) => (
                          <span key={key} className="whitespace-nowrap tabular-nums" data-folded={key}>
                            <span className="text-stone-500">{label}</span> {value}
                          </span>
                        ))}
                      </span>
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums max-sm:align-top max-sm:whitespace-nowrap">{money(p.price)}</td>
                    <td className={`px-3 py-2 text-right tabular-nums ${phoneFold.column}`}>{p.floorPrice === null ? "—" : money(p.floorPrice)}</td>
                    <td className={`px-3 py-2 text-right tabular-nums ${phoneFold.column}`}>{format.number(p.stock)}</td>
                    {tiers.map((tier) => (
                      <td key={tier} className={`px-3 py-2 text-right tabular-nums ${phoneFold.column}`} data-tier-price={tier}>
                        {tierPrice(byTier.get(tier), p, "block")}
                      </td>
                    ))}
                  </tr>,
                  isOwner && (
                    <tr key={`${p.id}-edit`} className="bg-stone-50/50">
                      <td colSpan={4 + tiers.length} className="px-3 py-1">
                        {/* As wide as the box shows, and held at its left: spanning the whole table, the form's
                            last fields and its save button sat past a phone's edge, reached only by scrolling. */}
                        <details className="sticky left-3 max-w-[calc(100cqw-1.5rem)]" data-testid="product-name-editor">
                          <summary className={editorSummary}>{t("pricing.products.rename", { product: p.name })}</summary>
                          <ProductNameForm action={renameProductAction.bind(null, ctx.store.slug)} product={{ id: p.id, externalId: p.externalId, name: p.name }} />
                        </details>
                        <details className="sticky left-3 max-w-[calc(100cqw-1.5rem)]" data-testid="product-prices-editor">
                          <summary className={editorSummary}>{t("pricing.products.editProduct", { product: p.name })}</summary>
                          <ProductPricesForm action={saveProductPricesAction.bind(null, ctx.store.slug)} product={{ id: p.id, name: p.name, price: p.price, floorPrice: p.floorPrice, stock: p.stock }} currency={ctx.store.currency} tierLabels={tierLabels} />
                        </details>
                        <details className="sticky left-3 max-w-[calc(100cqw-1.5rem)]" data-testid="member-price-editor">
                          <summary className={editorSummary}>
                            {t("pricing.products.edit", { product: p.name })}
                          </summary>
                          <MemberPriceForm
                            action={saveMemberPricesAction.bind(null, ctx.store.slug)}
                            productId={p.id}
                            productName={p.name}
                            tierLabels={tierLabels}
                            values={Object.fromEntries(tiers.map((tier) => [tier, formValue(byTier.get(tier))]))}
                            seen={memberPricesShown(p.memberPrices)}
                          />
                        </details>
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
        </ScrollRegion>
        </RenameNotices>
      )}
      {/* A search's count is said above, beside it; the whole list's here. */}
      {list.products.length > 0 && (!q || paged || list.nextCursor) && (
        <nav aria-label={t("pricing.products.pages")} className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm" data-testid="products-pager">
          {!q && <span className="text-stone-500">{t("pricing.products.total", { count: list.total })}</span>}
          {/* Not on a page read back to the start (its previous page's), which is the first. */}
          {list.previousCursor && (
            <Link href={pageHref(null)} className="underline">
              {t("pricing.products.first")}
            </Link>
          )}
          {list.previousCursor && (
            <Link href={pageHref({ before: list.previousCursor })} className="underline" rel="prev">
              {t("pricing.products.previous")}
            </Link>
          )}
          {list.nextCursor && (
            <Link href={pageHref({ cursor: list.nextCursor })} className="underline" rel="next">
              {t("pricing.products.next")}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
