"use server";

import { revalidatePath } from "next/cache";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { z } from "zod";
import { storeAction } from "@/lib/actions/store-action";
import { storeTimeValues } from "@/lib/i18n/store-time-text";
import { AppError, type TextLink } from "@/lib/errors";
import { cancelFlashSale, createFlashSale, endFlashSaleEarly, raiseFlashSaleQuantity, updateFlashSale } from "@/lib/flash-sales/commands";
import { checkNewSaleForm, checkSaleEditForm, draftFromForm, saleProductId } from "@/lib/flash-sales/inputs";
import { FlashSaleRulesError } from "@/lib/flash-sales/rules";
import type { StoreContext } from "@/lib/stores/context";
import { flashSaleCreateFormSchema, flashSaleFormSchema } from "@/lib/validation/flash-sales";
import { overlapInReadersLanguage } from "./_components/sale-window";

/**
 * Words every broken rule in the reader's language, one line each, and keeps the field each is
 * about, so the form shows it at that field.
 */
async function inReadersLanguage<T>(ctx: StoreContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof FlashSaleRulesError)) throw error;
    const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
    const links: TextLink[] = [];
    const lines = error.reasons.map((r) => {
      if (r.otherSale) {
        const overlap = overlapInReadersLanguage(t, format, ctx.store, r.otherSale);
        links.push(overlap.link);
        return { path: r.path, message: overlap.message };
      }
      const values = { ...r.values, ...storeTimeValues(t, format, ctx.store.timezone, r.times) };
      return { path: r.path, message: t.has(r.key) ? t(r.key, values) : r.message };
    });
    throw new AppError("invalid", lines.map((line) => line.message).join("\n"), undefined, undefined, lines, links);
  }
}

function refresh(ctx: StoreContext, saleId?: number) {
  revalidatePath(`/s/${ctx.store.slug}/flash-sales`);
  if (saleId) revalidatePath(`/s/${ctx.store.slug}/flash-sales/${saleId}`);
}

// Each form is checked whole first (checkNewSaleForm, checkSaleEditForm: every broken rule at
// once, even beside fields the schema refused); the command checks again under lock.

export const createSaleAction = storeAction(
  {
    role: "owner",
    input: flashSaleCreateFormSchema,
    check: async (ctx, form) => inReadersLanguage(ctx, async () => checkNewSaleForm(ctx, form, await getLocale())),
  },
  async (ctx, input) => {
    const created = await inReadersLanguage(ctx, async () =>
      createFlashSale(ctx, await saleProductId(ctx, input.productExternalId), draftFromForm(ctx, input), await getLocale()),
    );
    refresh(ctx, created.id);
    return created;
  },
);

// `seen`: the sale's last change the form was made from (updateFlashSale refuses an edit made since).
const withId = flashSaleFormSchema.extend({
  saleId: z.coerce.number().int().positive(),
  seen: z.iso.datetime({ offset: true }).transform((text) => new Date(text)).optional(),
});

export const updateSaleAction = storeAction(
  {
    role: "owner",
    input: withId,
    // Without a sale to compare with, the edit's rules cannot be checked: its id is the schema's to refuse.
    check: async (ctx, { saleId, seen: _seen, ...form }) => {
      if (saleId !== undefined) await inReadersLanguage(ctx, async () => checkSaleEditForm(ctx, saleId, form, await getLocale()));
    },
  },
  async (ctx, input) => {
    const locale = await getLocale();
    await inReadersLanguage(ctx, () =>
      updateFlashSale(ctx, input.saleId, (existing) => draftFromForm(ctx, input, existing), new Date(), locale, { seen: input.seen }),
    );
    refresh(ctx, input.saleId);
    return { id: input.saleId };
  },
);

const idOnly = z.object({ saleId: z.coerce.number().int().positive() });

export const cancelSaleAction = storeAction({ role: "owner", input: idOnly }, async (ctx, input) => {
  await inReadersLanguage(ctx, () => cancelFlashSale(ctx, input.saleId));
  refresh(ctx, input.saleId);
  return { id: input.saleId };
});

export const endSaleAction = storeAction({ role: "owner", input: idOnly }, async (ctx, input) => {
  await inReadersLanguage(ctx, () => endFlashSaleEarly(ctx, input.saleId));
  refresh(ctx, input.saleId);
  return { id: input.saleId };
});

const raise = z.object({ saleId: z.coerce.number().int().positive(), quantity: z.coerce.number().int().min(1).max(1_000_000) });

export const raiseQuantityAction = storeAction({ role: "owner", input: raise }, async (ctx, input) => {
  await inReadersLanguage(ctx, () => raiseFlashSaleQuantity(ctx, input.saleId, input.quantity));
  refresh(ctx, input.saleId);
  return { id: input.saleId };
});
