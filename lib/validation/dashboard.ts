import { z } from "zod";

/** The dashboard's period selector: the last 30, 90 or 365 days, or all history. */
export const dashboardPeriods = ["30", "90", "365", "all"] as const;
export type DashboardPeriod = (typeof dashboardPeriods)[number];
export const defaultDashboardPeriod: DashboardPeriod = "365";

export const dashboardQuerySchema = z.object({
  // An unknown value falls back to the default rather than failing the whole page.
  period: z.enum(dashboardPeriods).catch(defaultDashboardPeriod).default(defaultDashboardPeriod),
});

export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

/** The charts whose data the owner can download (CSV or JSON) from the dashboard. */
export const dashboardCharts = [
  "tiers",
  "scores",
  "concentration",
  "repeat-by-month",
  "tier-movement",
  "flash-sell-through",
  "flash-buyers",
  "disputes",
] as const;
export type DashboardChart = (typeof dashboardCharts)[number];

export const dashboardDataQuerySchema = dashboardQuerySchema.extend({
  chart: z.enum(dashboardCharts),
  format: z.enum(["csv", "json"]).default("csv"),
});
