import { apiRoute } from "@/lib/api/route";
import { upsertOrders } from "@/lib/imports/ingest";
import { ordersBody } from "@/lib/imports/records";

export const POST = apiRoute({ body: ordersBody }, async ({ ctx, body }) => upsertOrders(ctx, body));
