import { apiRoute, otherMethods } from "@/lib/api/route";
import { upsertShares } from "@/lib/imports/ingest";
import { sharesBody } from "@/lib/imports/records";

export const POST = apiRoute({ body: sharesBody }, async ({ ctx, body }) => upsertShares(ctx, body));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
