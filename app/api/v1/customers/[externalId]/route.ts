import { apiRoute, otherMethods } from "@/lib/api/route";
import { getCustomer } from "@/lib/customers/queries";
import { rescoreIfMembershipsLapsed } from "@/lib/memberships/lapsed";

export const GET = apiRoute<undefined, { externalId: string }>({}, async ({ ctx, params }) => {
  await rescoreIfMembershipsLapsed(ctx.store.id);
  return getCustomer(ctx, { externalId: params.externalId });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
