import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { badCursor, cursorPair, encodeCursor } from "@/lib/customers/cursor";
import { memberPrices, products, tiers, type Tier } from "@/db/schema";
import { AppError, AppErrors } from "@/lib/errors";
import { assertMoneyWithinBound } from "@/lib/money";
import { settleEndedFlashSales } from "@/lib/flash-sales/settle";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import type { MemberPriceInput } from "@/lib/validation/pricing";
import { memberPricesShown } from "./prices-shown";
import { productSearch } from "./product-search";
import { assertPriceWithinLimits, priceFromPercentOff, type MoneyContext, type PriceLimits } from "./price-guard";
import type { ProductChoice } from "./product-options";
import { forbiddenCharacter } from "@/lib/validation/forbidden-characters";
import { longerThan, normalizeExternalId } from "@/lib/validation/text";

// 会员专享价: per product, a fixed price or a whole percent off per tier, each checked by the guard.

export interface MemberPriceView {
  tier: Tier;
  /** The fixed price, or null for a percent off. */
  fixedPrice: number | null;
  percentOff: number | null;
  /** What the customer pays, in minor units, at today's regular price. */
  price: number;
}

export type ProductPricesView = ProductChoice & { memberPrices: MemberPriceView[] };

export const noSuchProduct = (key: string) =>
  new AppError("not_found", `No product "${key}" in this store.`, "pricing.errors.noSuchProduct", { key });

/** The member price a stored row stands for at the product's current regular price. */
export function resolveMemberPrice(regular: number, row: { price: number | null; percentOff: number | null }): number {
  return row.price ?? priceFromPercentOff(regular, row.percentOff!);
}

/** A product's row with its member prices (productPriceColumns), before productPricesView. */
type ProductPricesRow = {
  id: number;
  external_id: string;
  name: string;
  price: number;
  floor_price: number | null;
  stock: number;
  member_prices: { tier: Tier; price: number | null; percent_off: number | null }[] | null;
};

/** The columns of ProductPricesRow, of the products row `p`. */
const productPriceColumns = sql`
  p.id::int as id, p.external_id, p.name, p.price::float8 as price, p.floor_price::float8 as floor_price, p.stock,
  (select json_agg(json_build_object('tier', mp.tier, 'price', mp.price, 'percent_off', mp.percent_off) order by mp.tier)
     from member_prices mp where mp.store_id = p.store_id and mp.product_id = p.id) as member_prices`;

function productPricesView(r: ProductPricesRow): ProductPricesView {
  return {
    id: r.id,
    externalId: r.external_id,
    name: r.name,
    price: r.price,
    floorPrice: r.floor_price,
    stock: r.stock,
    memberPrices: (r.member_prices ?? []).map((m) => {
      const stored = { price: m.price === null ? null : Number(m.price), percentOff: m.percent_off };
      return { tier: m.tier, fixedPrice: stored.price, percentOff: m.percent_off, price: resolveMemberPrice(r.price, stored) };
    }),
  };
}

/** One page of the products table (listProductsWithPrices). */
export interface ProductPricesPage {
  products: ProductPricesView[];
  /** The store's products, or a search's matches. */
  total: number;
  /** Pass back as `cursor` for the page after this one; null on the last page. */
  nextCursor: string | null;
  /** Pass back as `before` for the page before this one; null on the first page. */
  previousCursor: string | null;
}

/**
 * Products with their member prices: one page of the products table by name, searchable by name
 * or id, the product whose external id is exactly the search first (as a picker puts it): a code
 * typed whole named one product, which sorted by name could sit anywhere among those containing
 * it. Paged by keyset on (name, id), walking the (store_id, name, id) index from the page's edge:
 * pass `nextCursor` back as `cursor` for the next page, `previousCursor` as `before` for the one
 * before. An offset made a deep page read and throw away every product before it. A cursor this
 * list did not give out is refused (badCursor).
 */
