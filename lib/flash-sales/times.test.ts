import { describe, expect, it } from "vitest";
import { createFormatter, createTranslator } from "use-intl/core";
import { inReaderLanguage, type AppError } from "@/lib/errors";
import type { Translate } from "@/lib/i18n/locales";
import { storeTimeValues } from "@/lib/i18n/store-time-text";
import en from "@/messages/en";
import { inChinese } from "@/tests/in-chinese";
import { repeatedOccurrence } from "@/lib/store-time";
import { toStoreInputValue } from "@/lib/store-time";
import { parseStoreTime, suggestedSaleStart } from "./times";

const inEnglish = createTranslator({ locale: "en", messages: en }) as unknown as Translate;

/** A refusal as a page in `zone` shows it, in Chinese or English: its day written as the page writes days. */
const onPage = (error: AppError, zone: string, locale: "zh-CN" | "en" = "zh-CN") => {
  const t = locale === "en" ? inEnglish : inChinese;
  const format = createFormatter({ locale, timeZone: "UTC" });
  return inReaderLanguage(error, t, (times) => storeTimeValues(t, format, zone, times));
};

describe("a new sale's suggested start", () => {
  it("is tomorrow at the next whole hour of the store's clock, in a zone half or a quarter of an hour off UTC too", () => {
    const now = new Date("2026-12-07T04:40:00Z");
    const suggested = (zone: string) => toStoreInputValue(suggestedSaleStart(now, zone), zone);
    expect(suggested("Asia/Shanghai")).toBe("2026-12-08T13:00"); // 12:40 now
    expect(suggested("Asia/Kolkata")).toBe("2026-12-08T11:00"); // 10:10 now
    expect(suggested("Asia/Kathmandu")).toBe("2026-12-08T11:00"); // 10:25 now
    expect(suggested("Australia/Adelaide")).toBe("2026-12-08T16:00"); // 15:10 now
  });

  it("is an hour the store's clock shows on the day the clocks go forward", () => {
    // 28 March 00:30 GMT: tomorrow's 01:00 never comes in London; 02:00 BST does.
    expect(suggestedSaleStart(new Date("2026-03-28T00:30:00Z"), "Europe/London")).toEqual(new Date("2026-03-29T01:00:00Z"));
  });
});

/** What parseStoreTime throws for `text` in `zone`, the form's way ("ask") or the API's. */
function refusalOf(field: string, text: string, zone: string, occurrence?: "ask") {
  try {
    parseStoreTime(field, text, zone, occurrence);
  } catch (error) {
    return error as AppError;
  }
  throw new Error(`${text} in ${zone} was read`);
}

