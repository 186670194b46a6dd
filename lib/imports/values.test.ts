import { describe, expect, it } from "vitest";
import { decimalToScaled, divideRoundHalfAwayFromZero, lineAmountWithin, localTimeReader, parseBoolean, parseMoney, priceLine, RowError } from "./values";
import { MAX_QUANTITY } from "./limits";
import { reason } from "./reasons";

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

  it("reads times as PostgreSQL writes a timestamptz, with an offset of hours alone and microseconds", () => {
    // What psql's \copy or an ERP on PostgreSQL exports: "2026-06-30 12:00:00.123456+08".
    const read = localTimeReader("Europe/London");
    expect(read("placedAt", "2026-06-30 12:00:00+08").toISOString()).toBe("2026-06-30T04:00:00.000Z");
    expect(read("placedAt", "2026-06-30 12:00:00.123456+08").toISOString()).toBe("2026-06-30T04:00:00.123Z");
    expect(read("placedAt", "2026-06-30 12:00:00-05").toISOString()).toBe("2026-06-30T17:00:00.000Z");
    expect(read("placedAt", "2026-06-30 12:00:00+05:30").toISOString()).toBe("2026-06-30T06:30:00.000Z");
    // Without an offset, in the store's zone (summer time in London).
    expect(read("placedAt", "2026-06-30 12:00:00.123456").toISOString()).toBe("2026-06-30T11:00:00.123Z");
    expect(() => read("placedAt", "2026-06-30 12:00:00+8")).toThrow(/not a time/);
    expect(() => read("placedAt", "2026-06-30 12:00:00+24:00")).toThrow(/not a time/);
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

describe("priceLine", () => {
  // The line as it was read before doubles were used when exact: in BigInt throughout.
  function exactLine(quantity: number, text: string, digits: number) {
    const decimals = /\.(\d+)$/.exec(text.trim())?.[1]!.length ?? 0;
    const price = decimalToScaled(text, decimals);
    if (price === null) throw new RowError("UnitPrice", reason("notPrice", { value: text }));
    const priceUnit = 10n ** BigInt(decimals);
    const minor = 10n ** BigInt(digits);
    const lineAmount = lineAmountWithin("UnitPrice", divideRoundHalfAwayFromZero(BigInt(quantity) * price * minor, priceUnit), digits);
    return { unitPrice: Number(divideRoundHalfAwayFromZero(price * minor, priceUnit)), lineAmount };
  }
  const outcome = (read: () => { unitPrice: number; lineAmount: number }) => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      return { refused: error.column, ...error.reason };
    }
  };

  it("agrees with exact integer arithmetic on every kind of price, quantity and currency", () => {
    const wholes = ["0", "00", "1", "2", "12", "100", "99999999", "123456789012", "999999999999999", "9007199254740993"];
    const fractions = [null, "0", "5", "55", "00", "555", "0045", "45", "9999", "1", "123456789012345", "5000000000000000001"];
    const texts = ["", "abc", "1.", ".5", "1e5", "1,5", "--1", " 2.55 ", "\t3.39", "+2.55", "2.55.1"];
    for (const sign of ["", "+", "-"])
      for (const whole of wholes) for (const fraction of fractions) texts.push(`${sign}${whole}${fraction === null ? "" : `.${fraction}`}`);
    const quantities = [0, 1, -1, 3, -12, 7, 80995, -80995, MAX_QUANTITY, -MAX_QUANTITY];
    let compared = 0;
    for (const digits of [0, 2, 3])
      for (const text of texts)
        for (const quantity of quantities) {
          const expected = outcome(() => exactLine(quantity, text, digits));
          const actual = outcome(() => priceLine("UnitPrice", quantity, text, digits));
          expect([text, quantity, digits, actual]).toStrictEqual([text, quantity, digits, expected]);
          compared++;
        }
    expect(compared).toBeGreaterThan(10_000);
  });

  it("rounds a price with more decimals than the currency once, on the line", () => {
    expect(priceLine("UnitPrice", 100, "0.0045", 2)).toStrictEqual({ unitPrice: 0, lineAmount: 45 });
    expect(priceLine("UnitPrice", 6, "2.55", 2)).toStrictEqual({ unitPrice: 255, lineAmount: 1530 });
    expect(priceLine("UnitPrice", -3, "2.555", 2)).toStrictEqual({ unitPrice: 256, lineAmount: -767 });
    expect(priceLine("UnitPrice", 0, "-11062.06", 2)).toStrictEqual({ unitPrice: -1106206, lineAmount: 0 });
    expect(() => priceLine("UnitPrice", 2, "2,55", 2)).toThrow(RowError);
    expect(() => priceLine("UnitPrice", MAX_QUANTITY, "99999999", 2)).toThrow(/quantity × unit price is above/);
  });
});
