"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "@/lib/i18n/server";
import { z } from "zod";
import { tiers } from "@/db/schema";
import { storeAction } from "@/lib/actions/store-action";
import { AppError } from "@/lib/errors";
import { setMemberPrices } from "@/lib/pricing/member-prices";
import { majorToMinor, type MemberPriceInput } from "@/lib/validation/pricing";

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
    throw new AppError("invalid", `"${text}" is neither an amount nor a percent off.`, "pricing.errors.notAPrice", { value: text });
  }
  return { tier, price: minor };
}

export const saveMemberPricesAction = storeAction({ role: "owner", input: memberPricesForm }, async (ctx, input) => {
  const prices = tiers.flatMap((tier) => parseTierField(tier, input[tier], ctx.store.currency) ?? []);
  for (const p of prices) {
    if (p.percentOff !== undefined && (p.percentOff < 1 || p.percentOff > 99)) {
      throw new AppError("invalid", "Percent off must be 1–99.", "pricing.errors.percentOffRange", { value: String(p.percentOff) });
    }
  }
  const result = await setMemberPrices(ctx, { id: input.productId }, prices, await getLocale());
  revalidatePath(`/s/${ctx.store.slug}/products`);
  return { saved: result.prices.length };
});