export async function listProductsWithPrices(
  ctx: StoreContext,
  options: { q?: string; limit?: number; cursor?: string; before?: string } = {},
): Promise<ProductPricesPage> {
  const q = options.q?.trim() ?? "";
  const limit = options.limit ?? 50;
  const keyset = options.before ?? options.cursor;
  const edge = keyset === undefined ? null : decodeProductCursor(keyset);
  const backwards = options.before !== undefined;
  const filter = q ? sql`and ${await productSearch(ctx.store.id, q)}` : sql``;
  // The stock shown counts the units of sales that ended on their own as back.
  await settleEndedFlashSales(getDb(), ctx.store.id, new Date());
  // The exact code is the first page's first row; the pages after it (or before another's edge)
  // leave it out, and go by name alone.
  const after = edge
    ? sql`and (p.name, p.id) ${backwards ? sql`<` : sql`>`} (${edge[0]}, ${edge[1]}) ${q ? sql`and p.external_id <> ${q}` : sql``}`
    : sql``;
  const direction = backwards ? sql`desc` : sql`asc`;
  const order = q && !edge ? sql`p.external_id = ${q} desc, p.name, p.id` : sql`p.name ${direction}, p.id ${direction}`;
  // A page reads its rows through the (store_id, name, id) index, and only they are priced. The
  // total is counted in its own statement (a count over the window made every row be read,
  // sorted and priced on each load), but for a search's first page, which reads its matches once
  // (the exact code's sort key has no index), counting them as it goes.
  const countedInPage = q !== "" && !edge;
  const [{ rows }, counted] = await Promise.all([
    getDb().execute<ProductPricesRow & { total: number | null }>(sql`
      select ${productPriceColumns}, p.total
      from (select p.*, ${countedInPage ? sql`count(*) over ()::int` : sql`null::int`} as total
            from products p
            where p.store_id = ${ctx.store.id} ${filter} ${after}
            order by ${order}
            limit ${limit + 1}) p
      order by ${order}`),
    countedInPage ? null : getDb().execute<{ total: number }>(sql`select count(*)::int as total from products p where p.store_id = ${ctx.store.id} ${filter}`),
  ]);
  const more = rows.length > limit;
  // Read backwards to the start, the page before is the first page, the exact code and all.
  if (backwards && !more) return listProductsWithPrices(ctx, { q, limit });
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  // The exact code last on a page (a page of one) is followed by every other match from the
  // start: its name is no edge, and ("", 0) comes before any product's (a name is never empty).
  const position = (row: ProductPricesRow | undefined) =>
    !row ? null : q && !edge && row.external_id === q ? encodeCursor("", 0) : encodeCursor(row.name, row.id);
  return {
    total: (counted ? counted.rows[0]?.total : rows[0]?.total) ?? 0,
    products: page.map(productPricesView),
    // Backwards, the rows after this page are the ones the cursor came from; forwards, a cursor
    // means rows came before.
    nextCursor: backwards || more ? position(page.at(-1)) : null,
    previousCursor: backwards || edge ? position(page.at(0)) : null,
  };
}

/**
 * GET /api/v1/products: the store's products with their member prices, by external id, `limit`
 * at a time after the product of `cursor` (keyset on the (store_id, external_id) key, which
 * alone orders them; no OFFSET), those whose name or external id contains `q` when given. A cursor this list did not
 * give out is refused (badCursor).
 */
export async function listProductsPage(
  ctx: StoreContext,
  options: { q?: string; limit: number; cursor?: string },
): Promise<{ products: ProductPricesView[]; nextCursor: string | null }> {
  const after = options.cursor === undefined ? null : decodeProductCursor(options.cursor);
  const q = options.q?.trim() ?? "";
  await settleEndedFlashSales(getDb(), ctx.store.id, new Date());
  const filter = q ? sql`and ${await productSearch(ctx.store.id, q)}` : sql``;
  const { rows } = await getDb().execute<ProductPricesRow>(sql`
    select ${productPriceColumns}
    from products p
    where p.store_id = ${ctx.store.id} ${filter}
      ${after ? sql`and p.external_id > ${after[0]}` : sql``}
    order by p.external_id
    limit ${options.limit + 1}`);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    products: page.map(productPricesView),
    nextCursor: rows.length > options.limit && last ? encodeCursor(last.external_id, last.id) : null,
  };
}

/** A products list's position: its order's text (the API's external id, the page's name) and an id. */
function decodeProductCursor(cursor: string): [string, number] {
  const pair = cursorPair(cursor);
  if (pair) {
    const [text, id] = pair;
    // An id of 0 is the start of a list (listProductsWithPrices' page after the exact code alone).
    // The text is one a product's name or id could be: a forged one with a NUL reached the
    // database, which refused it as a 500.
    const textFits = typeof text === "string" && forbiddenCharacter(text) === null && !longerThan(text, 200);
    if (textFits && Number.isSafeInteger(id) && (id as number) >= 0) return [text, id as number];
  }
  throw badCursor();
}

export async function findProduct(ctx: StoreContext, key: { externalId: string } | { id: number }) {
  const [product] = await getDb()
    .select({ id: products.id, externalId: products.externalId, name: products.name, price: products.price, floorPrice: products.floorPrice })
    .from(products)
    .where(
      and(eq(products.storeId, ctx.store.id), "id" in key ? eq(products.id, key.id) : eq(products.externalId, normalizeExternalId(key.externalId))),
    );
  if (!product) throw noSuchProduct("id" in key ? String(key.id) : key.externalId);
  return product;
}

/** One tier's price the guard refused, and why. */
export interface MemberPriceRefusal {
  tier: Tier;
  /** The guard's own refusal (its key words it for a form), its detail at `prices.<tier>`. */
  error: AppError;
}

