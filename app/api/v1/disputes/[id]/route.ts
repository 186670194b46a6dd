import { apiRoute, otherMethods, pathId } from "@/lib/api/route";
import { apiLocale, disputeJson } from "@/lib/disputes/api-view";
import { getDispute } from "@/lib/disputes/queries";

export const GET = apiRoute<undefined, { id: string }>({}, async ({ ctx, params, request }) => {
  const id = pathId(params.id, "No such dispute in this store.");
  return disputeJson(await getDispute(ctx, id), apiLocale(request), ctx.store.currency);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
