import { createFormatter, createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";
import type { Translate } from "./locales";
import { storeTimeHalves, storeTimes, storeTimeTick } from "./store-time-text";

const NY = "America/New_York";
// New York goes back from 02:00 EDT to 01:00 EST on 1 November 2026: 01:30 comes twice.
const first = new Date("2026-11-01T05:30:00Z");
const second = new Date("2026-11-01T06:30:00Z");

function when(locale: "zh-CN" | "en", timeZone = NY) {
  const t = createTranslator({ locale, messages: locale === "en" ? en : zhCN }) as Translate;
  // The reader's own zone is not the store's: the store's is the one written.
  return storeTimes(t, createFormatter({ locale, timeZone: "UTC" }), timeZone);
}

describe("a store time on the pages", () => {
  it("says which of the two the store's clock shows twice it is, by its offset, in both languages", () => {
    expect(when("en")(first)).toBe("Nov 1, 2026, 1:30 AM (the first, UTC−04:00)");
    expect(when("en")(second)).toBe("Nov 1, 2026, 1:30 AM (the second, UTC−05:00)");
    expect(when("zh-CN")(first)).toBe("2026年11月1日 01:30（第一次，UTC−04:00）");
    expect(when("zh-CN")(second)).toBe("2026年11月1日 01:30（第二次，UTC−05:00）");
  });

  it("does so in any format that shows the time of day, the clock alone or a chart's short one", () => {
    expect(when("en")(second, { timeStyle: "short" })).toBe("1:30 AM (the second, UTC−05:00)");
    expect(when("en")(first, { month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit" })).toBe("11/1, 1:30 AM (the first, UTC−04:00)");
  });

  it("says it on a chart's axis by which of the two alone, without the offset, in both languages", () => {
    const tick = (locale: "zh-CN" | "en", date: Date) => {
      const t = createTranslator({ locale, messages: locale === "en" ? en : zhCN }) as Translate;
      return storeTimeTick(t, createFormatter({ locale, timeZone: "UTC" }), NY, date, { month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit" });
    };
    // It was "11/1, 1:30 AM (the first, UTC−04:00)" under every bar of that hour.
    expect(tick("en", first)).toBe("11/1, 1:30 AM (1st)");
    expect(tick("en", second)).toBe("11/1, 1:30 AM (2nd)");
    expect(tick("zh-CN", second)).toBe("11/1 1:30（第二次）");
    expect(tick("en", new Date("2026-11-01T07:30:00Z"))).toBe("11/1, 2:30 AM");
  });

  it("writes any other time, and a day alone, as before", () => {
    expect(when("en")(new Date("2026-11-01T07:30:00Z"))).toBe("Nov 1, 2026, 2:30 AM");
    expect(when("zh-CN")(new Date("2026-11-01T04:30:00Z"))).toBe("2026年11月1日 00:30");
    expect(when("en")(second, { dateStyle: "medium" })).toBe("Nov 1, 2026");
    expect(when("en", "Asia/Shanghai")(second)).toBe("Nov 1, 2026, 2:30 PM");
  });
});

describe("a store time in two halves, for a narrow column", () => {
  const halves = (locale: "zh-CN" | "en", date: Date) => {
    const t = createTranslator({ locale, messages: locale === "en" ? en : zhCN }) as Translate;
    return storeTimeHalves(t, createFormatter({ locale, timeZone: "UTC" }), NY, date);
  };

  it("breaks between the day and the time of day, each whole, in both languages", () => {
    expect(halves("en", new Date("2026-11-01T07:30:00Z"))).toEqual({ day: "Nov 1, 2026,", time: "2:30 AM" });
    expect(halves("zh-CN", new Date("2026-11-01T04:30:00Z"))).toEqual({ day: "2026年11月1日", time: "00:30" });
    // The note of a time the clock shows twice goes with the time.
    expect(halves("en", second)).toEqual({ day: "Nov 1, 2026,", time: "1:30 AM (the second, UTC−05:00)" });
    expect(halves("zh-CN", first)).toEqual({ day: "2026年11月1日", time: "01:30（第一次，UTC−04:00）" });
  });
});
