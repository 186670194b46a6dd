import "server-only";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { formatMoney } from "@/lib/money";
import type { StoreContext } from "@/lib/stores/context";
import { searchProducts } from "./product-options";

/**
 * One choice of a product picker: the product's external id (what the forms submit), its name
 * (what the field shows once chosen), its price in the store's currency and stock (what its
 * option shows beside them), and the line naming it all under the field once chosen.
 */
export interface ProductPickerChoice {
  value: string;
  name: string;
  price: string;
  stock: number;
  label: string;
}

/** The products matching `q` for a picker, each with its price, floor price and stock. */
export async function productChoices(ctx: StoreContext, q: string): Promise<ProductPickerChoice[]> {
  const [t, locale, found] = await Promise.all([getTranslations("pricing"), getLocale(), searchProducts(ctx, q)]);
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  return found.map((p) => ({
    value: p.externalId,
    name: p.name,
    price: money(p.price),
    stock: p.stock,
    label: t("productChoice", {
      name: p.name,
      price: money(p.price),
      floor: p.floorPrice === null ? "—" : money(p.floorPrice),
      stock: p.stock,
    }),
  }));
}
