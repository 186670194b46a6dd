import "server-only";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import type { DashboardPeriod } from "@/lib/validation/dashboard";
import {
  getHeadline,
  getScoreHistogram,
  getSpendConcentration,
  getTierBreakdown,
  getTierMovement,
} from "./customer-value";
import { getRepeatRateByMonth } from "./repeat-by-month";
import { dataVersions, snapshotsAt } from "./snapshots";
import { loadStoreActivity } from "./store-activity";

/**
 * Everything the owner's dashboard shows. The customer-value charts read customer_scores, which
 * only a recompute changes, and the monthly chart reads every paid order, so each is kept per
 * version of what it reads (snapshots.ts): the first view after a change aggregates, later views
 * read one small row per chart, all in a single query.
 *
 * The aggregates run one after another, not with Promise.all: the embedded database's wire
 * server interleaves the extended-protocol messages of concurrent connections, and they run
 * only once per data version anyway.
 */
export async function loadOwnerDashboard(ctx: StoreContext, period: DashboardPeriod, now = new Date()) {
  assertRole(ctx, "owner");
  const { id, timezone } = ctx.store;
  const versions = await dataVersions(id, timezone);
  const cached = await snapshotsAt(id);
  const headline = await getHeadline(ctx);
  const tiers = await cached("tiers", versions.scores, () => getTierBreakdown(ctx));
  const histogram = await cached("score-histogram", versions.scores, () => getScoreHistogram(ctx));
  const concentration = await cached("spend-concentration", versions.scores, () => getSpendConcentration(ctx));
  const movement = await cached("tier-movement", versions.scores, () => getTierMovement(ctx));
  const repeatByMonth = await getRepeatRateByMonth(ctx, period, now, { cached, version: versions.orders });
  const activity = await loadStoreActivity(ctx, period, now);
  return { headline, tiers, histogram, concentration, movement, repeatByMonth, activity };
}

export type OwnerDashboard = Awaited<ReturnType<typeof loadOwnerDashboard>>;
