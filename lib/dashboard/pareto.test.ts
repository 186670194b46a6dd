import { describe, expect, it } from "vitest";
import { paretoHeadline, paretoTableRows, shareOfTop } from "./pareto";

// Curves as getSpendConcentration gives them: each buyer falls in the percent ceil(100 × rank / n).
const one = [{ topPercent: 100, customers: 1, spendShare: 1 }];
const three = [
  { topPercent: 34, customers: 1, spendShare: 0.625 },
  { topPercent: 67, customers: 2, spendShare: 0.875 },
  { topPercent: 100, customers: 3, spendShare: 1 },
];
const ten = Array.from({ length: 10 }, (_, i) => ({ topPercent: (i + 1) * 10, customers: i + 1, spendShare: Math.min(1, 0.4 + i * 0.1) }));

describe("the Pareto headline", () => {
  it("says a store's only buyer brings all of its net spend, and marks the whole curve", () => {
    expect(paretoHeadline(one, 20)).toEqual({ kind: "one", mark: { topPercent: 100, spendShare: 1 } });
  });

  it("names the biggest spender's share when the top 20% would hold less than one buyer", () => {
    expect(paretoHeadline(three, 20)).toEqual({ kind: "few", buyers: 3, spendShare: 0.625, mark: { topPercent: 34, spendShare: 0.625 } });
    const four = [25, 50, 75, 100].map((p, i) => ({ topPercent: p, customers: i + 1, spendShare: (i + 1) / 4 }));
    expect(paretoHeadline(four, 20)).toMatchObject({ kind: "few", buyers: 4, spendShare: 0.25 });
  });

  it("reads the top 20% off the curve from five buyers on", () => {
    const five = [20, 40, 60, 80, 100].map((p, i) => ({ topPercent: p, customers: i + 1, spendShare: [0.5, 0.7, 0.85, 0.95, 1][i]! }));
    expect(paretoHeadline(five, 20)).toEqual({ kind: "top", percent: 20, customers: 1, spendShare: 0.5, mark: { topPercent: 20, spendShare: 0.5 } });
    expect(paretoHeadline(ten, 20)).toMatchObject({ kind: "top", customers: 2, spendShare: 0.5 });
  });
});

describe("the Pareto table", () => {
  it("lists the key percents for a store with buyers enough, and each buyer for a smaller one", () => {
    expect(paretoTableRows(ten, [10, 50], paretoHeadline(ten, 20))).toEqual([
      { topPercent: 10, customers: 1, spendShare: 0.4 },
      { topPercent: 50, customers: 5, spendShare: 0.8 },
    ]);
    expect(paretoTableRows(three, [1, 5, 10], paretoHeadline(three, 20))).toEqual(three);
  });

  it("counts no one in a percent smaller than the curve's first point", () => {
    expect(shareOfTop(three, 20)).toEqual({ customers: 0, spendShare: 0 });
  });
});
