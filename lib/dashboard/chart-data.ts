import "server-only";
import { tiers } from "@/db/schema/scoring";
import { toMajorUnits } from "@/lib/money";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import type { DashboardChart, DashboardPeriod } from "@/lib/validation/dashboard";
import { loadOwnerDashboard } from "./owner-dashboard";

export interface ChartData {
  columns: string[];
  rows: (string | number | null)[][];
}

/**
 * One chart's numbers as a plain table (column keys in English, money in major units of the
 * store's currency), for the dashboard's CSV and JSON downloads. Owner only, like the charts.
 */
export async function chartData(ctx: StoreContext, chart: DashboardChart, period: DashboardPeriod, now = new Date()): Promise<ChartData> {
  assertRole(ctx, "owner");
  const data = await loadOwnerDashboard(ctx, period, now);
  const money = (minor: number) => toMajorUnits(minor, ctx.store.currency);
  const currency = ctx.store.currency;
  switch (chart) {
    case "tiers":
      return {
        columns: ["tier", "customers", "customerShare", `netSpend (${currency})`, "spendShare"],
        rows: data.tiers.map((r) => [r.tier, r.customers, r.customerShare, money(r.netSpend), r.spendShare]),
      };
    case "scores":
      return {
        columns: ["minScore", "maxScore", "customers"],
        rows: [...data.histogram.buckets.map((b) => [b.min, b.max, b.customers]), [null, null, data.histogram.unscored]],
      };
    case "concentration":
      return {
        columns: ["topPercent", "customers", "spendShare"],
        rows: data.concentration.map((p) => [p.topPercent, p.customers, p.spendShare]),
      };
    case "repeat-by-month":
      return {
        columns: ["month", "buyers", "repeatBuyers", "rate"],
        rows: data.repeatByMonth.map((m) => [m.month, m.buyers, m.repeatBuyers, m.rate]),
      };
    case "tier-movement":
      return {
        columns: ["fromTier", "toTier", "direction", "customers"],
        rows: (data.movement?.moves ?? []).map((m) => [m.from, m.to, m.direction, m.customers]),
      };
    case "flash-sell-through":
      return {
        columns: ["saleId", "product", "startsAt", "quantity", "sold", "sellThrough"],
        rows: data.activity.sellThrough.map((s) => [s.saleId, s.productName, s.startsAt, s.quantity, s.sold, s.sellThrough]),
      };
    case "flash-buyers":
      return {
        columns: ["tier", "buyers", "units", `revenue (${currency})`],
        rows: tiers.map((tier) => {
          const b = data.activity.flashBuyers.find((x) => x.tier === tier);
          return [tier, b?.buyers ?? 0, b?.units ?? 0, money(b?.revenue ?? 0)];
        }),
      };
    case "disputes":
      return {
        columns: ["type", "status", "disputes"],
        rows: data.activity.disputeMix.map((m) => [m.type, m.status, m.count]),
      };
  }
}
