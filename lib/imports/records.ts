import { z } from "zod";
import { batchOf } from "@/lib/api/batch";
import { orderStatuses, returnStatuses, returnTypes } from "@/db/schema";
import { MAX_MONEY_MINOR } from "@/lib/money";
import { inTimeRange, MAX_COUNT, MAX_QUANTITY, TIME_RANGE_TEXT } from "./limits";
import { productNameSchema } from "@/lib/validation/pricing";
import { isoTimeWithOffset } from "@/lib/validation/customers";
import { externalIdText, text } from "@/lib/validation/text";
import { absentIfNull } from "@/lib/validation/absent";
import { wholeNumber } from "@/lib/validation/numbers";
import { futureTimeReason } from "./values";

// The records an import or an API upsert stages, whatever format they came in.

export interface OrderLine {
  orderExternalId: string;
  customerExternalId: string;
  customerName: string | null;
  placedAt: Date;
  status: (typeof orderStatuses)[number];
  groupBuy: boolean;
  productExternalId: string;
  productName: string | null;
  quantity: number;
  unitPrice: number;
  lineAmount: number;
}

export interface ReturnRecord {
  externalId: string;
  customerExternalId: string;
  orderExternalId: string | null;
  type: (typeof returnTypes)[number];
  amount: number;
  requestedAt: Date;
  status: (typeof returnStatuses)[number];
}

export interface ReviewRecord {
  externalId: string;
  customerExternalId: string;
  orderExternalId: string | null;
  productExternalId: string | null;
  rating: number;
  hasPhotos: boolean;
  likes: number;
  createdAt: Date;
}

export interface ShareRecord {
  externalId: string;
  customerExternalId: string;
  productExternalId: string | null;
  sharedAt: Date;
  conversions: number;
}

export type StagedRecord =
  | { table: "orderLines"; values: OrderLine }
  | { table: "returns"; values: ReturnRecord }
  | { table: "reviews"; values: ReviewRecord }
  | { table: "shares"; values: ShareRecord };

// API bodies (PRODUCT.md §8). Money is in minor units, times are ISO 8601 with an offset. An
// optional field sent as null is one not given (absentIfNull), but for floorPrice, whose null
// clears the floor.
const externalId = externalIdText();
const money = wholeNumber(0, MAX_MONEY_MINOR, "minor units");
// A record's time: in the years the columns take, and not in the future (futureTimeReason) as
// of the moment the request is read.
const time = isoTimeWithOffset().transform((text, ctx) => {
  const date = new Date(text);
  if (!inTimeRange(date)) {
    ctx.issues.push({ code: "custom", input: text, message: `must be in the years ${TIME_RANGE_TEXT.from} to ${TIME_RANGE_TEXT.to}` });
    return z.NEVER;
  }
  const ahead = futureTimeReason(text, date, new Date());
  if (ahead) {
    ctx.issues.push({ code: "custom", input: text, message: ahead.message, params: { key: ahead.key, values: ahead.values } });
    return z.NEVER;
  }
  return date;
});
export const productsBody = batchOf(
  "products",
  z
    .object({
      externalId,
      name: productNameSchema,
      price: money,
      // null clears the floor (the products page's blank floor); left out, the stored one stays.
      floorPrice: money.nullable().optional(),
      stock: absentIfNull(wholeNumber(0, MAX_COUNT).optional()),
    })
    .strict()
    .refine((p) => p.floorPrice == null || p.floorPrice <= p.price, {
      message: "floorPrice must not be above price",
      path: ["floorPrice"],
    }),
);

export const ordersBody = batchOf(
  "orders",
  z
    .object({
      externalId,
      customer: z.object({ externalId, name: absentIfNull(text({ max: 200 }).optional()) }).strict(),
      placedAt: time,
      status: z.enum(orderStatuses),
      groupBuy: absentIfNull(z.boolean().optional()),
      items: z
        .array(
          z
            .object({
              productExternalId: externalId,
              productName: absentIfNull(text({ max: 200 }).optional()),
              quantity: wholeNumber(1, MAX_QUANTITY),
              unitPrice: money,
            })
            .strict()
            // A unit price over the bound is refused by itself already: one refusal of it, not two.
            .refine((item) => item.unitPrice > MAX_MONEY_MINOR || item.quantity * item.unitPrice <= MAX_MONEY_MINOR, {
              message: `quantity × unitPrice must be at most ${MAX_MONEY_MINOR} minor units`,
              path: ["unitPrice"],
            }),
        )
        .min(1)
        .max(500),
    })
    .strict(),
);

export const returnsBody = batchOf(
  "returns",
  z
    .object({
      externalId,
      customerExternalId: externalId,
      orderExternalId: absentIfNull(externalId.optional()),
      type: z.enum(returnTypes),
      amount: money,
      requestedAt: time,
      status: z.enum(returnStatuses),
    })
    .strict(),
);

export const reviewsBody = batchOf(
  "reviews",
  z
    .object({
      externalId,
      customerExternalId: externalId,
      orderExternalId: absentIfNull(externalId.optional()),
      productExternalId: absentIfNull(externalId.optional()),
      rating: wholeNumber(1, 5),
      hasPhotos: absentIfNull(z.boolean().optional()),
      likes: absentIfNull(wholeNumber(0, MAX_COUNT).optional()),
      createdAt: time,
    })
    .strict(),
);

export const sharesBody = batchOf(
  "shares",
  z
    .object({
      externalId,
      customerExternalId: externalId,
      productExternalId: absentIfNull(externalId.optional()),
      sharedAt: time,
      conversions: absentIfNull(wholeNumber(0, MAX_COUNT).optional()),
    })
    .strict(),
);
