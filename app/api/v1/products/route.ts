import { apiRoute, otherMethods } from "@/lib/api/route";
import { upsertProducts } from "@/lib/imports/ingest";
import { productsBody } from "@/lib/imports/records";
import { withinPriceLimits } from "@/lib/pricing/price-guard";
import { listProductsPage } from "@/lib/pricing/member-prices";
import { firstValues } from "@/lib/validation/customers";
import { productListQuerySchema } from "@/lib/validation/pricing";

export const POST = apiRoute({ body: productsBody }, async ({ ctx, body }) => upsertProducts(ctx, body));

// The fields POST takes, and each member price as PUT …/member-prices answers it, with `used`:
// false when the regular or floor price has moved past it since (kept, but no customer gets it).
export const GET = apiRoute({ query: { schema: productListQuerySchema, prepare: firstValues } }, async ({ ctx, query }) => {
  const { products, nextCursor } = await listProductsPage(ctx, query);
  return {
    products: products.map((p) => ({
      externalId: p.externalId,
      name: p.name,
      price: p.price,
      floorPrice: p.floorPrice,
      stock: p.stock,
      memberPrices: p.memberPrices.map((m) => ({
        tier: m.tier,
        ...(m.percentOff === null ? {} : { percentOff: m.percentOff }),
        price: m.price,
        used: withinPriceLimits(m.price, p),
      })),
    })),
    nextCursor,
  };
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
