import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { products } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import { AppError } from "@/lib/errors";
import type { FlashSaleApiCreate, FlashSaleCreateForm, FlashSaleForm } from "@/lib/validation/flash-sales";
import { newSaleProblems, saleEditProblems, saleToEdit } from "./commands";
import { FlashSaleRulesError, type DraftAsRead, type ExistingSale, type FlashSaleDraft, type RuleReason } from "./rules";
import { repeatedOccurrence } from "@/lib/store-time";
import { toStoreInputValue } from "@/lib/store-time";
import { parseMajorPrice, parseStoreTime } from "./times";
import { normalizeExternalId } from "@/lib/validation/text";

// From what the form and the API send to the domain's draft: times read in the store's zone,
// the form's price from major units, the API's product by its external id.

/**
 * The fields of a form as a draft, as far as they can be read: a field the form refused is not in
 * `form` and stays out of the draft; a price or time that does not convert is a reason.
 */
function draftAsRead(ctx: StoreContext, form: Partial<FlashSaleForm>, existing?: ExistingSale): { draft: DraftAsRead; reasons: RuleReason[] } {
  const tz = ctx.store.timezone;
  const draft: DraftAsRead = { quantity: form.quantity, perCustomerLimit: form.perCustomerLimit };
  const reasons: RuleReason[] = [];
  const convert = <K extends "price" | "startsAt" | "endsAt">(field: K, text: string | undefined, read: (text: string) => FlashSaleDraft[K]) => {
    if (text === undefined) return;
    try {
      draft[field] = read(text);
    } catch (error) {
      if (!(error instanceof AppError) || !error.key) throw error;
      // A time the clocks repeat is refused at its choice of the two (startsAtOccurrence).
      reasons.push({ rule: "unreadable", path: error.details[0]?.path ?? field, message: error.message, key: error.key, values: error.values, ...(error.times && { times: error.times }) });
    }
  };
  convert("price", form.price, (text) => parseMajorPrice(text, ctx.store.currency));
  // A time the edit form sends back as it showed it is the sale's own instant: the form shows
  // minutes, and the sale may have been set to the second through the API. In an hour the clocks
  // repeat, the form's choice of the two is the sale's own unless the owner chose the other.
  const readTime = (field: "startsAt" | "endsAt") => (text: string) => {
    // Blank: the form asked, and no choice was made.
    const chosen = form[`${field}Occurrence` as const] || undefined;
    if (existing && text === toStoreInputValue(existing[field], tz)) {
      const own = repeatedOccurrence(existing[field], tz)?.occurrence;
      if (!chosen || !own || chosen === own) return existing[field];
    }
    return parseStoreTime(field, text, tz, chosen ?? "ask");
  };
  convert("startsAt", form.startsAt, readTime("startsAt"));
  convert("endsAt", form.endsAt, readTime("endsAt"));
  // Blank early access is none; left out of `form`, it was refused.
  if ("earlyAccessTier" in form) draft.earlyAccessTier = form.earlyAccessTier || null;
  if ("earlyAccessMinutes" in form) draft.earlyAccessMinutes = form.earlyAccessMinutes === "" || form.earlyAccessMinutes === undefined ? null : form.earlyAccessMinutes;
  return { draft, reasons };
}

/**
 * A whole form (its schema passed) as the draft the commands save; a price or time that does
 * not convert is refused. An edit's form is read against the sale it edits.
 */
export function draftFromForm(ctx: StoreContext, form: FlashSaleForm, existing?: ExistingSale): FlashSaleDraft {
  const { draft, reasons } = draftAsRead(ctx, form, existing);
  if (reasons.length > 0) throw new FlashSaleRulesError(reasons);
  // Every field of a whole form is in the draft once none failed to convert.
  return draft as FlashSaleDraft;
}

async function findSaleProduct(ctx: StoreContext, externalId: string): Promise<number | null> {
  const [product] = await getDb()
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.storeId, ctx.store.id), eq(products.externalId, normalizeExternalId(externalId))));
  return product?.id ?? null;
}

const productNotFound = (externalId: string): RuleReason => ({
  rule: "productNotFound",
  path: "productExternalId",
  message: `No product with external ID "${externalId}" in this store.`,
  key: "flashSales.rules.productNotFound",
  values: { id: externalId },
});

/** The store's product with this external id; a broken rule (worded for the form and the API) when there is none. */
export async function saleProductId(ctx: StoreContext, externalId: string): Promise<number> {
  const id = await findSaleProduct(ctx, externalId);
  if (id === null) throw new FlashSaleRulesError([productNotFound(externalId)]);
  return id;
}

/**
 * Every reason to refuse a new sale's form, on what it could read (all of it once its schema
 * passed): the product, the price and times, and the rules (PRODUCT.md §5), together.
 */
export async function checkNewSaleForm(ctx: StoreContext, form: Partial<FlashSaleCreateForm>, locale: string): Promise<void> {
  const { draft, reasons } = draftAsRead(ctx, form);
  const productId = form.productExternalId === undefined ? null : await findSaleProduct(ctx, form.productExternalId);
  if (form.productExternalId !== undefined && productId === null) reasons.push(productNotFound(form.productExternalId));
  reasons.push(...(await newSaleProblems(ctx, productId, draft, locale)));
  if (reasons.length > 0) throw new FlashSaleRulesError(reasons);
}

/** Every reason to refuse an edit's form, on what it could read against the sale as stored. */
export async function checkSaleEditForm(ctx: StoreContext, saleId: number, form: Partial<FlashSaleForm>, locale: string): Promise<void> {
  const { draft, reasons } = draftAsRead(ctx, form, await saleToEdit(ctx, saleId));
  reasons.push(...(await saleEditProblems(ctx, saleId, draft, locale)));
  if (reasons.length > 0) throw new FlashSaleRulesError(reasons);
}

export async function draftFromApi(ctx: StoreContext, body: FlashSaleApiCreate): Promise<{ productId: number; draft: FlashSaleDraft }> {
  const productId = await saleProductId(ctx, body.productExternalId);
  const tz = ctx.store.timezone;
  return {
    productId,
    draft: {
      price: body.price,
      quantity: body.quantity,
      perCustomerLimit: body.perCustomerLimit,
      startsAt: parseStoreTime("startsAt", body.startsAt, tz),
      endsAt: parseStoreTime("endsAt", body.endsAt, tz),
      earlyAccessTier: body.earlyAccess?.tier ?? null,
      earlyAccessMinutes: body.earlyAccess?.minutes ?? null,
    },
  };
}
