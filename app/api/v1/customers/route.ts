import { apiRoute, otherMethods } from "@/lib/api/route";
import { listCustomers } from "@/lib/customers/queries";
import { customerListQuerySchema, firstValues } from "@/lib/validation/customers";
import { rescoreIfMembershipsLapsed } from "@/lib/memberships/lapsed";

// The page's query, but `rep=me` (the signed-in rep's customers): a token acts for the store, as
// no one, so it answered an empty list whatever the store's reps hold. Refused by name instead.
const query = customerListQuerySchema.omit({ rep: true });

// An empty parameter (`?tier=&q=`, as a form or a template sends it) means no filter, as on the page.
export const GET = apiRoute({ query: { schema: query, prepare: firstValues } }, async ({ ctx, query }) => {
  await rescoreIfMembershipsLapsed(ctx.store.id);
  return listCustomers(ctx, query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
