import { z } from "zod";
import { keyedIssue } from "./keyed";
import { seenField } from "./seen";
import { text } from "./text";

const currencies = new Set(Intl.supportedValuesOf("currency"));
const timeZones = new Set(Intl.supportedValuesOf("timeZone"));

export const storeSlug = z
  .string()
  .trim()
  .superRefine((slug, ctx) => {
    if (!/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(slug)) {
      ctx.addIssue(keyedIssue("Use 1–40 lower-case letters, digits and dashes", "errors.field.badStoreSlug", { max: 40 }));
    }
  });

export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((c, ctx) => {
    if (!currencies.has(c)) ctx.addIssue(keyedIssue("Unknown ISO 4217 currency code", "errors.field.unknownCurrency", { value: c }));
  });

export const timeZone = z
  .string()
  .trim()
  .superRefine((tz, ctx) => {
    if (!timeZones.has(tz) && tz !== "UTC") ctx.addIssue(keyedIssue("Unknown IANA time zone", "errors.field.unknownTimeZone", { value: tz }));
  });

export const storeSettingsSchema = z.object({
  name: text({ min: 1, max: 100 }),
  currency: currencyCode,
  timezone: timeZone,
});

/** The settings form's, with `seen`: when the settings it showed were saved (updateStoreSettings refuses newer ones). */
export const storeSettingsFormSchema = storeSettingsSchema.extend({ seen: seenField });

export const createStoreSchema = storeSettingsSchema.extend({
  slug: storeSlug,
  currency: currencyCode.default("CNY"),
  timezone: timeZone.default("Asia/Shanghai"),
});
