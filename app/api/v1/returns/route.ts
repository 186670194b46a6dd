import { apiRoute, otherMethods } from "@/lib/api/route";
import { upsertReturns } from "@/lib/imports/ingest";
import { returnsBody } from "@/lib/imports/records";

export const POST = apiRoute({ body: returnsBody }, async ({ ctx, body }) => upsertReturns(ctx, body));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
