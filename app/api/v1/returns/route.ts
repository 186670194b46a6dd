import { apiRoute } from "@/lib/api/route";
import { upsertReturns } from "@/lib/imports/ingest";
import { returnsBody } from "@/lib/imports/records";

export const POST = apiRoute({ body: returnsBody }, async ({ ctx, body }) => upsertReturns(ctx, body));
