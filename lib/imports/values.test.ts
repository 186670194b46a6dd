import { describe, expect, it } from "vitest";
import { decimalToScaled, divideRoundHalfAwayFromZero, localTimeReader, parseBoolean, parseMoney, RowError } from "./values";

describe("exact money", () => {
  it("scales decimals without floats, rounding half away from zero", () => {
    expect(decimalToScaled("2.55", 2)).toBe(255n);
    expect(decimalToScaled("2.555", 2)).toBe(256n);
    expect(decimalToScaled("-2.555", 2)).toBe(-256n);
    expect(decimalToScaled("0.1", 3)).toBe(100n);
    expect(decimalToScaled("1e5", 2)).toBeNull();
    expect(divideRoundHalfAwayFromZero(25n, 10n)).toBe(3n);
    expect(divideRoundHalfAwayFromZero(-25n, 10n)).toBe(-3n);
    expect(divideRoundHalfAwayFromZero(24n, 10n)).toBe(2n);
  });

  it("reads amounts in major units with at most the currency's decimals", () => {
    expect(parseMoney("unitPrice", "12.5", 2)).toBe(1250);
    expect(parseMoney("unitPrice", "0.07", 2)).toBe(7);
    expect(() => parseMoney("unitPrice", "1.234", 2)).toThrow(/at most 2 decimals/);
    expect(() => parseMoney("unitPrice", "-1", 2)).toThrow(/negative/);
    expect(() => parseMoney("unitPrice", "abc", 2)).toThrow(RowError);
    expect(parseMoney("amount", "500", 0)).toBe(500);
  });

  it("reads booleans in both languages", () => {
    expect(parseBoolean("groupBuy", "是")).toBe(true);
    expect(parseBoolean("groupBuy", "FALSE")).toBe(false);
    expect(() => parseBoolean("groupBuy", "maybe")).toThrow(/not true or false/);
  });
});

describe("times in the store's zone", () => {
  it("reads local times in the zone, across daylight saving", () => {
    const london = localTimeReader("Europe/London");
    expect(london("InvoiceDate", "2010-12-01 08:26:00").toISOString()).toBe("2010-12-01T08:26:00.000Z");
    expect(london("InvoiceDate", "2011-06-01 08:26:00").toISOString()).toBe("2011-06-01T07:26:00.000Z");
    const shanghai = localTimeReader("Asia/Shanghai");
    expect(shanghai("placedAt", "2026-06-30T12:00").toISOString()).toBe("2026-06-30T04:00:00.000Z");
  });

  it("reads a time as Excel writes it for a Chinese locale, and refuses a slashed date off the calendar", () => {
    const shanghai = localTimeReader("Asia/Shanghai");
    expect(shanghai("placedAt", "2026/11/2 9:05").toISOString()).toBe("2026-11-02T01:05:00.000Z");
    expect(shanghai("placedAt", "2026/11/02 10:00:30").toISOString()).toBe("2026-11-02T02:00:30.000Z");
    expect(() => shanghai("placedAt", "2026/2/30 10:00")).toThrow(/not a time/);
    expect(() => shanghai("placedAt", "2026/11-02 10:00")).toThrow(/not a time/);
    expect(() => shanghai("placedAt", "2026-11-2 10:00")).toThrow(/not a time/);
  });

  it("reads an hour the clocks repeat as its first time, and one they skip as an hour later, in every zone", () => {
    const read = (zone: string, text: string) => localTimeReader(zone)("startsAt", text).toISOString();
    // Clocks go back: 01:30 comes twice; the first (summer time) is meant.
    expect(read("Europe/London", "2026-10-25 01:30")).toBe("2026-10-25T00:30:00.000Z");
    expect(read("America/New_York", "2026-11-01 01:30")).toBe("2026-11-01T05:30:00.000Z");
    expect(read("Australia/Sydney", "2026-04-05 02:30")).toBe("2026-04-04T15:30:00.000Z");
    // Clocks go forward: 01:30 never comes; it is read as 02:30 summer time.
    expect(read("Europe/London", "2026-03-29 01:30")).toBe("2026-03-29T01:30:00.000Z");
    expect(read("America/New_York", "2026-03-08 02:30")).toBe("2026-03-08T07:30:00.000Z");
    expect(read("Australia/Sydney", "2026-10-04 02:30")).toBe("2026-10-03T16:30:00.000Z");
    // The hours either side are plain.
    expect(read("Europe/London", "2026-10-25 02:00")).toBe("2026-10-25T02:00:00.000Z");
    expect(read("Europe/London", "2026-10-25 00:59")).toBe("2026-10-24T23:59:00.000Z");
  });

  it("takes a time with an offset as it is, and refuses what is not a time", () => {
    const read = localTimeReader("Asia/Shanghai");
    expect(read("placedAt", "2026-06-30T12:00:00Z").toISOString()).toBe("2026-06-30T12:00:00.000Z");
    expect(read("placedAt", "2026-06-30T12:00:00+01:00").toISOString()).toBe("2026-06-30T11:00:00.000Z");
    expect(() => read("placedAt", "yesterday")).toThrow(/not a time/);
    expect(() => read("placedAt", "2011-02-30 10:00:00")).toThrow(/not a time/);
  });

  it("refuses a record's time more than 24 hours after the import runs, and takes one exactly 24 hours after", () => {
    const now = new Date("2026-06-30T04:00:00Z"); // 12:00 in Shanghai
    const read = localTimeReader("Asia/Shanghai", { recordsAsOf: now });
    expect(read("placedAt", "2026-07-01 12:00:00").toISOString()).toBe("2026-07-01T04:00:00.000Z");
    expect(read("placedAt", "2026-07-01T04:00:00Z").toISOString()).toBe("2026-07-01T04:00:00.000Z");
    let refusal: unknown;
    try {
      read("placedAt", "2026-07-01 12:00:01");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RowError);
    expect(refusal).toMatchObject({
      column: "placedAt",
      message: "2026-07-01 12:00:01 is more than 24 hours after now: check its year and time zone",
      reason: { key: "importReasons.timeInFuture", values: { value: "2026-07-01 12:00:01", hours: "24" } },
    });
    // A year's slip, as an export with the wrong year has it.
    expect(() => read("placedAt", "2027-06-30 11:00:00")).toThrow(/more than 24 hours after now/);
    // A flash sale's times are meant to lie ahead: without recordsAsOf nothing is refused for that.
    expect(localTimeReader("Asia/Shanghai")("startsAt", "2027-06-30 11:00:00").toISOString()).toBe("2027-06-30T03:00:00.000Z");
  });
});
