import { describe, expect, it } from "vitest";
import { suggestedSaleStart, toStoreInputValue } from "./times";

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
