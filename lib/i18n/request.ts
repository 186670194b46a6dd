import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";
import { LOCALE_COOKIE, toLocale } from "./locales";

const catalogues = { "zh-CN": zhCN, en } as const;

// No locale in the URL: the language is a per-browser preference kept in a cookie.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: catalogues[locale], timeZone: "Asia/Shanghai" };
});
