import { apiRoute } from "@/lib/api/route";
import { upsertReviews } from "@/lib/imports/ingest";
import { reviewsBody } from "@/lib/imports/records";

export const POST = apiRoute({ body: reviewsBody }, async ({ ctx, body }) => upsertReviews(ctx, body));
