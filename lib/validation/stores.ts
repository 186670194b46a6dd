import { z } from "zod";

const currencies = new Set(Intl.supportedValuesOf("currency"));
const timeZones = new Set(Intl.supportedValuesOf("timeZone"));

/**
 * A refusal with its catalogue key (under "errors.field") beside its English, so a form words it
 * in its reader's language while the API and the command line keep the English.
 */
function fieldIssue(message: string, key: string, values: Record<string, string | number>) {
  return { code: "custom" as const, path: [], message, params: { key: `errors.field.${key}`, values } };
}

export const storeSlug = z
  .string()
  .trim()
  .superRefine((slug, ctx) => {
    if (!/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(slug)) {
      ctx.addIssue(fieldIssue("Use 1–40 lower-case letters, digits and dashes", "badStoreSlug", { max: 40 }));
    }
  });

export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((c, ctx) => {
    if (!currencies.has(c)) ctx.addIssue(fieldIssue("Unknown ISO 4217 currency code", "unknownCurrency", { value: c }));
  });

export const timeZone = z
  .string()
  .trim()
  .superRefine((tz, ctx) => {
    if (!timeZones.has(tz) && tz !== "UTC") ctx.addIssue(fieldIssue("Unknown IANA time zone", "unknownTimeZone", { value: tz }));
  });

export const storeSettingsSchema = z.object({
  name: z.string().trim().min(1).max(100),
  currency: currencyCode,
  timezone: timeZone,
});

export const createStoreSchema = storeSettingsSchema.extend({
  slug: storeSlug,
  currency: currencyCode.default("CNY"),
  timezone: timeZone.default("Asia/Shanghai"),
});
