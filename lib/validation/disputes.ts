import { z } from "zod";
import { absentIfNull } from "./absent";
import { wholeNumber } from "./numbers";
import { keyed } from "./keyed";
import {
  counterpartyKinds,
  disputeOutcomes,
  disputeParties,
  disputeStatuses,
  disputeTypes,
  type CounterpartyKind,
} from "@/db/schema/disputes";
import { amountAsTyped, amountShape, isNegativeAmount, MAJOR_AMOUNT, majorToMinor, withoutSeparators } from "@/lib/money";
import { occurrenceChoice } from "./occurrence";
import { seenField } from "./seen";
import { externalIdText, text } from "./text";

/** Blank form fields and JSON nulls mean "not given". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v), schema.optional());
const optionalText = (max: number) => optional(text({ max }));
/** An order's, customer's, product's or return's id: NFKC, as the records store it. */
const optionalId = optional(externalIdText());

/**
 * The facts of a dispute (PRODUCT.md §6), as the API sends them: money in minor units. Strict, so
 * a misspelt key is refused by name; the form has its own schema (disputeFormSchema).
 */
export const disputeFactsSchema = z.strictObject({
  type: z.enum(disputeTypes),
  title: text({ min: 2, max: 200 }),
  description: absentIfNull(text({ max: 10_000, multiline: true }).default("")),
  amountAtStake: absentIfNull(wholeNumber(0).default(0)),
  orderExternalId: optionalId,
  customerExternalId: optionalId,
  productExternalId: optionalId,
  returnExternalId: optionalId,
  counterparty: z
    .strictObject({ name: text({ min: 1, max: 200 }), kind: z.enum(counterpartyKinds).default("other") })
    .nullish()
    .transform((v) => v ?? undefined),
  infringedRight: optional(text({ max: 500, multiline: true })),
  infringingListing: optional(text({ max: 1000, multiline: true })),
});
export type DisputeFacts = Omit<z.output<typeof disputeFactsSchema>, "counterparty"> & {
  counterparty?: { name: string; kind: CounterpartyKind };
};

export const apiCreateDisputeSchema = disputeFactsSchema.extend({ draft: absentIfNull(z.boolean().default(false)) });

/** An amount typed in major units → minor units of the currency; a blank one is 0, null if not an amount. */
export function parseMajorAmount(text: string, currency: string): number | null {
  // Blank before a currency sign is set aside: "¥" alone is no amount, not a zero.
  return withoutSeparators(text.normalize("NFKC")) === "" ? 0 : majorToMinor(amountAsTyped(text, currency), currency);
}

/** Not an amount with a minus sign, ASCII or full-width, before it (the amount at stake's and the legal threshold's check). */
const notNegative = (text: string) => !isNegativeAmount(text);

/** The file form (FormData): flat fields, amount in major units, and which button was pressed. */
export const disputeFormSchema = z.object({
  intent: z.enum(["draft", "submit"]).default("submit"),
  disputeId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
  // Editing a draft: the last event that set its facts on the page (updateDraft refuses an edit made since).
  seen: z.coerce.number().int().positive().optional(),
  type: z.enum(disputeTypes),
  title: text({ min: 2, max: 200 }),
  description: text({ max: 10_000, multiline: true }).default(""),
  // Its shape here, so the form names it with any other field's refusal; the decimals the
  // store's currency allows are parseMajorAmount's, in the action.
  amountAtStake: z
    .string()
    .trim()
    .max(30)
    .default("")
    .refine(notNegative, keyed("The amount at stake cannot be negative.", "disputes.errors.negativeAmount"))
    .refine((text) => {
      // A negative amount is the refinement above's; blank is no amount at stake.
      const clean = amountShape(text);
      return clean === "" || isNegativeAmount(text) || MAJOR_AMOUNT.test(clean);
    }, keyed("Not an amount such as 80000 or 80000.50", "disputes.errors.invalidAmount")),
  orderExternalId: optionalId,
  customerExternalId: optionalId,
  productExternalId: optionalId,
  returnExternalId: optionalId,
  counterpartyName: optionalText(200),
  counterpartyKind: z.enum(counterpartyKinds).default("other"),
  infringedRight: optional(text({ max: 500, multiline: true })),
  infringingListing: optional(text({ max: 1000, multiline: true })),
});

const id = z.coerce.number().int().positive();
const reason = text({ min: 2, max: 2000, multiline: true });

export const disputeIdSchema = z.object({ disputeId: id });
export const assignSchema = z.object({ disputeId: id, assigneeUserId: id });
/** `to`: the party the page offered to escalate to (another may have escalated it meanwhile). */
export const escalateSchema = z.object({ disputeId: id, to: z.enum(disputeParties) });
export const deadlineOverrideSchema = z.object({
  disputeId: id,
  // A date-time-local value ("2026-07-01T18:00") read in the store's time zone, or ISO.
  deadlineAt: z.string().trim().min(1).max(40),
  // Which of the two, where the store's clock shows the time twice (the night it goes back).
  deadlineAtOccurrence: occurrenceChoice,
  reason,
});
export const resolveSchema = z.object({ disputeId: id, outcome: z.enum(disputeOutcomes), summary: reason });
export const withdrawSchema = z.object({ disputeId: id, reason });
export const commentSchema = z.object({ disputeId: id, body: text({ min: 1, max: 5000, multiline: true }) });

export const partyContactSchema = z.object({
  party: z.enum(disputeParties),
  name: text({ max: 200 }).default(""),
  contact: text({ max: 500, multiline: true }).default(""),
  notes: text({ max: 2000, multiline: true }).default(""),
  // When the details the form showed were saved (savePartyContact refuses later ones).
  seen: seenField,
});
export const legalThresholdFormSchema = z.object({
  // Named as the amount at stake's is: "-5" is a negative threshold, not "no amount".
  legalThreshold: z.string().trim().min(1).max(30).refine(notNegative, keyed("The legal threshold cannot be negative.", "disputes.parties.negativeAmount")),
  seen: seenField,
});

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
