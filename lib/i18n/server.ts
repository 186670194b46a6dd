import { cache } from "react";
import { getLocale, getMessages, getTimeZone } from "next-intl/server";
import { _createCache, _createIntlFormatters, createFormatter, createTranslator } from "use-intl/core";
import { releaseFinishedRender } from "@/lib/render/release-finished-render";

/**
 * The translators and formatters of server components: next-intl's own, with their caches kept
 * for the life of the process instead of one request.
 *
 * next-intl keeps the parsed ICU messages and the Intl number, date and plural formatters in a
 * cache per request, so every request parsed each message with values again and built every
 * `Intl.NumberFormat` anew: about 5 ms of a customer page's 50. Their keys are the message text
 * or the formatter's options with the locale and time zone, never a request's values, so one
 * cache serves every request, in both languages, and stays as small as the catalogue.
 */
const processCache = _createCache();
const processFormatters = _createIntlFormatters(processCache);

const requestConfig = cache(async () => {
  // Once per server render, and every render that shows anything asks for its language, a client
  // navigation's too (which renders no layout above the page that changed).
  releaseFinishedRender();
  const [locale, messages, timeZone] = await Promise.all([getLocale(), getMessages(), getTimeZone()]);
  return { locale, messages, timeZone, _cache: processCache, _formatters: processFormatters };
});

/** The page's translator for a namespace, as next-intl's `getTranslations(namespace)`. */
export const getTranslations = cache(async (namespace?: string) => createTranslator({ ...(await requestConfig()), namespace }));

/** Numbers, dates and lists in the page's language, as next-intl's `getFormatter()`. */
export const getFormatter = cache(async () => {
  const { locale, timeZone } = await requestConfig();
  return createFormatter({ locale, timeZone, _cache: processCache, _formatters: processFormatters });
});

export { getLocale };
