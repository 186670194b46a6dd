import { createElement, type ReactNode } from "react";
import { prerender } from "react-dom/static";
import { NextIntlClientProvider } from "next-intl";
import zhCN from "@/messages/zh-CN";

/**
 * `node` given the catalogue as a Chinese reader's client components are (a table's box names
 * itself from it), for renderToStaticMarkup.
 */
export const inChinese = (node: ReactNode) => createElement(NextIntlClientProvider, { locale: "zh-CN", messages: zhCN, timeZone: "Asia/Shanghai", children: node });

// A page as a Chinese reader gets it, for tests: its async server components awaited (prerender
// does, renderToStaticMarkup does not) and its client components given the catalogue. A file that
// renders client components using next/navigation mocks it:
//   vi.mock("next/navigation", () => import("@/tests/fake-navigation"));
export async function renderServer(node: ReactNode): Promise<string> {
  const { prelude } = await prerender(inChinese(node));
  return new Response(prelude).text();
}
