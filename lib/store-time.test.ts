import { describe, expect, it } from "vitest";
import { localTimeReader } from "@/lib/imports/values";
import { tzOffset } from "@date-fns/tz";
import { addStoreDays, repeatedOccurrence, storeDateTime, storeDayBounds, unambiguousStoreDateTime } from "./store-time";

describe("days on the store's calendar", () => {
  it("keeps the hour of the store's clock across a change of the clocks", () => {
    // 20 March 23:30 GMT + 30 days: 19 April 23:30 BST (30 × 24 h would be 20 April 00:30).
    expect(storeDateTime(addStoreDays(new Date("2026-03-20T23:30:00Z"), 30, "Europe/London"), "Europe/London")).toBe("2026-04-19 23:30");
    expect(storeDateTime(addStoreDays(new Date("2026-10-02T14:00:00Z"), 7, "America/New_York"), "America/New_York")).toBe("2026-10-09 10:00");
    expect(storeDateTime(addStoreDays(new Date("2026-10-20T00:00:00Z"), 15, "America/New_York"), "America/New_York")).toBe("2026-11-03 20:00");
  });

  it("lands in an hour the clocks repeat or skip as a typed time is read, in every zone", () => {
    const cases = [
      ["Europe/London", "2026-09-25T00:30:00Z", "2026-10-25 01:30"], // repeated: the first (BST)
      ["America/New_York", "2026-10-02T05:30:00Z", "2026-11-01 01:30"], // repeated: the first (EDT)
      ["Europe/London", "2026-02-27T01:30:00Z", "2026-03-29 01:30"], // skipped: an hour later
      ["America/New_York", "2026-02-06T07:30:00Z", "2026-03-08 02:30"],
    ] as const;
    for (const [zone, from, typed] of cases) {
      expect(addStoreDays(new Date(from), 30, zone), `${zone} ${typed}`).toEqual(localTimeReader(zone)("at", typed));
    }
  });
});

describe("the store's day", () => {
  it("runs from its midnight to the next, 23 or 25 hours on a day the clocks change", () => {
    expect(storeDayBounds(new Date("2026-03-29T12:00:00Z"), "Europe/London")).toEqual({
      from: new Date("2026-03-29T00:00:00Z"),
      to: new Date("2026-03-29T23:00:00Z"),
    });
    expect(storeDayBounds(new Date("2026-10-25T23:30:00Z"), "Europe/London")).toEqual({
      from: new Date("2026-10-24T23:00:00Z"),
      to: new Date("2026-10-26T00:00:00Z"),
    }); // from midnight BST to midnight GMT: 25 hours
    expect(storeDayBounds(new Date("2026-06-30T16:30:00Z"), "Asia/Shanghai")).toEqual({
      from: new Date("2026-06-30T16:00:00Z"),
      to: new Date("2026-07-01T16:00:00Z"),
    }); // 00:30 on 1 July in Shanghai
    // Santiago's clocks skip midnight (00:00 → 01:00) on 6 September 2026: the day begins at 01:00.
    expect(storeDayBounds(new Date("2026-09-06T12:00:00Z"), "America/Santiago").from).toEqual(new Date("2026-09-06T04:00:00Z"));
  });
});

// The console's CSV files wrote both 01:30s of the night New York goes back as "2026-11-01 01:30".
describe("a store time as files write it", () => {
  it("carries its ISO offset in the hour the clock repeats, and reads back as the instant it was", () => {
    const first = new Date("2026-11-01T05:30:00Z");
    const second = new Date("2026-11-01T06:30:00Z");
    expect(unambiguousStoreDateTime(first, "America/New_York")).toBe("2026-11-01 01:30-04:00");
    expect(unambiguousStoreDateTime(second, "America/New_York")).toBe("2026-11-01 01:30-05:00");
    expect(unambiguousStoreDateTime(new Date("2026-10-25T01:15:00Z"), "Europe/London")).toBe("2026-10-25 01:15+00:00");
    // The imports read the text back as the same instant.
    const read = localTimeReader("America/New_York");
    expect(read("at", unambiguousStoreDateTime(second, "America/New_York")).getTime()).toBe(second.getTime());
  });

  it("is the store's date and time alone for any other hour", () => {
    expect(unambiguousStoreDateTime(new Date("2026-11-01T07:30:00Z"), "America/New_York")).toBe("2026-11-01 02:30");
    expect(unambiguousStoreDateTime(new Date("2026-11-01T04:30:00Z"), "America/New_York")).toBe("2026-11-01 00:30");
    expect(unambiguousStoreDateTime(new Date("2026-11-01T05:30:00Z"), "Asia/Shanghai")).toBe("2026-11-01 13:30");
  });
});

