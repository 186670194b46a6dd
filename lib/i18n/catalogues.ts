import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";
import type { Locale } from "./locales";

/** Every message of each language: the request's (lib/i18n/request.ts), or one a page writes in whatever the reader's is. */
export const catalogues: Record<Locale, typeof zhCN> = { "zh-CN": zhCN, en };
