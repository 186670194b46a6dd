import { apiRoute, otherMethods } from "@/lib/api/route";
import { setMemberPrices } from "@/lib/pricing/member-prices";
import { memberPricesBody } from "@/lib/validation/pricing";

// PUT replaces the product's member prices: tiers left out of `prices` lose theirs.
export const PUT = apiRoute<typeof memberPricesBody, { externalId: string }>({ body: memberPricesBody }, async ({ ctx, body, params }) => {
  const result = await setMemberPrices(ctx, { externalId: params.externalId }, body.prices);
  return {
    productExternalId: result.productExternalId,
    prices: result.prices.map((p) => ({
      tier: p.tier,
      ...(p.percentOff === null ? {} : { percentOff: p.percentOff }),
      price: p.price,
    })),
  };
});

export const { GET, HEAD, POST, PATCH, DELETE, OPTIONS } = otherMethods("PUT");