describe("which of a repeated time an instant is", () => {
  const at = (iso: string) => new Date(iso);

  it("is read in each store's own zone, whichever zone asked about the same day first", () => {
    // 05:30Z and 06:30Z are 01:30 twice in New York (EDT, then EST); in Shanghai and London,
    // asked first about the same days, they are 13:30/14:30 and 05:30/06:30, once each. (Days
    // no other test of this file reads.)
    expect(repeatedOccurrence(at("2028-11-05T05:30:00Z"), "Asia/Shanghai")).toBeNull();
    expect(repeatedOccurrence(at("2028-11-05T06:30:00Z"), "Europe/London")).toBeNull();
    expect(repeatedOccurrence(at("2028-11-05T05:30:00Z"), "America/New_York")).toEqual({ occurrence: "first", offset: "UTC\u221204:00" });
    expect(repeatedOccurrence(at("2028-11-05T06:30:00Z"), "America/New_York")).toEqual({ occurrence: "second", offset: "UTC\u221205:00" });
    expect(repeatedOccurrence(at("2028-11-05T06:30:00Z"), "Europe/London")).toBeNull();
    // London's own night, a week earlier: 01:30 BST (00:30Z), then 01:30 GMT (01:30Z).
    expect(repeatedOccurrence(at("2028-10-29T00:30:00Z"), "America/New_York")).toBeNull();
    expect(repeatedOccurrence(at("2028-10-29T00:30:00Z"), "Europe/London")).toEqual({ occurrence: "first", offset: "UTC+01:00" });
    expect(repeatedOccurrence(at("2028-10-29T01:30:00Z"), "Europe/London")).toEqual({ occurrence: "second", offset: "UTC+00:00" });
  });

  it("says of every time around a change of clock what the offsets a day either side say", () => {
    // The rule the quick path must agree with, read offset by offset (wallClockOffsets).
    const offset = (zone: string, ms: number) => tzOffset(zone, new Date(ms)) * 60_000;
    const reference = (ms: number, zone: string) => {
      const own = offset(zone, ms);
      const wall = ms + own;
      const offsets = [...new Set([offset(zone, wall - 86_400_000), offset(zone, wall + 86_400_000)])].filter((o) => offset(zone, wall - o) === o).sort((a, b) => b - a);
      return offsets.length < 2 ? null : own === offsets[0] ? "first" : "second";
    };
    // New York's and London's nights back, Lord Howe's half hour back (02:00 → 01:30), and
    // the nights forward, every ten minutes over four days, the zones taking turns.
    const zones = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Shanghai"];
    const starts = ["2026-10-23T00:00:00Z", "2026-10-30T00:00:00Z", "2027-04-02T00:00:00Z", "2027-03-12T00:00:00Z", "2027-03-26T00:00:00Z"];
    let repeated = 0;
    for (const start of starts) {
      for (let ms = Date.parse(start); ms < Date.parse(start) + 4 * 86_400_000; ms += 600_000) {
        for (const zone of zones) {
          const seen = repeatedOccurrence(new Date(ms), zone)?.occurrence ?? null;
          expect(seen, `${new Date(ms).toISOString()} in ${zone}`).toBe(reference(ms, zone));
          if (seen) repeated++;
        }
      }
    }
    // NY and London: 6 ten-minute steps twice each; Lord Howe: 3 twice.
    expect(repeated).toBe(2 * 6 * 2 + 2 * 3);
  });
});
