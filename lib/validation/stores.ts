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

// A blank field is refused as required (it read " is not a currency code"), not judged a code.
// The code's letters full-width, as a Chinese input method types them ("ＣＮＹ"), are the code.
export const currencyCode = z
  .string()
  .overwrite((c) => c.normalize("NFKC").trim().toUpperCase())
  .min(1, { abort: true })
  .superRefine((c, ctx) => {
    if (!currencies.has(c)) ctx.addIssue(keyedIssue("Unknown ISO 4217 currency code", "errors.field.unknownCurrency", { value: c }));
  });

/** The zones by their names in lower case: "asia/shanghai" typed by hand is Asia/Shanghai. */
const timeZonesByLowerCase = new Map([...timeZones, "UTC"].map((tz) => [tz.toLowerCase(), tz]));

export const timeZone = z
  .string()
  .overwrite((tz) => {
    const typed = tz.normalize("NFKC").trim();
    return timeZonesByLowerCase.get(typed.toLowerCase()) ?? typed;
  })
  .min(1, { abort: true })
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
