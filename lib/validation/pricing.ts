import { z } from "zod";
import { absentIfNull } from "./absent";
import { queryNumber, wholeNumber } from "./numbers";
import { tiers } from "@/db/schema/scoring";
import { formNumber } from "./form-number";
import { keyed } from "./keyed";
import { malformed } from "./malformed";
import { seenField } from "./seen";
import { isoTimeInYears } from "./customers";
import { text } from "./text";

// Inputs of member prices, membership plans and points, shared by the forms, actions and API.
// The API speaks minor units; the forms take major units ("59.90") and convert with the store's currency.

const id = z.coerce.number().int().positive();

/**
 * A product's name, as the API's upsert (POST /api/v1/products) and the products page's rename
 * take it: required, at most 200 characters, stored NFC and trimmed.
 */
export const productNameSchema = text({ min: 1, max: 200 });

/** The products page's rename: the product, its new name, and the name the page showed (`seen`). */
export const renameProductInput = z.object({ productId: id, name: productNameSchema, seen: z.string().max(1000).optional() });

/** GET /api/v1/products: a search (name or external id containing it), a page size, the page's cursor. */
export const productListQuerySchema = z.object({
  q: text({ max: 100 }).optional(),
  limit: queryNumber({ min: 1, max: 500 }).default(50),
  // No length of its own: it holds an external id of up to 200 characters (800 bytes of UTF-8,
  // over 1,000 in base64), and one cut at 200 refused the next page of long or Chinese ids.
  // decodeProductCursor refuses what no product's id could be (400), however long.
  cursor: z.string().optional(),
});

/** One tier's member price: exactly one of a fixed price (minor units) or a whole percent off. */
export const memberPriceSchema = z
  .strictObject({
    tier: z.enum(tiers),
    price: absentIfNull(wholeNumber(0).optional()),
    percentOff: absentIfNull(wholeNumber(1, 99).optional()),
  })
  .refine((p) => (p.price === undefined) !== (p.percentOff === undefined), malformed("Give either price or percentOff, not both or neither."));
export type MemberPriceInput = z.output<typeof memberPriceSchema>;

/**
 * PUT /api/v1/products/{externalId}/member-prices: the product's whole set (tiers left out are
 * removed). Only the API reads it (the form has a field per tier), and strictly: a misspelt key
 * (`percent_off`) is refused, not dropped, which would have saved a different price.
 */
export const memberPricesBody = z
  .strictObject({ prices: z.array(memberPriceSchema).max(tiers.length) })
  .refine((b) => new Set(b.prices.map((p) => p.tier)).size === b.prices.length, malformed({ message: "Each tier may appear once.", path: ["prices"] }));

export const priceQuerySchema = z.object({
  customer: text({ min: 1, max: 200 }).optional(),
  // In the years every other time is held to: a price as of the year 9999 answered 200 with today's rules.
  at: isoTimeInYears.optional(),
});

export const planInput = z.object({
  name: text({ min: 1, max: 100 }),
  fee: z.string().trim().min(1).max(20),
  lengthDays: formNumber(z.coerce.number().int().min(1).max(3660)),
  tier: z.enum(tiers).exclude(["ordinary"]),
});

export const planIdInput = z.object({ planId: id });

export const enrolInput = z.object({
  planId: id,
  customer: text({ min: 1, max: 200 }),
  /** Blank means the plan's fee. */
  feePaid: z.string().trim().max(20).optional(),
});

export const membershipIdInput = z.object({ membershipId: id, feePaid: z.string().trim().max(20).optional() });
/** `after`: the end the page showed (its "until" or "renewed until"), which the renewal follows. */
export const renewInput = membershipIdInput.extend({ after: isoTimeInYears.transform((text) => new Date(text)).optional() });

const multiplier = formNumber(z.coerce.number().min(0).max(100));

export const pointsRulesInput = z.object({
  enabled: z
    .enum(["on", "true", "false", ""])
    .optional()
    .transform((v) => v === "on" || v === "true"),
  earnRate: formNumber(z.coerce.number().min(0).max(10_000)),
  expiryMonths: formNumber(z.coerce.number().int().min(0).max(120)),
  redeemRate: formNumber(z.coerce.number().int().min(1).max(1_000_000)),
  ordinary: multiplier,
  silver: multiplier,
  gold: multiplier,
  diamond: multiplier,
  crown: multiplier,
});
export type PointsRulesInput = z.output<typeof pointsRulesInput>;
/** The form's, with `seen`: when the rules it showed were saved ("" none yet; savePointsRules refuses newer ones). */
export const pointsRulesFormInput = pointsRulesInput.extend({
  seen: seenField,
});

// A blank field is "required", not read as 0 ("enter 1 or more", "enter a number other than 0").
export const redeemInput = z.object({ customerId: id, points: formNumber(z.coerce.number().int().min(1).max(100_000_000)) });

export const adjustInput = z.object({
  customerId: id,
  points: formNumber(
    z.coerce
      .number()
      .int()
      .min(-100_000_000)
      .max(100_000_000)
      .refine((n) => n !== 0, keyed("Not zero.", "errors.field.notZero")),
  ),
  reason: text({ min: 2, max: 500, multiline: true }),
});
