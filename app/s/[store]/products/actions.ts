"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { z } from "zod";
import { tiers } from "@/db/schema";
import { storeAction } from "@/lib/actions/store-action";
import { AppError, AppErrors } from "@/lib/errors";
import { storeErrorText } from "@/lib/i18n/error-text";
import { checkMemberPrices, findProduct, MemberPricesRefused, setMemberPrices } from "@/lib/pricing/member-prices";
import { parseMemberPriceField } from "@/lib/pricing/member-price-field";
import { readProductPricesForm, renameProduct, updateProductPrices } from "@/lib/pricing/product-edit";
import type { StoreContext } from "@/lib/stores/context";
import { renameProductInput, type MemberPriceInput } from "@/lib/validation/pricing";

// One text field per tier (parseMemberPriceField): an amount, a percent off, or blank.
const tierField = z.string().trim().max(20).optional().default("");
const memberPricesForm = z.object({
  productId: z.coerce.number().int().positive(),
  // The prices the form showed (memberPricesShown): a save over others in force is refused.
  seen: z.string().max(500).optional(),
  ordinary: tierField,
  silver: tierField,
  gold: tierField,
  diamond: tierField,
  crown: tierField,
});

/**
 * A refusal of one tier's price (its detail's path is `prices.<tier>`) that names the tier: the
 * form has five price fields, and "below the floor price" alone does not say which one.
 */
async function namingTheTier(ctx: StoreContext, error: unknown): Promise<unknown> {
  if (!(error instanceof AppError) || error instanceof AppErrors) return error;
  const tier = tiers.find((tier) => error.details.some((d) => d.path === `prices.${tier}`));
  if (!tier) return error;
  const t = await getTranslations();
  return new AppError(
    error.code,
    `${tier}: ${error.message}`,
    "pricing.errors.tierRefused",
    { tier: t(`tiers.${tier}`), reason: await storeErrorText(error, ctx.store.timezone) },
    error.details,
    error.links,
  );
}

/** A lone refusal names its tier (it is the form's message); several are each placed at their field. */
async function oneOrEvery(ctx: StoreContext, refusals: AppError[]): Promise<unknown> {
  return refusals.length === 1 ? namingTheTier(ctx, refusals[0]) : new AggregateError(refusals);
}

/**
 * Every tier field the form refuses, unreadable ones and those the price guard refuses alike, each
 * placed at its field, before the save (which checks again, in its transaction).
 */
async function checkEveryTier(ctx: StoreContext, input: Partial<z.output<typeof memberPricesForm>>) {
  if (input.productId === undefined) return;
  const product = await findProduct(ctx, { id: input.productId });
  const refusals: AppError[] = [];
  const prices: MemberPriceInput[] = [];
  for (const tier of tiers) {
    try {
      const p = parseMemberPriceField(tier, input[tier] ?? "", ctx.store.currency);
      if (p) prices.push(p);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusals.push(error);
    }
  }
  try {
    checkMemberPrices(product, prices, { currency: ctx.store.currency, locale: await getLocale() });
  } catch (error) {
    if (!(error instanceof MemberPricesRefused)) throw error;
    refusals.push(...error.errors);
  }
  if (refusals.length > 0) throw await oneOrEvery(ctx, refusals);
}

export const saveMemberPricesAction = storeAction({ role: "owner", input: memberPricesForm, check: checkEveryTier }, async (ctx, input) => {
  let saved: number;
  try {
    const prices = tiers.flatMap((tier) => parseMemberPriceField(tier, input[tier], ctx.store.currency) ?? []);
    saved = (await setMemberPrices(ctx, { id: input.productId }, prices, await getLocale(), { seen: input.seen })).prices.length;
  } catch (error) {
    // The product's price or floor moved since the check: the save's own refusals, said the same
    // way (several each at its field; one alone naming its tier).
    if (error instanceof MemberPricesRefused && error.errors.length > 1) throw error;
    throw await namingTheTier(ctx, error instanceof MemberPricesRefused ? error.errors[0] : error);
  }
  revalidatePath(`/s/${ctx.store.slug}/products`);
  return { saved };
});

const productPricesForm = z.object({
  productId: z.coerce.number().int().positive(),
  // The prices and stock the form showed (productPricesShown): a save over others is refused.
  seen: z.string().max(100).optional(),
  price: z.string().max(30),
  floorPrice: z.string().max(30).optional().default(""),
  stock: z.string().max(30),
});

export const saveProductPricesAction = storeAction(
  {
    role: "owner",
    input: productPricesForm,
    // Every field it cannot read at once, before the save.
    check: async (ctx, form) => {
      readProductPricesForm({ price: form.price ?? "", floorPrice: form.floorPrice ?? "", stock: form.stock ?? "" }, ctx.store.currency);
    },
  },
  async (ctx, input) => {
    const prices = readProductPricesForm(input, ctx.store.currency);
    const saved = await updateProductPrices(ctx, input.productId, prices, { seen: input.seen, locale: await getLocale() });
    revalidatePath(`/s/${ctx.store.slug}/products`);
    return saved;
  },
);

export const renameProductAction = storeAction({ role: "owner", input: renameProductInput }, async (ctx, input) => {
  const renamed = await renameProduct(ctx, input.productId, input.name, { seen: input.seen });
  revalidatePath(`/s/${ctx.store.slug}/products`);
  return renamed;
});