describe("a sale's time the store's clock skips", () => {
  const refusal = (text: string, zone: string) => refusalOf("startsAt", text, zone);

  it("is refused, naming the time, the day, the zone and the clocks' jump, not moved an hour on", () => {
    // London goes from 01:00 GMT to 02:00 BST on 28 March 2027: 01:30 never comes.
    const london = refusal("2027-03-28T01:30", "Europe/London");
    expect(london).toMatchObject({
      code: "invalid",
      status: 422,
      key: "flashSales.errors.skippedTime",
      values: { time: "01:30", zone: "Europe/London", from: "01:00", to: "02:00" },
      details: [{ path: "startsAt", message: "01:30 does not exist on 2027-03-28 in Europe/London: the clocks go forward from 01:00 to 02:00. Pick another time." }],
    });
    expect(london.message).toBe("startsAt: 01:30 does not exist on 2027-03-28 in Europe/London: the clocks go forward from 01:00 to 02:00. Pick another time.");
    // Said in both languages, the form's words, its day as the page writes days (it said "2027-03-28"),
    // its times of the clock as the page writes times: "1:30 AM" in English, not the API's "01:30".
    expect(onPage(london, "Europe/London")).toBe("2027年3月28日 01:30 在 Europe/London 时区不存在：当天时钟从 01:00 直接拨到 02:00。请另选时间。");
    expect(onPage(london, "Europe/London", "en")).toBe("1:30 AM does not exist on Mar 28, 2027 in Europe/London: the clocks go forward from 1:00 AM to 2:00 AM. Pick another time.");
  });

  it("names each zone's own jump: New York's 02:00, Santiago's midnight, Lord Howe's half hour", () => {
    const jump = (text: string, zone: string) => {
      const { time, from, to } = refusal(text, zone).values!;
      return `${time}: ${from}→${to}`;
    };
    expect(jump("2027-03-14 02:59", "America/New_York")).toBe("02:59: 02:00→03:00");
    expect(jump("2027-03-28T02:15", "Europe/Berlin")).toBe("02:15: 02:00→03:00");
    expect(jump("2026-09-06T00:00", "America/Santiago")).toBe("00:00: 00:00→01:00");
    expect(jump("2026-10-04T02:10:30", "Australia/Lord_Howe")).toBe("02:10: 02:00→02:30");
    // The day is the one typed, in the zone's own calendar (Lord Howe is 10:30 or 11 hours ahead of UTC).
    expect(onPage(refusal("2026-10-04T02:10:30", "Australia/Lord_Howe"), "Australia/Lord_Howe")).toMatch(/^2026年10月4日 02:10 /);
    expect(onPage(refusal("2027-03-14 02:59", "America/New_York"), "America/New_York", "en")).toMatch(/^2:59 AM does not exist on Mar 14, 2027 in /);
    // Midnight and the half hour as the English page writes them; the Chinese page's clock is the 24-hour one.
    expect(onPage(refusal("2026-09-06T00:00", "America/Santiago"), "America/Santiago", "en")).toMatch(/^12:00 AM .* from 12:00 AM to 1:00 AM\./);
    expect(onPage(refusal("2026-10-04T02:10:30", "Australia/Lord_Howe"), "Australia/Lord_Howe", "en")).toMatch(/^2:10 AM .* from 2:00 AM to 2:30 AM\./);
    expect(onPage(refusal("2026-09-06T00:00", "America/Santiago"), "America/Santiago")).toMatch(/当天时钟从 00:00 直接拨到 01:00/);
  });

  it("is not a time the clock shows: either side of the jump, the hour it repeats, or a time with an offset", () => {
    const read = (text: string, zone = "Europe/London") => parseStoreTime("endsAt", text, zone).toISOString();
    expect(read("2027-03-28T00:59")).toBe("2027-03-28T00:59:00.000Z");
    expect(read("2027-03-28T02:00")).toBe("2027-03-28T01:00:00.000Z");
    // Clocks go back on 31 October 2027: 01:30 comes twice; the first is taken.
    expect(read("2027-10-31T01:30")).toBe("2027-10-31T00:30:00.000Z");
    // An instant given with its offset is no wall-clock time: taken as sent.
    expect(read("2027-03-28T01:30:00Z")).toBe("2027-03-28T01:30:00.000Z");
    expect(read("2027-03-28T01:30:00+00:00")).toBe("2027-03-28T01:30:00.000Z");
    expect(read("2027-03-28T01:30", "Asia/Shanghai")).toBe("2027-03-27T17:30:00.000Z");
  });
});

