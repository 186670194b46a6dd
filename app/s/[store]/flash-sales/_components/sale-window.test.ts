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

  it("says which of the two times a store's clock shows twice each end is, by its offset, in a store whose clock goes back", () => {
    // New York goes back from 02:00 EDT to 01:00 EST on 7 November 2027: the second 01:30 to the first 01:50.
    const ny = { slug: "ny", timezone: "America/New_York" };
    const sale = { id: 7, from: new Date("2027-11-07T06:30:00Z"), to: new Date("2027-11-07T05:50:00Z") };
    const t = (locale: "zh-CN" | "en") => createTranslator({ locale, messages: locale === "en" ? en : zhCN }) as Translate;
    const said = (locale: "zh-CN" | "en", window = sale) => overlapInReadersLanguage(t(locale), createFormatter({ locale, timeZone: "UTC" }), ny, window).message;
    expect(said("zh-CN")).toBe("此时间与该商品的抢购 #7（2027年11月7日 01:30（第二次，UTC−05:00）–01:50（第一次，UTC−04:00））重叠。");
    expect(said("en")).toBe("This time overlaps sale #7 of this product (Nov 7, 2027, 1:30 AM (the second, UTC−05:00) – 1:50 AM (the first, UTC−04:00)).");
    // A time the clock shows once that night is written as any other.
    expect(said("zh-CN", { ...sale, to: new Date("2027-11-07T08:00:00Z") })).toBe("此时间与该商品的抢购 #7（2027年11月7日 01:30（第二次，UTC−05:00）–03:00）重叠。");
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
