// use-intl is what next-intl is built on; its core has no React, so the CLI can load it too.
import { createTranslator } from "use-intl/core";
import type { Localizable } from "@/db/schema";
import english from "@/messages/en/import-reasons.json";

export type { Localizable };
type Values = NonNullable<Localizable["values"]>;

export type ReasonKey = keyof typeof english;

const inEnglish = createTranslator({ locale: "en", messages: { importReasons: english } });

/** A reason an import refused a row or a file, from messages/<locale>/import-reasons.json. */
export function reason(key: ReasonKey, values: Values = {}): Localizable {
  // Numbers as written ("1048576", not "1,048,576"): they are row numbers, ids and limits.
  const stored: Values = Object.fromEntries(Object.entries(values).map(([name, v]) => [name, typeof v === "number" ? String(v) : v]));
  const fullKey = `importReasons.${key}`;
  return { key: fullKey, values: stored, message: translate({ key: fullKey, values: stored, message: "" }, inEnglish as Translate) };
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The message in the language of `t` (a translator over the whole catalogue), or as stored. */
export function translate(m: Localizable, t: Translate): string {
  if (!m.key) return m.message;
  const values = Object.fromEntries(
    Object.entries(m.values ?? {}).map(([name, v]) => [name, typeof v === "object" ? translate(v, t) : v]),
  );
  return t(m.key, values);
}
