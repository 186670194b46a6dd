import { createFormatter, createTranslator } from "use-intl/core";
import zhCN from "@/messages/zh-CN";

// Stands in for "@/lib/i18n/server" in tests of actions and route handlers, whose request (the
// reader's language cookie) Next.js gives them: a reader who chose Chinese.
//   vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));

export const getTranslations = async (namespace?: string) =>
  createTranslator({ locale: "zh-CN", messages: zhCN, namespace: namespace as never }) as unknown as ((
    key: string,
    values?: Record<string, string | number>,
  ) => string) & { has(key: string): boolean };
export const getLocale = async () => "zh-CN";
export const getFormatter = async () => createFormatter({ locale: "zh-CN", timeZone: "Asia/Shanghai" });
