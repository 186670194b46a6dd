import { describe, expect, it } from "vitest";
import {
  claimRefusal,
  claimWindowRefusal,
  flashSaleStatus,
  groupByListedStatus,
  isReminderAudience,
  nextStatusChangeAt,
  type FlashSaleClock,
} from "./eligibility";

const start = new Date("2030-06-01T02:00:00Z");
const end = new Date("2030-06-01T04:00:00Z");
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const MIN = 60_000;

const sale = (over: Partial<FlashSaleClock> = {}): FlashSaleClock => ({
  quantity: 10,
  sold: 0,
  startsAt: start,
  endsAt: end,
  earlyAccessTier: null,
  earlyAccessMinutes: null,
  cancelledAt: null,
  ...over,
});
const earlySale = sale({ earlyAccessTier: "gold", earlyAccessMinutes: 30 });
const gold = { tier: "gold" as const, isHighValue: true };
const silver = { tier: "silver" as const, isHighValue: false };
const crown = { tier: "crown" as const, isHighValue: false };

describe("flash sale status by the clock", () => {
  it("is scheduled before the start, live exactly at the start and ended exactly at the end", () => {
    expect(flashSaleStatus(sale(), ms(start, -1))).toBe("scheduled");
    expect(flashSaleStatus(sale(), start)).toBe("live");
    expect(flashSaleStatus(sale(), ms(end, -1))).toBe("live");
    expect(flashSaleStatus(sale(), end)).toBe("ended");
  });

  it("opens early access exactly the given minutes before the start", () => {
    expect(flashSaleStatus(earlySale, ms(start, -30 * MIN - 1))).toBe("scheduled");
    expect(flashSaleStatus(earlySale, ms(start, -30 * MIN))).toBe("early_access");
    expect(flashSaleStatus(earlySale, ms(start, -1))).toBe("early_access");
    expect(flashSaleStatus(earlySale, start)).toBe("live");
  });

  it("is sold out while open with nothing left, ended afterwards, cancelled above all", () => {
    expect(flashSaleStatus(sale({ sold: 10 }), start)).toBe("sold_out");
    expect(flashSaleStatus(sale({ ...earlySale, sold: 10 }), ms(start, -MIN))).toBe("sold_out");
    expect(flashSaleStatus(sale({ sold: 10 }), end)).toBe("ended");
    expect(flashSaleStatus(sale({ cancelledAt: ms(start, -MIN) }), start)).toBe("cancelled");
  });

  it("names the next change for the time-left column", () => {
    expect(nextStatusChangeAt(earlySale, ms(start, -60 * MIN))).toEqual(ms(start, -30 * MIN));
    expect(nextStatusChangeAt(earlySale, ms(start, -10 * MIN))).toEqual(start);
    expect(nextStatusChangeAt(sale(), start)).toEqual(end);
    expect(nextStatusChangeAt(sale(), end)).toBeNull();
  });
});

describe("who may claim when", () => {
  it("refuses everyone before early access opens with not_started", () => {
    expect(claimWindowRefusal(earlySale, crown, ms(start, -30 * MIN - 1))).toBe("not_started");
    expect(claimWindowRefusal(sale(), crown, ms(start, -1))).toBe("not_started");
  });

  it("lets the early-access tier and above in at the window's first instant, refuses lower tiers as not_eligible", () => {
    const opens = ms(start, -30 * MIN);
    expect(claimWindowRefusal(earlySale, gold, opens)).toBeNull();
    expect(claimWindowRefusal(earlySale, crown, opens)).toBeNull();
    expect(claimWindowRefusal(earlySale, silver, opens)).toBe("not_eligible");
    expect(claimWindowRefusal(earlySale, silver, ms(start, -1))).toBe("not_eligible");
  });

  it("opens to every tier exactly at the start and closes exactly at the end", () => {
    expect(claimWindowRefusal(earlySale, silver, start)).toBeNull();
    expect(claimWindowRefusal(earlySale, silver, ms(end, -1))).toBeNull();
    expect(claimWindowRefusal(earlySale, gold, end)).toBe("ended");
  });

  it("treats a cancelled sale as ended", () => {
    expect(claimWindowRefusal(sale({ cancelledAt: start }), gold, start)).toBe("ended");
  });

  it("checks the per-customer limit before the stock", () => {
    const limited = { ...sale({ sold: 9 }), perCustomerLimit: 2 };
    expect(claimRefusal(limited, { ...gold, unitsHeld: 1 }, 1, start)).toBeNull();
    expect(claimRefusal(limited, { ...gold, unitsHeld: 1 }, 2, start)).toBe("limit_reached");
    expect(claimRefusal(limited, { ...gold, unitsHeld: 0 }, 2, start)).toBe("sold_out");
  });
});

describe("reminder audience", () => {
  it("is the early-access tier and above, or the high-value customers without early access", () => {
    expect(isReminderAudience(earlySale, gold)).toBe(true);
    expect(isReminderAudience(earlySale, silver)).toBe(false);
    expect(isReminderAudience(sale(), gold)).toBe(true);
    expect(isReminderAudience(sale(), crown)).toBe(false);
  });
});

describe("the sales list's groups", () => {
  it("put the live sale first, then the upcoming, then the finished ones, each group in the order given", () => {
    const listed = [
      { id: 1, status: "scheduled" as const },
      { id: 2, status: "ended" as const },
      { id: 3, status: "live" as const },
      { id: 4, status: "scheduled" as const },
      { id: 5, status: "cancelled" as const },
      { id: 6, status: "early_access" as const },
    ];
    expect(groupByListedStatus(listed).map((g) => [g.status, g.sales.map((s) => s.id)])).toEqual([
      ["live", [3]],
      ["early_access", [6]],
      ["scheduled", [1, 4]],
      ["ended", [2]],
      ["cancelled", [5]],
    ]);
  });
});
