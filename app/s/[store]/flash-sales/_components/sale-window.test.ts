import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createFormatter, createTranslator, NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { RefusalAlert } from "@/components/action-form";
import type { Translate } from "@/lib/i18n/locales";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";
import { overlapInReadersLanguage } from "./sale-window";

const store = { slug: "demo", timezone: "Asia/Shanghai" };
// 10:00 to 12:00 on 8 December in Shanghai; the page's reader may be in another zone.
const otherSale = { id: 1234, from: new Date("2026-12-08T02:00:00Z"), to: new Date("2026-12-08T04:00:00Z") };

function overlap(locale: "zh-CN" | "en", sale = otherSale) {
  const t = createTranslator({ locale, messages: locale === "en" ? en : zhCN }) as Translate;
  return overlapInReadersLanguage(t, createFormatter({ locale, timeZone: "UTC" }), store, sale);
}

// It read "（#4，2026-12-08 10:00 – 2026-12-08 12:00）", the API's wording, with no way to the other sale.
describe("a flash sale's overlap refusal on the sale form", () => {
  it("writes the other sale's window as the flash-sale pages do, in the store's zone, and names the sale by a link", () => {
    expect(overlap("zh-CN")).toEqual({
      message: "此时间与该商品的抢购 #1234（2026年12月8日 10:00–12:00）重叠。",
      link: { text: "抢购 #1234", href: "/s/demo/flash-sales/1234" },
    });
    expect(overlap("en")).toEqual({
      message: "This time overlaps sale #1234 of this product (Dec 8, 2026, 10:00 AM – 12:00 PM).",
      link: { text: "sale #1234", href: "/s/demo/flash-sales/1234" },
    });
  });

  it("writes both ends in full when the window spans days", () => {
    const across = { ...otherSale, to: new Date("2026-12-09T04:00:00Z") };
    expect(overlap("zh-CN", across).message).toBe("此时间与该商品的抢购 #1234（2026年12月8日 10:00 至 2026年12月9日 12:00）重叠。");
  });

  it("is shown with the sale as a link, at the field it is about", () => {
    const { message, link } = overlap("zh-CN");
    const html = renderToStaticMarkup(
      createElement(NextIntlClientProvider, {
        locale: "zh-CN",
        messages: zhCN,
        children: createElement(RefusalAlert, {
          refusal: { message: "请检查标出的字段。", fieldErrors: { startsAt: [message] }, links: [link] },
          labels: { startsAt: "开始时间" },
          idPrefix: "f1",
        }),
      }),
    );
    expect(html).toContain('开始时间：此时间与该商品的<a href="/s/demo/flash-sales/1234" class="underline">抢购 #1234</a>（2026年12月8日 10:00–12:00）重叠。');
  });
});
