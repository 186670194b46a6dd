import { apiRoute, otherMethods } from "@/lib/api/route";
import { getCustomer } from "@/lib/customers/queries";

export const GET = apiRoute<undefined, { externalId: string }>({}, async ({ ctx, params }) =>
  getCustomer(ctx, { externalId: params.externalId }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
