import { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { recomputeScores } from "@/lib/customers/recompute";
import { absentIfNull } from "@/lib/validation/absent";
import { asOfSchema } from "@/lib/validation/customers";

const body = z.object({ asOf: absentIfNull(asOfSchema.optional()) }).strict();

export const POST = apiRoute({ body }, async ({ ctx, body }) => {
  const result = await recomputeScores(ctx.store.id, { asOf: body.asOf ? new Date(body.asOf) : undefined });
  return { customers: result.customers, highValue: result.highValue, ruleVersion: result.ruleVersion, tookMs: result.tookMs };
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
