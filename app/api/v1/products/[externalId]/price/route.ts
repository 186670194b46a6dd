import { apiRoute, otherMethods } from "@/lib/api/route";
import { lookUpPrice } from "@/lib/pricing/lookup";
import { priceQuerySchema } from "@/lib/validation/pricing";

export const GET = apiRoute<undefined, { externalId: string }, typeof priceQuerySchema>({ query: { schema: priceQuerySchema } }, async ({ ctx, params, query }) => {
  const result = await lookUpPrice(ctx, {
    product: { externalId: params.externalId },
    customer: query.customer,
    at: query.at ? new Date(query.at) : undefined,
  });
  return {
    price: result.price,
    source: result.source,
    reasons: result.reasons.map((r) => r.message),
    regularPrice: result.regularPrice,
    tier: result.tier,
    memberPrice: result.memberPrice,
    flash: result.flash,
    product: result.product,
    customer: result.customer,
  };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
