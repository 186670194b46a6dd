import { apiRoute, otherMethods } from "@/lib/api/route";
import { apiLocale, routingJson } from "@/lib/disputes/api-view";
import { fileDispute } from "@/lib/disputes/commands";
import { readIdempotencyKey } from "@/lib/disputes/idempotency";
import { getDispute } from "@/lib/disputes/queries";
import { apiCreateDisputeSchema } from "@/lib/validation/disputes";

// PRODUCT.md §8: file a dispute (submitted, or a draft with "draft": true) → 201 with its routing.
// A retry under the same Idempotency-Key and body answers the first dispute again (201, with
// Idempotent-Replayed: true) and files nothing; the key with another body is a 409.
export const POST = apiRoute({ body: apiCreateDisputeSchema }, async ({ ctx, body, request }) => {
  const { draft, ...facts } = body;
  const filed = await fileDispute(ctx, facts, { draft, idempotencyKey: readIdempotencyKey(request.headers) });
  const dispute = await getDispute(ctx, filed.id);
  return Response.json(
    { id: filed.id, status: dispute.status, routing: routingJson(dispute, apiLocale(request), ctx.store.currency) },
    { status: 201, headers: filed.replayed ? { "idempotent-replayed": "true" } : {} },
  );
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
