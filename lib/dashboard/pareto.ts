import type { ConcentrationPoint } from "./customer-value";

/** The point the concentration chart marks: the top `topPercent`% bring `spendShare`. */
export interface ParetoMark {
  topPercent: number;
  spendShare: number;
}

/**
 * What the Pareto headline can say. "The top 20% of customers bring y%" needs at least one
 * customer in the top 20%: with fewer than five buyers that was "the top 20% (0 customers) bring
 * 0%", so a store that small is told about its one buyer, or its biggest spender, instead.
 */
export type ParetoHeadline =
  | { kind: "top"; percent: number; customers: number; spendShare: number; mark: ParetoMark }
  | { kind: "one"; mark: ParetoMark }
  | { kind: "few"; buyers: number; spendShare: number; mark: ParetoMark };

/** The share the top `percent`% bring, read off the curve (the last point at or under it). */
export function shareOfTop(points: ConcentrationPoint[], percent: number): { customers: number; spendShare: number } {
  let found = { customers: 0, spendShare: 0 };
  for (const point of points) {
    if (point.topPercent > percent) break;
    found = { customers: point.customers, spendShare: point.spendShare };
  }
  return found;
}

/** The headline for a concentration curve (non-empty, as getSpendConcentration returns it). */
export function paretoHeadline(points: ConcentrationPoint[], percent: number): ParetoHeadline {
  const buyers = points.at(-1)?.customers ?? 0;
  if (buyers <= 1) return { kind: "one", mark: { topPercent: 100, spendShare: 1 } };
  if (Math.floor((buyers * percent) / 100) < 1) {
    const biggest = points[0]!;
    return { kind: "few", buyers, spendShare: biggest.spendShare, mark: { topPercent: biggest.topPercent, spendShare: biggest.spendShare } };
  }
  const top = shareOfTop(points, percent);
  return { kind: "top", percent, ...top, mark: { topPercent: percent, spendShare: top.spendShare } };
}

/**
 * The rows of the curve's table: the given percents, or, for a store whose buyers are too few
 * for those (the top 1%, 5%… hold nobody), one row per point of the curve.
 */
export function paretoTableRows(points: ConcentrationPoint[], percents: number[], headline: ParetoHeadline): ConcentrationPoint[] {
  if (headline.kind !== "top") return points;
  return percents.map((topPercent) => ({ topPercent, ...shareOfTop(points, topPercent) }));
}
