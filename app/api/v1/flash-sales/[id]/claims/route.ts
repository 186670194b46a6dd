import { apiRoute, errorResponse, otherMethods, pathId } from "@/lib/api/route";
import { claimFlashSale } from "@/lib/flash-sales/claims";
import { flashSaleClaimSchema } from "@/lib/validation/flash-sales";

// POST /api/v1/flash-sales/{id}/claims: 201 {claimId, quantity, price}; a retried idempotency
// key answers the first claim again (with Idempotent-Replayed: true); 409 with the reason.
export const POST = apiRoute<typeof flashSaleClaimSchema, { id: string }>(
  { body: flashSaleClaimSchema },
  async ({ ctx, body, params }) => {
    const saleId = pathId(params.id, "No such flash sale in this store.");
    const result = await claimFlashSale(ctx, saleId, body);
    if (!result.ok) return errorResponse(409, result.code, result.message);
    return Response.json(
      { claimId: result.claimId, quantity: result.quantity, price: result.price },
      { status: 201, headers: result.replayed ? { "idempotent-replayed": "true" } : {} },
    );
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
