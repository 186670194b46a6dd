import { apiRoute, otherMethods } from "@/lib/api/route";
import { apiLocale, routingJson } from "@/lib/disputes/api-view";
import { fileDispute } from "@/lib/disputes/commands";
import { getDispute } from "@/lib/disputes/queries";
import { apiCreateDisputeSchema } from "@/lib/validation/disputes";

// PRODUCT.md §8: file a dispute (submitted, or a draft with "draft": true) → 201 with its routing.
export const POST = apiRoute({ body: apiCreateDisputeSchema }, async ({ ctx, body, request }) => {
  const { draft, ...facts } = body;
  const filed = await fileDispute(ctx, facts, { draft });
  const dispute = await getDispute(ctx, filed.id);
  return Response.json(
    { id: filed.id, status: filed.status, routing: routingJson(dispute.routing, dispute.deadlineAt, apiLocale(request), ctx.store.currency) },
    { status: 201 },
  );
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