describe("a sale's time the store's clock shows twice", () => {
  // New York goes back from 02:00 EDT to 01:00 EST on 7 November 2027: 01:00–02:00 comes twice.
  const refusal = (text: string, zone: string) => refusalOf("endsAt", text, zone, "ask");
  const read = (text: string, zone: string, occurrence?: "first" | "second" | "ask") => parseStoreTime("startsAt", text, zone, occurrence).toISOString();

  it("is asked about on the form, naming the time, the day, the zone and both offsets, at the field's choice of the two", () => {
    const asked = refusal("2027-11-07T01:30", "America/New_York");
    expect(asked).toMatchObject({
      code: "invalid",
      status: 422,
      key: "errors.repeatedTime",
      values: { time: "01:30", zone: "America/New_York", first: "UTC−04:00", second: "UTC−05:00" },
      details: [
        {
          path: "endsAtOccurrence",
          message: "01:30 on 2027-11-07 happens twice in America/New_York: first at UTC−04:00, then at UTC−05:00, after the clocks go back. Choose which one.",
        },
      ],
    });
    // Its day as the page writes days (it said "2027-11-07").
    expect(onPage(asked, "America/New_York")).toBe("2027年11月7日 01:30 在 America/New_York 时区会出现两次：先是 UTC−04:00，时钟回拨后又是 UTC−05:00。请选择是哪一次。");
    expect(onPage(asked, "America/New_York", "en")).toBe(
      "1:30 AM on Nov 7, 2027 happens twice in America/New_York: first at UTC−04:00, then at UTC−05:00, after the clocks go back. Choose which one.",
    );
  });

  it("is the occurrence chosen; the API's, given none, is the first (an offset names the second)", () => {
    expect(read("2027-11-07T01:30", "America/New_York", "first")).toBe("2027-11-07T05:30:00.000Z");
    expect(read("2027-11-07T01:30", "America/New_York", "second")).toBe("2027-11-07T06:30:00.000Z");
    expect(read("2027-11-07 01:59:30", "America/New_York", "second")).toBe("2027-11-07T06:59:30.000Z");
    expect(read("2027-11-07T01:30", "America/New_York")).toBe("2027-11-07T05:30:00.000Z");
    expect(read("2027-11-07T01:30-05:00", "America/New_York", "ask")).toBe("2027-11-07T06:30:00.000Z");
  });

  it("is only a time in the repeated hour: its edges, a zone without summer time and an offset are read as they are", () => {
    expect(read("2027-11-07T00:59", "America/New_York", "ask")).toBe("2027-11-07T04:59:00.000Z");
    expect(read("2027-11-07T02:00", "America/New_York", "ask")).toBe("2027-11-07T07:00:00.000Z");
    expect(refusal("2027-11-07T01:00", "America/New_York").values).toMatchObject({ time: "01:00" });
    // Shanghai's clock never goes back: its 01:30 that night is one time, asked nothing, the choice ignored.
    expect(read("2027-11-07T01:30", "Asia/Shanghai", "ask")).toBe("2027-11-06T17:30:00.000Z");
    expect(read("2027-11-07T01:30", "Asia/Shanghai", "second")).toBe("2027-11-06T17:30:00.000Z");
  });

  it("is the half hour Lord Howe repeats, each named by its half-hour offset", () => {
    // Lord Howe goes back from 02:00 (UTC+11) to 01:30 (UTC+10:30) on 4 April 2027.
    expect(refusal("2027-04-04T01:45", "Australia/Lord_Howe").values).toMatchObject({ time: "01:45", first: "UTC+11:00", second: "UTC+10:30" });
    expect(read("2027-04-04T01:45", "Australia/Lord_Howe", "first")).toBe("2027-04-03T14:45:00.000Z");
    expect(read("2027-04-04T01:45", "Australia/Lord_Howe", "second")).toBe("2027-04-03T15:15:00.000Z");
    expect(read("2027-04-04T01:15", "Australia/Lord_Howe", "ask")).toBe("2027-04-03T14:15:00.000Z");
  });

  it("is shown by the edit form as its time and which of the two it is, and read back as the same instant", () => {
    for (const [instant, zone] of [
      ["2027-11-07T05:30:00.000Z", "America/New_York"],
      ["2027-11-07T06:30:00.000Z", "America/New_York"],
      ["2027-04-03T15:15:00.000Z", "Australia/Lord_Howe"],
      ["2027-10-31T01:00:00.000Z", "Europe/London"],
    ] as const) {
      const date = new Date(instant);
      const which = repeatedOccurrence(date, zone);
      expect(which, `${instant} in ${zone}`).not.toBeNull();
      expect(parseStoreTime("startsAt", toStoreInputValue(date, zone), zone, which!.occurrence).toISOString()).toBe(instant);
    }
    expect(repeatedOccurrence(new Date("2027-11-07T06:30:00Z"), "America/New_York")).toEqual({ occurrence: "second", offset: "UTC−05:00" });
    expect(repeatedOccurrence(new Date("2027-11-07T06:30:00Z"), "Asia/Shanghai")).toBeNull();
    expect(repeatedOccurrence(new Date("2027-11-07T07:00:00Z"), "America/New_York")).toBeNull();
  });
});
