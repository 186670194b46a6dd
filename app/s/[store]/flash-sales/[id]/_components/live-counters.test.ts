import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";
import { LiveCounters } from "./live-counters";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));

type Counters = Parameters<typeof LiveCounters>[0]["initial"];

const render = (initial: Counters, locale: "zh-CN" | "en" = "zh-CN") =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "en" ? en : zhCN,
      timeZone: "Asia/Shanghai",
      children: createElement(LiveCounters, { pollUrl: "/s/demo/flash-sales/7/live", initial }),
    }),
  );
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replaceAll("&#x27;", "'").replace(/\s+/g, " ");

describe("a sale's counters, as its page shows them", () => {
  it("once the sale is over, say how many units went back to the product's stock instead of what is left to sell", () => {
    const settled: Counters = { sold: 1, remaining: 199, quantity: 200, status: "ended", returnedUnits: 199 };
    const chinese = text(render(settled));
    expect(chinese).toContain("退回库存件数 199");
    expect(chinese).toContain("未售出的 199 件已退回商品库存。");
    expect(chinese).not.toContain("剩余");
    const english = text(render(settled, "en"));
    expect(english).toContain("Units returned to stock 199");
    expect(english).toContain("The 199 units not sold went back to the product's stock.");
    expect(english).not.toContain("Remaining");
    const cancelled = text(render({ sold: 0, remaining: 1, quantity: 1, status: "cancelled", returnedUnits: 1 }, "en"));
    expect(cancelled).toContain("The 1 unit not sold went back to the product's stock.");
    expect(text(render({ sold: 5, remaining: 0, quantity: 5, status: "ended", returnedUnits: 0 }))).toContain("全部售出，没有剩余件数退回库存。");
  });

  it("while it is open, show what is left to sell", () => {
    const open = text(render({ sold: 3, remaining: 7, quantity: 10, status: "live", returnedUnits: null }));
    expect(open).toContain("剩余 7");
    expect(open).not.toContain("退回");
  });
});
