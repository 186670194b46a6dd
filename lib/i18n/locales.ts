export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "zh-CN";
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** A translator over the whole catalogue: next-intl's `getTranslations()` on a page or route. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export function toLocale(value: string | undefined): Locale {
  return (locales as readonly string[]).includes(value ?? "") ? (value as Locale) : defaultLocale;
}
