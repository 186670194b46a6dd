import { apiRoute, otherMethods, parseQuery } from "@/lib/api/route";
import { lookUpPrice } from "@/lib/pricing/lookup";
import { priceQuerySchema } from "@/lib/validation/pricing";

export const GET = apiRoute<undefined, { externalId: string }>({}, async ({ ctx, params, request }) => {
  const query = parseQuery(request, priceQuerySchema);
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
