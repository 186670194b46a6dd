import { apiRoute, otherMethods } from "@/lib/api/route";
import { createFlashSale } from "@/lib/flash-sales/commands";
import { draftFromApi } from "@/lib/flash-sales/inputs";
import { flashSaleApiView, getFlashSale } from "@/lib/flash-sales/queries";
import { flashSaleApiCreateSchema } from "@/lib/validation/flash-sales";

// POST /api/v1/flash-sales: create a sale; 422 listing every rule it breaks.
export const POST = apiRoute({ body: flashSaleApiCreateSchema }, async ({ ctx, body }) => {
  const { productId, draft } = await draftFromApi(ctx, body);
  const { id } = await createFlashSale(ctx, productId, draft);
  return Response.json(flashSaleApiView(await getFlashSale(ctx, id)), { status: 201 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
