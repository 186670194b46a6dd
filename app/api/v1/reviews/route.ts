import { apiRoute, otherMethods } from "@/lib/api/route";
import { upsertReviews } from "@/lib/imports/ingest";
import { reviewsBody } from "@/lib/imports/records";

export const POST = apiRoute({ body: reviewsBody }, async ({ ctx, body }) => upsertReviews(ctx, body));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
