import { apiRoute, otherMethods } from "@/lib/api/route";
import { apiLocale, disputeJson } from "@/lib/disputes/api-view";
import { getDispute } from "@/lib/disputes/queries";
import { notFound } from "@/lib/errors";

export const GET = apiRoute<undefined, { id: string }>({}, async ({ ctx, params, request }) => {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound("No such dispute in this store.");
  return disputeJson(await getDispute(ctx, id), apiLocale(request), ctx.store.currency);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
