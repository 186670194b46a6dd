// use-intl is what next-intl is built on; its core has no React, so the CLI can load it too.
import { createTranslator } from "use-intl/core";
import type { Localizable } from "@/db/schema";
import type { Translate } from "@/lib/i18n/locales";
import english from "@/messages/en/import-reasons.json";

export type { Localizable };
export type ReasonKey = keyof typeof english;
type Values = NonNullable<Localizable["values"]>;

const inEnglish = createTranslator({ locale: "en", messages: { importReasons: english } }) as Translate;

/** A reason an import refused a row or a file, from messages/<locale>/import-reasons.json. */
export function reason(key: ReasonKey, values: Values = {}): Localizable {
  // Numbers as written ("1048576", not "1,048,576"): they are row numbers, ids and limits.
  const stored: Values = Object.fromEntries(Object.entries(values).map(([name, v]) => [name, typeof v === "number" ? String(v) : v]));
  const localizable = { key: `importReasons.${key}`, values: stored, message: "" };
  return { ...localizable, message: translate(localizable, inEnglish) };
}

/** The message in the language of `t`, or as stored when it has no key. */
export function translate(m: Localizable, t: Translate): string {
  if (!m.key) return m.message;
  const values = Object.fromEntries(
    Object.entries(m.values ?? {}).map(([name, v]) => [name, typeof v === "object" ? translate(v, t) : v]),
  );
  return t(m.key, values);
}
