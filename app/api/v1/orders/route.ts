import { apiRoute, otherMethods } from "@/lib/api/route";
import { upsertOrders } from "@/lib/imports/ingest";
import { ordersBody } from "@/lib/imports/records";

export const POST = apiRoute({ body: ordersBody }, async ({ ctx, body }) => upsertOrders(ctx, body));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
