import { apiRoute, otherMethods, pathId } from "@/lib/api/route";
import { flashSaleApiView, getFlashSale } from "@/lib/flash-sales/queries";

// GET /api/v1/flash-sales/{id}: the sale with sold, remaining and status.
export const GET = apiRoute<undefined, { id: string }>({}, async ({ ctx, params }) =>
  flashSaleApiView(await getFlashSale(ctx, pathId(params.id, "No such flash sale in this store."))),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