/**
 * Every tier a save of member prices refused, at once: refused one at a time, a merchant fixing
 * five fields learnt of the next problem only on the next save. The API answers each as a detail
 * (`prices.<tier>`, with its rule); a form places each at its field. One refusal alone keeps that
 * refusal's code and words.
 */
export class MemberPricesRefused extends AppErrors {
  constructor(readonly refusals: MemberPriceRefusal[]) {
    const [first] = refusals;
    const sameCode = refusals.every((r) => r.error.code === first!.error.code);
    super(
      sameCode ? first!.error.code : "invalid",
      refusals.length === 1
        ? first!.error.message
        : `${refusals.length} member prices are refused: ${refusals.map((r) => `${r.tier}: ${r.error.message}`).join(" ")}`,
      refusals.map((r) => r.error),
      refusals.map((r) => ({ path: `prices.${r.tier}`, message: r.error.message, rule: r.error.code })),
    );
    this.name = "MemberPricesRefused";
  }
}

/**
 * Checks every tier's price against the product's limits in one pass, tiers in order; throws
 * MemberPricesRefused naming all that fail, or returns the prices as they would be saved.
 */
export function checkMemberPrices(product: PriceLimits, prices: MemberPriceInput[], money: MoneyContext): MemberPriceView[] {
  const refusals: MemberPriceRefusal[] = [];
  const checked: MemberPriceView[] = [];
  for (const p of prices.slice().sort((a, b) => tiers.indexOf(a.tier) - tiers.indexOf(b.tier))) {
    const fixed = p.price ?? null;
    const percentOff = p.percentOff ?? null;
    try {
      const resolved = resolveMemberPrice(product.price, { price: fixed, percentOff });
      // The bound first: a price past it is above any regular price too, and that is not the news.
      assertMoneyWithinBound(resolved, { path: `prices.${p.tier}`, ...money });
      assertPriceWithinLimits(resolved, product, money);
      checked.push({ tier: p.tier, fixedPrice: fixed, percentOff, price: resolved });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // Said at the tier, so a form or a client can point at the right field.
      refusals.push({
        tier: p.tier,
        error: new AppError(error.code, error.message, error.key, error.values, [{ path: `prices.${p.tier}`, message: error.message }]),
      });
    }
  }
  if (refusals.length > 0) throw new MemberPricesRefused(refusals);
  return checked;
}

/**
 * Replaces a product's member prices with `prices` (tiers left out lose theirs). Every price is
 * checked in the transaction, against the product's price and floor as they are there (an
 * import changing them meanwhile waits); any refusal saves nothing and names every refused tier.
 * `seen`: the prices the form showed (memberPricesShown); others in force refuse the save.
 */
export async function setMemberPrices(
  ctx: StoreContext,
  key: { externalId: string } | { id: number },
  prices: MemberPriceInput[],
  locale = "en",
  options: { seen?: string } = {},
): Promise<{ productExternalId: string; prices: MemberPriceView[] }> {
  assertRole(ctx, "owner");
  const product = await findProduct(ctx, key);
  const money = { currency: ctx.store.currency, locale };
  const checked = await getDb().transaction(async (tx) => {
    // Two saves of one product at once: the second waits, then replaces the first's set whole.
    const { rows } = await tx.execute<{ price: number; floor_price: number | null }>(sql`
      select price::float8 as price, floor_price::float8 as floor_price
      from products where store_id = ${ctx.store.id} and id = ${product.id} for no key update`);
    const limits = rows[0];
    if (!limits) throw noSuchProduct("id" in key ? String(key.id) : key.externalId);
    if (options.seen !== undefined) {
      const current = await tx
        .select({ tier: memberPrices.tier, fixedPrice: memberPrices.price, percentOff: memberPrices.percentOff })
        .from(memberPrices)
        .where(and(eq(memberPrices.storeId, ctx.store.id), eq(memberPrices.productId, product.id)));
      if (memberPricesShown(current) !== options.seen) {
        throw new AppError(
          "conflict",
          "This product's member prices were changed meanwhile (by another owner or through the API); reload the page and make your change again.",
          "pricing.errors.pricesChangedMeanwhile",
        );
      }
    }
    const checked = checkMemberPrices({ price: limits.price, floorPrice: limits.floor_price }, prices, money);
    await tx.delete(memberPrices).where(and(eq(memberPrices.storeId, ctx.store.id), eq(memberPrices.productId, product.id)));
    if (checked.length > 0) {
      await tx.insert(memberPrices).values(
        checked.map((p) => ({
          storeId: ctx.store.id,
          productId: product.id,
          tier: p.tier,
          price: p.fixedPrice,
          percentOff: p.percentOff,
        })),
      );
    }
    return checked;
  });
  return { productExternalId: product.externalId, prices: checked };
}
