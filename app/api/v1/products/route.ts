import { apiRoute, otherMethods } from "@/lib/api/route";
import { upsertProducts } from "@/lib/imports/ingest";
import { productsBody } from "@/lib/imports/records";

export const POST = apiRoute({ body: productsBody }, async ({ ctx, body }) => upsertProducts(ctx, body));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
