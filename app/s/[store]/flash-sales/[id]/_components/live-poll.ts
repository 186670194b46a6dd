import type { FlashSaleStatus } from "@/lib/flash-sales/eligibility";

// When the sale page's counters poll, and when the rest of the page (status badge, time left,
// claims over time, buyers, the owner's controls) is fetched again. Pure, so it is tested apart
// from the timers.

export interface Counters {
  sold: number;
  remaining: number;
  quantity: number;
  status: FlashSaleStatus;
  /** Set once the sale is over and the units it did not sell went back to the product's stock. */
  returnedUnits: number | null;
}

export const POLL_MS = 2_000;
/** The page is fetched again at most this often for new claims alone. */
export const REFRESH_MS = 6_000;

export interface PollMemory {
  lastRefreshAt: number;
  /** Claims changed the counters since the last refresh, which the throttle put off. */
  refreshOwed: boolean;
}

export const isFinished = (counters: Pick<Counters, "status">) => counters.status === "ended" || counters.status === "cancelled";

/**
 * After a poll: whether to refresh the page now, and what to remember. A change of status
 * refreshes at once (the page's badge, countdown and controls follow it, and once the sale is
 * over no poll comes after to do it). Claims refresh at most every REFRESH_MS, and one put off by
 * that is owed, not dropped: it was dropped before, so the claims chart and buyers stayed behind
 * the counters until the next claim, which in the last minutes of a sale might never come.
 */
export function afterPoll(previous: Counters, next: Counters, memory: PollMemory, now: number): { refresh: boolean; memory: PollMemory } {
  const claimsMoved = previous.sold !== next.sold || previous.quantity !== next.quantity || previous.returnedUnits !== next.returnedUnits;
  const owed = memory.refreshOwed || claimsMoved;
  const refresh = previous.status !== next.status || (owed && now - memory.lastRefreshAt >= REFRESH_MS);
  return { refresh, memory: refresh ? { lastRefreshAt: now, refreshOwed: false } : { ...memory, refreshOwed: owed } };
}
