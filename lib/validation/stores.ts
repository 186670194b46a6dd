import { z } from "zod";

const currencies = new Set(Intl.supportedValuesOf("currency"));
const timeZones = new Set(Intl.supportedValuesOf("timeZone"));

export const storeSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "Use 1–40 lower-case letters, digits and dashes");

export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => currencies.has(c), "Unknown ISO 4217 currency code");

export const timeZone = z
  .string()
  .trim()
  .refine((tz) => timeZones.has(tz) || tz === "UTC", "Unknown IANA time zone");

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
