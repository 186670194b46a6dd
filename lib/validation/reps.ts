import { z } from "zod";
import { tiers } from "@/db/schema/scoring";

const id = z.coerce.number().int().positive();

export const assignRepInput = z.object({ customerId: id, userId: id });
export const unassignRepInput = z.object({ customerId: id });

/** The spread form: one checkbox per staff member, named `staff-<userId>`. */
export const spreadRepsInput = z
  .record(z.string(), z.unknown())
  .transform((form) =>
    Object.keys(form)
      .map((key) => /^staff-(\d+)$/.exec(key)?.[1])
      .filter((match): match is string => match !== undefined)
      .map(Number),
  )
  .pipe(z.array(z.number().int().positive()).min(1))
  .transform((userIds) => ({ userIds }));

export const campaignSegments = ["highValue", ...tiers] as const;
export const campaignQuerySchema = z.object({ segment: z.enum(campaignSegments).default("highValue") });
