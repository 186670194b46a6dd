import { describe, expect, it } from "vitest";
import { pointsTotal } from "./explain";

describe("the points' total", () => {
  it("is the exact sum, so it rounds as the score does", () => {
    // 0.01 + 2.34 is 2.3499999999999996 in floating point: shown to one decimal, 2.3, while the
    // score (2.35 rounded half away from zero in SQL) is 2.4.
    const total = pointsTotal([{ points: 0.01 }, { points: 2.34 }]);
    expect(total).toBe(2.35);
    expect(new Intl.NumberFormat("en", { maximumFractionDigits: 1 }).format(total)).toBe("2.4");
    expect(pointsTotal([])).toBe(0);
  });
});
