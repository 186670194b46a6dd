import { z } from "zod";
import { absentIfNull } from "./absent";
import { wholeNumber } from "./numbers";
import { tiers } from "@/db/schema/scoring";
import { amountShape, MAJOR_AMOUNT } from "@/lib/money";
import { keyed } from "./keyed";
import { malformed } from "./malformed";
import { occurrenceChoice as occurrence } from "./occurrence";
import { externalIdText, text } from "./text";

// The shapes of a flash sale as the form and the API send it. Business rules (price guard,
// stock, overlap, what may change after the start) are the domain's: lib/flash-sales/rules.ts.

/**
 * ISO 8601 with an offset, or a wall-clock time ("2030-06-01T10:00") read in the store's time zone.
 * A refusal carries its catalogue key (errors.field) for the form; the English is what the API says.
 */
const time = z
  .string()
  .trim()
  .refine(
    (text) => /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text),
    malformed(keyed("Use a date and time like 2030-06-01T10:00 (store time) or ISO 8601 with an offset.", "errors.field.notDateTime")),
  );

const wholeCount = (max: number) => z.coerce.number().int().min(1).max(max);

// The API's bodies are strict, so a misspelt key ("perCustomerlimit") is refused by name
// instead of quietly becoming the default. The form schemas are not: FormData carries more
// fields than the schema lists (Next's $ACTION_ID_…, for one).
export const flashSaleApiCreateSchema = z.strictObject({
  productExternalId: externalIdText(),
  price: wholeNumber(0),
  quantity: wholeNumber(1, 1_000_000),
  perCustomerLimit: absentIfNull(wholeNumber(1, 1_000).default(1)),
  startsAt: time,
  endsAt: time,
  earlyAccess: z
    .strictObject({ tier: z.enum(tiers), minutes: wholeNumber(1, 10_080) })
    .nullish(),
});
export type FlashSaleApiCreate = z.output<typeof flashSaleApiCreateSchema>;

/** The edit form (and the create form's common part): FormData strings; the price in major units as people type it. */
export const flashSaleFormSchema = z.object({
  price: z
    .string()
    .trim()
    // Its shape (full-width "７９．９０" and "¥79.90" as every money form reads them); the
    // decimals the store's currency allows are parseMajorPrice's.
    .refine((text) => MAJOR_AMOUNT.test(amountShape(text)), keyed("Enter a price like 19.90", "errors.field.notPrice")),
  quantity: wholeCount(1_000_000),
  perCustomerLimit: wholeCount(1_000),
  startsAt: time,
  endsAt: time,
  // Which of the two a time in the hour the clocks repeat is (the form asks only then).
  startsAtOccurrence: occurrence,
  endsAtOccurrence: occurrence,
  earlyAccessTier: z.union([z.enum(tiers), z.literal("")]).optional(),
  earlyAccessMinutes: z.union([z.coerce.number().int().min(1).max(10_080), z.literal("")]).optional(),
});
export type FlashSaleForm = z.output<typeof flashSaleFormSchema>;

/** The create form: the product by its external id, as the API names it. */
export const flashSaleCreateFormSchema = flashSaleFormSchema.extend({ productExternalId: externalIdText() });
export type FlashSaleCreateForm = z.output<typeof flashSaleCreateFormSchema>;

export const flashSaleClaimSchema = z.strictObject({
  customerExternalId: externalIdText(),
  customerName: absentIfNull(text({ max: 200 }).optional()),
  quantity: absentIfNull(wholeNumber(1, 1_000).default(1)),
  idempotencyKey: text({ min: 1, max: 200 }),
});
export type FlashSaleClaimInput = z.output<typeof flashSaleClaimSchema>;
