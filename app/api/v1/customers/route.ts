import { apiRoute } from "@/lib/api/route";
import { listCustomers } from "@/lib/customers/queries";
import { customerListQuerySchema } from "@/lib/validation/customers";

export const GET = apiRoute({}, async ({ ctx, request }) => {
  const query = customerListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return listCustomers(ctx, query);
});
