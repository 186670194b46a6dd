import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { catalogues } from "./catalogues";
import { LOCALE_COOKIE, readerLocale } from "./locales";

// No locale in the URL: the language is a per-browser preference kept in a cookie, and until one
// is chosen, the browser's own.
export default getRequestConfig(async () => {
  const [jar, sent] = await Promise.all([cookies(), headers()]);
  const locale = readerLocale(jar.get(LOCALE_COOKIE)?.value, sent.get("accept-language"));
  return { locale, messages: catalogues[locale], timeZone: "Asia/Shanghai" };
});
