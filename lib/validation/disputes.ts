import { z } from "zod";
import { keyed } from "./keyed";
import {
  counterpartyKinds,
  disputeOutcomes,
  disputeParties,
  disputeStatuses,
  disputeTypes,
  type CounterpartyKind,
} from "@/db/schema/disputes";
import { MAJOR_AMOUNT, majorToMinor, withoutSeparators } from "@/lib/money";

/** Blank form fields and JSON nulls mean "not given". */
const optionalText = (max: number) =>
  z.preprocess((v) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v), z.string().trim().max(max).optional());

/**
 * The facts of a dispute (PRODUCT.md §6), as the API sends them: money in minor units. Strict, so
 * a misspelt key is refused by name; the form has its own schema (disputeFormSchema).
 */
export const disputeFactsSchema = z.strictObject({
  type: z.enum(disputeTypes),
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().max(10_000).default(""),
  amountAtStake: z.number().int().min(0).max(1e13).default(0),
  orderExternalId: optionalText(200),
  customerExternalId: optionalText(200),
  productExternalId: optionalText(200),
  returnExternalId: optionalText(200),
  counterparty: z
    .strictObject({ name: z.string().trim().min(1).max(200), kind: z.enum(counterpartyKinds).default("other") })
    .nullish()
    .transform((v) => v ?? undefined),
  infringedRight: optionalText(500),
  infringingListing: optionalText(1000),
});
export type DisputeFacts = Omit<z.output<typeof disputeFactsSchema>, "counterparty"> & {
  counterparty?: { name: string; kind: CounterpartyKind };
};

export const apiCreateDisputeSchema = disputeFactsSchema.extend({ draft: z.boolean().default(false) });

/** An amount typed in major units → minor units of the currency; a blank one is 0, null if not an amount. */
export function parseMajorAmount(text: string, currency: string): number | null {
  return withoutSeparators(text) === "" ? 0 : majorToMinor(text, currency);
}

/** The file form (FormData): flat fields, amount in major units, and which button was pressed. */
export const disputeFormSchema = z.object({
  intent: z.enum(["draft", "submit"]).default("submit"),
  disputeId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
  type: z.enum(disputeTypes),
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().max(10_000).default(""),
  // Its shape here, so the form names it with any other field's refusal; the decimals the
  // store's currency allows are parseMajorAmount's, in the action.
  amountAtStake: z
    .string()
    .trim()
    .max(30)
    .default("")
    .refine((text) => !/^\s*-/.test(text), keyed("The amount at stake cannot be negative.", "disputes.errors.negativeAmount"))
    .refine((text) => {
      // A sign is the refinement above's; blank is no amount at stake.
      const clean = withoutSeparators(text);
      return clean === "" || clean.startsWith("-") || MAJOR_AMOUNT.test(clean);
    }, keyed("Not an amount such as 80000 or 80000.50", "disputes.errors.invalidAmount")),
  orderExternalId: optionalText(200),
  customerExternalId: optionalText(200),
  productExternalId: optionalText(200),
  returnExternalId: optionalText(200),
  counterpartyName: optionalText(200),
  counterpartyKind: z.enum(counterpartyKinds).default("other"),
  infringedRight: optionalText(500),
  infringingListing: optionalText(1000),
});

const id = z.coerce.number().int().positive();
const reason = z.string().trim().min(2).max(2000);

export const disputeIdSchema = z.object({ disputeId: id });
export const assignSchema = z.object({ disputeId: id, assigneeUserId: id });
export const deadlineOverrideSchema = z.object({
  disputeId: id,
  // A date-time-local value ("2026-07-01T18:00") read in the store's time zone, or ISO.
  deadlineAt: z.string().trim().min(1).max(40),
  reason,
});
export const resolveSchema = z.object({ disputeId: id, outcome: z.enum(disputeOutcomes), summary: reason });
export const withdrawSchema = z.object({ disputeId: id, reason });
export const commentSchema = z.object({ disputeId: id, body: z.string().trim().min(1).max(5000) });

export const partyContactSchema = z.object({
  party: z.enum(disputeParties),
  name: z.string().trim().max(200).default(""),
  contact: z.string().trim().max(500).default(""),
  notes: z.string().trim().max(2000).default(""),
});
export const legalThresholdFormSchema = z.object({ legalThreshold: z.string().trim().min(1).max(30) });

/** The queue's filters, from the page's URL. */
export const disputeQueueSchema = z.object({
  status: z.enum(disputeStatuses).optional(),
  type: z.enum(disputeTypes).optional(),
  assignee: z.union([z.literal("me"), z.literal("none"), z.coerce.number().int().positive()]).optional(),
  party: z.enum(disputeParties).optional(),
  overdue: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type DisputeQueueQuery = z.output<typeof disputeQueueSchema>;
