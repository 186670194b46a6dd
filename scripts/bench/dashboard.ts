// The dashboard part of the bench: the owner's dashboard page (/s/<store>), server response
// time, against a running app signed in as the store's owner. The first view after a recompute
// aggregates the charts and stores them per data version (lib/dashboard/snapshots.ts); it is
// reported on its own ("cold"), then `requests` views, one at a time, over the four periods,
// give the median and p95 (target: median ≤ 300 ms on PostgreSQL at 100k customers / 1M orders).
// Alone, against an app already running:
//   npx tsx --conditions=react-server scripts/bench/dashboard.ts <baseUrl> <owner email> <password> <store slug> [requests]

import { median, percentile, runLoad, signIn, timedGet, type CookieJar } from "./http";

export const DASHBOARD_TARGET_P50_MS = 300;

export interface DashboardBench {
  /** The first view (aggregates computed and stored), in ms. */
  coldMs: number;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  /** Median per period (?period=30|90|365|all). */
  byPeriod: Record<string, number>;
  errors: number;
  firstError: string | null;
}

const periods = ["365", "30", "90", "all"];

export async function benchDashboard(
  baseUrl: string,
  jar: CookieJar,
  slug: string,
  options: { requests?: number } = {},
): Promise<DashboardBench> {
  const requests = options.requests ?? 60;
  const page = `${baseUrl}/s/${slug}`;
  const cold = await timedGet(page, jar);
  // Check it is the owner's dashboard with its charts drawn from data, not an error or empty state.
  if (cold.status !== 200 || !cold.body.includes('data-testid="chart-tiers"') || cold.body.includes('data-testid="dashboard-empty"')) {
    throw new Error(`GET ${page} answered ${cold.status} without the owner's charts: ${cold.body.slice(0, 300)}`);
  }
  const urls = periods.map((period) => `${page}?period=${period}`);
  await runLoad(urls, jar, urls.length * 2, 1); // warm-up: every period once or twice
  const load = await runLoad(urls, jar, requests, 1);
  return {
    coldMs: Math.round(cold.ms),
    requests: load.times.length,
    p50Ms: Math.round(median(load.times)),
    p95Ms: Math.round(percentile(load.times, 95)),
    byPeriod: Object.fromEntries(periods.map((period, i) => [period, Math.round(median(load.byUrl.get(urls[i]!) ?? []))])),
    errors: load.errors,
    firstError: load.firstError,
  };
}

export function describeDashboardBench(label: string, r: DashboardBench): string {
  const verdict = r.p50Ms <= DASHBOARD_TARGET_P50_MS ? "PASS" : "MISS";
  const per = Object.entries(r.byPeriod)
    .map(([period, ms]) => `${period}: ${ms}`)
    .join(", ");
  return (
    `${label}: dashboard p50 ${r.p50Ms} ms (target ≤ ${DASHBOARD_TARGET_P50_MS} ms: ${verdict}), p95 ${r.p95Ms} ms ` +
    `over ${r.requests} views one at a time (per period p50 ${per}); first view after the recompute ${r.coldMs} ms; ` +
    `${r.errors} errors${r.firstError ? ` (first: ${r.firstError})` : ""}`
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const [baseUrl, email, password, slug, requests] = process.argv.slice(2);
  if (!baseUrl || !email || !password || !slug) {
    console.error("usage: scripts/bench/dashboard.ts <baseUrl> <owner email> <password> <store slug> [requests]");
    process.exit(2);
  }
  signIn(baseUrl, email, password)
    .then((jar) => benchDashboard(baseUrl, jar, slug, { requests: requests ? Number(requests) : undefined }))
    .then((r) => console.log(describeDashboardBench(baseUrl, r)))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
