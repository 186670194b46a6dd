export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "zh-CN";
/** Each language by its own name, as the language switches offer it. */
export const localeNames: Record<Locale, string> = { "zh-CN": "中文", en: "English" };
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** A translator over the whole catalogue: next-intl's `getTranslations()` on a page or route. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export function toLocale(value: string | undefined): Locale {
  return (locales as readonly string[]).includes(value ?? "") ? (value as Locale) : defaultLocale;
}

/** The locale of one language tag of ours (zh, zh-TW, en-GB…), or null. */
function localeOfTag(tag: string): Locale | null {
  const language = tag.trim().toLowerCase().split("-")[0];
  return language === "zh" ? "zh-CN" : language === "en" ? "en" : null;
}

/**
 * The reader's language: the one they chose with the language switch (the cookie), else the
 * first of their browser's languages (Accept-Language, by preference) that we have, else Chinese.
 */
export function readerLocale(chosen: string | undefined, acceptLanguage: string | null): Locale {
  if ((locales as readonly string[]).includes(chosen ?? "")) return chosen as Locale;
  const preferences = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { locale: localeOfTag(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((p) => p.locale !== null && p.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return preferences[0]?.locale ?? defaultLocale;
}

/** What goes between two sentences shown side by side: a space in English; none after a Chinese full stop. */
export const sentenceGap = (locale: string) => (locale.startsWith("zh") ? "" : " ");
