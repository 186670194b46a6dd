import { createTranslator } from "use-intl/core";
import type { Translate } from "@/lib/i18n/locales";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";

/** A translator over the whole Chinese catalogue: what a page shows its reader in zh-CN. */
export const inChinese = createTranslator({ locale: "zh-CN", messages: zhCN }) as unknown as Translate;

/** The same over the English catalogue: what a page shows a reader who chose English. */
export const inEnglishPage = createTranslator({ locale: "en", messages: en }) as unknown as Translate;
