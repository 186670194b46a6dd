"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { z } from "zod";
import { tiers } from "@/db/schema";
import { storeAction } from "@/lib/actions/store-action";
import { AppError, inReaderLanguage } from "@/lib/errors";
import { findProduct, resolveMemberPrice, setMemberPrices } from "@/lib/pricing/member-prices";
import { assertPriceWithinLimits } from "@/lib/pricing/price-guard";
import { assertMoneyWithinBound, majorToMinor } from "@/lib/money";
import type { StoreContext } from "@/lib/stores/context";
import type { MemberPriceInput } from "@/lib/validation/pricing";

// One text field per tier: "85.00" is a fixed price, "15%" a percent off, blank no member price.
const tierField = z.string().trim().max(20).optional().default("");
const memberPricesForm = z.object({
  productId: z.coerce.number().int().positive(),
  ordinary: tierField,
  silver: tierField,
  gold: tierField,
  diamond: tierField,
  crown: tierField,
});

function parseTierField(tier: (typeof tiers)[number], text: string, currency: string): MemberPriceInput | null {
  if (text === "") return null;
  const percent = /^(\d{1,3})\s*[%％]$/.exec(text);
  if (percent) return { tier, percentOff: Number(percent[1]) };
  const minor = majorToMinor(text, currency);
  if (minor === null) {
    throw new AppError("invalid", `"${text}" is neither an amount nor a percent off.`, "pricing.errors.notAPrice", { value: text }, [
      { path: `prices.${tier}`, message: "neither an amount nor a percent off" },
    ]);
  }
  return { tier, price: minor };
}

/**
 * A refusal of one tier's price (its detail's path is `prices.<tier>`) that names the tier: the
 * form has five price fields, and "below the floor price" alone does not say which one.
 */
async function namingTheTier(error: unknown): Promise<unknown> {
  if (!(error instanceof AppError)) return error;
  const tier = tiers.find((tier) => error.details.some((d) => d.path === `prices.${tier}`));
  if (!tier) return error;
  const t = await getTranslations();
  return new AppError(
    error.code,
    `${tier}: ${error.message}`,
    "pricing.errors.tierRefused",
    { tier: t(`tiers.${tier}`), reason: inReaderLanguage(error, t) },
    error.details,
  );
}

function assertPercentOffInRange(p: MemberPriceInput) {
  if (p.percentOff !== undefined && (p.percentOff < 1 || p.percentOff > 99)) {
    throw new AppError("invalid", "Percent off must be 1–99.", "pricing.errors.percentOffRange", { value: String(p.percentOff) }, [
      { path: `prices.${p.tier}`, message: "must be 1–99" },
    ]);
  }
}

/**
 * Every tier field the product's prices refuse, each placed at its field: the form named only the
 * first ("普通会员价：…") and the merchant learnt of the next one on the next save.
 */
async function checkEveryTier(ctx: StoreContext, input: Partial<z.output<typeof memberPricesForm>>) {
  if (input.productId === undefined) return;
  const product = await findProduct(ctx, { id: input.productId });
  const money = { currency: ctx.store.currency, locale: await getLocale() };
  const refusals: AppError[] = [];
  for (const tier of tiers) {
    try {
      const p = parseTierField(tier, input[tier] ?? "", ctx.store.currency);
      if (!p) continue;
      assertPercentOffInRange(p);
      const resolved = resolveMemberPrice(product.price, { price: p.price ?? null, percentOff: p.percentOff ?? null });
      assertMoneyWithinBound(resolved, { path: `prices.${tier}`, ...money });
      assertPriceWithinLimits(resolved, product, money);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusals.push(new AppError(error.code, error.message, error.key, error.values, [{ path: `prices.${tier}`, message: error.message }]));
    }
  }
  // One refusal alone is the message, so it names its tier; several are listed under their fields' labels.
  if (refusals.length === 1) throw await namingTheTier(refusals[0]);
  if (refusals.length > 1) throw new AggregateError(refusals);
}

export const saveMemberPricesAction = storeAction({ role: "owner", input: memberPricesForm, check: checkEveryTier }, async (ctx, input) => {
  let saved: number;
  try {
    const prices = tiers.flatMap((tier) => parseTierField(tier, input[tier], ctx.store.currency) ?? []);
    for (const p of prices) assertPercentOffInRange(p);
    saved = (await setMemberPrices(ctx, { id: input.productId }, prices, await getLocale())).prices.length;
  } catch (error) {
    throw await namingTheTier(error);
  }
  revalidatePath(`/s/${ctx.store.slug}/products`);
  return { saved };
});
