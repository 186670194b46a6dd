import { afterEach, describe, expect, it, vi } from "vitest";
import { ordersBody, returnsBody, reviewsBody, sharesBody } from "./records";

// The API's record times are checked against the moment the request is read (futureTimeReason).

const now = new Date("2026-06-30T04:00:00.000Z");
const order = (placedAt: string) => ({
  externalId: "O1",
  customer: { externalId: "C1" },
  placedAt,
  status: "paid",
  items: [{ productExternalId: "P1", quantity: 1, unitPrice: 100 }],
});

describe("a record's time in an API body", () => {
  afterEach(() => vi.useRealTimers());

  it("is refused more than 24 hours after the request, at its record's index and field; exactly 24 hours is taken", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(now);
    const dayAhead = "2026-07-01T12:00:00+08:00";
    expect(ordersBody.safeParse({ orders: [order(dayAhead)] }).success).toBe(true);
    const result = ordersBody.safeParse({ orders: [order(dayAhead), order("2026-07-01T12:00:01+08:00")] });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toMatchObject([
      {
        path: ["orders", 1, "placedAt"],
        message: "2026-07-01T12:00:01+08:00 is more than 24 hours after now: check its year and time zone",
        params: { key: "importReasons.timeInFuture" },
      },
    ]);
  });

  it("is checked for returns, reviews and shares too, and a time out of the years is refused for that alone", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(now);
    const ahead = "2027-06-30T10:00:00+08:00";
    const base = { externalId: "X1", customerExternalId: "C1" };
    const refused = [
      returnsBody.safeParse({ returns: [{ ...base, type: "refund_only", amount: 1, requestedAt: ahead, status: "requested" }] }),
      reviewsBody.safeParse({ reviews: [{ ...base, rating: 5, createdAt: ahead }] }),
      sharesBody.safeParse({ shares: [{ ...base, sharedAt: ahead }] }),
    ];
    expect(refused.map((r) => r.error?.issues.map((i) => i.path.join(".")))).toEqual([
      ["returns.0.requestedAt"],
      ["reviews.0.createdAt"],
      ["shares.0.sharedAt"],
    ]);
    const slip = ordersBody.safeParse({ orders: [order("9999-12-31T23:59:59Z")] });
    expect(slip.error!.issues.map((i) => i.message)).toEqual(["must be in the years 2000 to 2099"]);
  });
});
