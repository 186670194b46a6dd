import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { settleEndedFlashSales } from "@/lib/flash-sales/settle";
import { MAX_COUNT } from "@/lib/imports/limits";
import { assertMoneyWithinBound, formatMoney, withoutSeparators } from "@/lib/money";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import { parseAmountField } from "./member-price-field";
import { noSuchProduct } from "./member-prices";
import { memberPricesLeftOut, type MemberPriceLeftOut } from "./member-prices-left-out";
import { productPricesShown, type ProductPricesInput } from "./prices-shown";
import { productNameSchema } from "@/lib/validation/pricing";

// The owner's edit of a product's regular price, floor price and stock on the products page: a
// product an imported order brought in has the line's price, no floor and no stock, and a store
// without an ERP had no other way to set them. The API's upsert (POST /api/v1/products) is held
// to the same rules.

/** A save's answer: what was saved, and the member prices it left outside the new prices (no longer used). */
export type ProductPricesSaved = ProductPricesInput & { memberPricesLeftOut: Omit<MemberPriceLeftOut, "productId">[] };

/**
 * The products page's fields (regular price and floor in major units, the floor blank for none,
 * and stock) → what updateProductPrices takes. Every field it cannot read is refused at once, an
 * AggregateError of one AppError a field.
 */
export function readProductPricesForm(form: { price: string; floorPrice: string; stock: string }, currency: string): ProductPricesInput {
  const refusals: AppError[] = [];
  const read = <T>(field: () => T): T | undefined => {
    try {
      return field();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusals.push(error);
      return undefined;
    }
  };
  const price = read(() => {
    const minor = parseAmountField("price", form.price, currency);
    if (minor === null) {
      throw new AppError("invalid", "Give the regular price.", "pricing.errors.priceRequired", {}, [{ path: "price", message: "missing" }]);
    }
    return minor;
  });
  const floorPrice = read(() => parseAmountField("floorPrice", form.floorPrice, currency));
  const stock = read(() => {
    const text = withoutSeparators(form.stock.normalize("NFKC"));
    if (!/^\d{1,10}$/.test(text) || Number(text) > MAX_COUNT) throw stockRange();
    return Number(text);
  });
  if (refusals.length > 0) throw refusals.length === 1 ? refusals[0] : new AggregateError(refusals);
  return { price: price!, floorPrice: floorPrice ?? null, stock: stock! };
}

const stockRange = () =>
  new AppError("invalid", `The stock must be a whole number from 0 to ${MAX_COUNT}.`, "pricing.errors.stockRange", { max: MAX_COUNT }, [
    { path: "stock", message: `not a whole number from 0 to ${MAX_COUNT}` },
  ]);

/**
 * Sets a product's regular price, floor price and stock. Refused, saving nothing: a floor above
 * the regular price, a stock past the bound of counts, prices that would leave a flash sale not yet
 * over outside them (its price under the floor, or not under the regular price), and, with `seen`
 * (productPricesShown of what the form showed), prices or a stock changed meanwhile (another owner,
 * the API, a sale taking units): a save over them would put back what the page showed. Answers
 * the member prices the new prices leave out (memberPricesLeftOut), for the page to say.
 */
