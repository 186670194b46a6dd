import "server-only";
import { getDb } from "@/db";
import { disputeCounts, disputesByTypeAndStatus } from "@/lib/disputes/queries";
import { currentFlashSales } from "@/lib/flash-sales/queries";
import { flashSaleBuyersByTier, flashSaleSellThrough } from "@/lib/flash-sales/stats";
import { countActiveMembers } from "@/lib/memberships/queries";
import { pointsOutstanding } from "@/lib/points/queries";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import type { DashboardPeriod } from "@/lib/validation/dashboard";

// The owner's figures from memberships, points, flash sales and disputes: each feature's own
// dashboard query where it exports one, small aggregates over small tables, run live.

/** When the period starts (null for all history). */
export function periodStart(period: DashboardPeriod, now: Date): Date | null {
  return period === "all" ? null : new Date(now.getTime() - Number(period) * 86_400_000);
}

/**
 * Flash sales selling right now, by the flash-sale feature's own status (started, not ended, not
 * sold out, not cancelled): the list holds every sale not finished.
 */
export async function countLiveFlashSales(ctx: StoreContext, now = new Date()): Promise<number> {
  return (await currentFlashSales(ctx, now)).filter((sale) => sale.status === "live").length;
}

/**
 * Members, points, flash sales and disputes for the owner's dashboard. One query after another
 * (see owner-dashboard.ts for why not Promise.all); each reads a small table.
 */
export async function loadStoreActivity(ctx: StoreContext, period: DashboardPeriod, now = new Date()) {
  assertRole(ctx, "owner");
  const db = getDb();
  const from = periodStart(period, now);
  const members = await countActiveMembers(db, ctx.store.id, now);
  const points = await pointsOutstanding(db, ctx.store.id);
  const liveFlashSales = await countLiveFlashSales(ctx, now);
  const disputes = await disputeCounts(ctx, now);
  // Sales that opened in the period up to now; "all" reaches back to the first.
  const span = { from: from ?? new Date(0), to: now };
  const sellThrough = await flashSaleSellThrough(ctx, span);
  const flashBuyers = await flashSaleBuyersByTier(ctx, span);
  const disputeMix = await disputesByTypeAndStatus(ctx, from ? { from } : {});
  return {
    members,
    points,
    liveFlashSales,
    disputes: { open: disputes.open, overdue: disputes.overdue },
    sellThrough: sellThrough.sales.map((s) => ({ ...s, startsAt: s.startsAt.toISOString() })),
    sellThroughOlderLeftOut: sellThrough.olderLeftOut,
    flashBuyers,
    disputeMix,
  };
}

export type StoreActivity = Awaited<ReturnType<typeof loadStoreActivity>>;