export async function updateProductPrices(
  ctx: StoreContext,
  productId: number,
  input: ProductPricesInput,
  options: { seen?: string; locale?: string } = {},
): Promise<ProductPricesSaved> {
  assertRole(ctx, "owner");
  const money = { currency: ctx.store.currency, locale: options.locale ?? "en" };
  const fmt = (minor: number) => formatMoney(minor, money.currency, money.locale);
  assertMoneyWithinBound(input.price, { path: "price", ...money });
  if (input.floorPrice !== null) assertMoneyWithinBound(input.floorPrice, { path: "floorPrice", ...money });
  if (!Number.isSafeInteger(input.stock) || input.stock < 0 || input.stock > MAX_COUNT) throw stockRange();
  if (input.floorPrice !== null && input.floorPrice > input.price) {
    throw new AppError(
      "invalid",
      `The floor price ${fmt(input.floorPrice)} is above the regular price ${fmt(input.price)}.`,
      "pricing.errors.floorAboveRegular",
      { floor: fmt(input.floorPrice), price: fmt(input.price) },
      [{ path: "floorPrice", message: `above the regular price ${fmt(input.price)}` }],
    );
  }
  return getDb().transaction(async (tx) => {
    // A sale that ended on its own gives its units back first: the stock shown counted them.
    await settleEndedFlashSales(tx, ctx.store.id, new Date());
    const { rows } = await tx.execute<{ price: number; floor_price: number | null; stock: number }>(sql`
      select price::float8 as price, floor_price::float8 as floor_price, stock
      from products where store_id = ${ctx.store.id} and id = ${productId} for no key update`);
    const current = rows[0];
    if (!current) throw noSuchProduct(String(productId));
    if (options.seen !== undefined && productPricesShown({ price: current.price, floorPrice: current.floor_price, stock: current.stock }) !== options.seen) {
      throw new AppError(
        "conflict",
        "This product's prices or stock were changed meanwhile (by another owner, the API or a flash sale); reload the page and make your change again.",
        "pricing.errors.productChangedMeanwhile",
      );
    }
    // After the lock: a sale made while this save waited for the product is seen.
    const { rows: sales } = await tx.execute<{ price: number }>(sql`
      select price::float8 as price from flash_sales
      where store_id = ${ctx.store.id} and product_id = ${productId} and cancelled_at is null and ends_at > now()
        and (price < ${input.floorPrice ?? 0} or price >= ${input.price})
      order by starts_at limit 1`);
    const sale = sales[0];
    if (sale) {
      throw new AppError(
        "conflict",
        `A flash sale of this product not yet over sells it at ${fmt(sale.price)}, which these prices would leave outside the floor and regular prices; end or cancel the sale first.`,
        "pricing.errors.pricesAroundSale",
        { price: fmt(sale.price) },
        [{ path: sale.price >= input.price ? "price" : "floorPrice", message: `leaves the flash sale's price ${fmt(sale.price)} outside` }],
      );
    }
    await tx.execute(sql`
      update products set price = ${input.price}, floor_price = ${input.floorPrice}, stock = ${input.stock}
      where store_id = ${ctx.store.id} and id = ${productId}`);
    const leftOut = await memberPricesLeftOut(tx, ctx.store.id, [
      { productId, before: { price: current.price, floorPrice: current.floor_price }, after: input },
    ]);
    return { ...input, memberPricesLeftOut: leftOut.map(({ productId: _, ...m }) => m) };
  });
}

/**
 * Renames a product: a product an imported order brought in is named by the line's productName,
 * or by its code when the line had none, for the owner to complete. The name is held to the
 * API's rules (productNameSchema). The API's upsert of the product (POST /api/v1/products, by its
 * external id) sets the name it sends, this one included: the store's system stays the source of
 * its products' names; orders imported later leave it. With `seen` (the name the page showed), a
 * name changed meanwhile (by the API or another owner) refuses the save, which would undo it.
 */
export async function renameProduct(
  ctx: StoreContext,
  productId: number,
  nameInput: string,
  options: { seen?: string } = {},
): Promise<{ externalId: string; name: string; changed: boolean }> {
  assertRole(ctx, "owner");
  // Parsed under its field name, so a refusal names the field.
  const { name } = z.object({ name: productNameSchema }).parse({ name: nameInput });
  return getDb().transaction(async (tx) => {
    const { rows } = await tx.execute<{ external_id: string; name: string }>(sql`
      select external_id, name from products where store_id = ${ctx.store.id} and id = ${productId} for no key update`);
    const current = rows[0];
    if (!current) throw noSuchProduct(String(productId));
    if (options.seen !== undefined && current.name !== options.seen) {
      throw new AppError(
        "conflict",
        `This product's name was changed meanwhile (by the API or another owner) to "${current.name}"; reload the page and rename it again if you still mean to.`,
        "pricing.errors.nameChangedMeanwhile",
        { name: current.name },
        [{ path: "name", message: "changed meanwhile" }],
      );
    }
    if (current.name === name) return { externalId: current.external_id, name, changed: false };
    await tx.execute(sql`update products set name = ${name} where store_id = ${ctx.store.id} and id = ${productId}`);
    return { externalId: current.external_id, name, changed: true };
  });
}
