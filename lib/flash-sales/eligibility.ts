import { tiers, type Tier } from "@/db/schema/scoring";

// PRODUCT.md §5's clock, pure so the pages, the claims and the tests read it the same way.
// Windows are half-open: a sale is live from `startsAt` (inclusive) to `endsAt` (exclusive);
// early access opens `earlyAccessMinutes` before the start (inclusive).

export const flashSaleStatuses = ["scheduled", "early_access", "live", "sold_out", "ended", "cancelled"] as const;
export type FlashSaleStatus = (typeof flashSaleStatuses)[number];

/**
 * The order the sales list shows its groups in: what a merchant watches now first (selling, in
 * early access, sold out while its window runs), then what is coming, then what is over. Not
 * the lifecycle order of flashSaleStatuses, which put upcoming sales above the live one.
 */
export const listedStatusOrder = ["live", "early_access", "sold_out", "scheduled", "ended", "cancelled"] as const satisfies readonly FlashSaleStatus[];

/** Sales grouped by status in listedStatusOrder, empty groups left out; each group keeps the order it was given. */
export function groupByListedStatus<T extends { status: FlashSaleStatus }>(sales: T[]): { status: FlashSaleStatus; sales: T[] }[] {
  return listedStatusOrder.map((status) => ({ status, sales: sales.filter((s) => s.status === status) })).filter((g) => g.sales.length > 0);
}

export const claimRefusalCodes = ["sold_out", "limit_reached", "not_started", "not_eligible", "ended"] as const;
export type ClaimRefusalCode = (typeof claimRefusalCodes)[number];

export interface FlashSaleClock {
  quantity: number;
  sold: number;
  startsAt: Date;
  endsAt: Date;
  earlyAccessTier: Tier | null;
  earlyAccessMinutes: number | null;
  cancelledAt: Date | null;
}

export interface Claimant {
  tier: Tier;
  isHighValue: boolean;
}

const MINUTE = 60_000;

export function tierRank(tier: Tier): number {
  return tiers.indexOf(tier);
}

export function tierAtLeast(tier: Tier, minimum: Tier): boolean {
  return tierRank(tier) >= tierRank(minimum);
}

/** When early access opens, or null for a sale without it. */
export function earlyAccessOpensAt(sale: Pick<FlashSaleClock, "startsAt" | "earlyAccessTier" | "earlyAccessMinutes">): Date | null {
  if (sale.earlyAccessTier === null || sale.earlyAccessMinutes === null || sale.earlyAccessMinutes <= 0) return null;
  return new Date(sale.startsAt.getTime() - sale.earlyAccessMinutes * MINUTE);
}

export function flashSaleStatus(sale: FlashSaleClock, at: Date): FlashSaleStatus {
  if (sale.cancelledAt !== null) return "cancelled";
  const t = at.getTime();
  if (t >= sale.endsAt.getTime()) return "ended";
  const early = earlyAccessOpensAt(sale);
  const open = t >= sale.startsAt.getTime() || (early !== null && t >= early.getTime());
  if (!open) return "scheduled";
  if (sale.sold >= sale.quantity) return "sold_out";
  return t >= sale.startsAt.getTime() ? "live" : "early_access";
}

/** The moment the status will next change by the clock alone (for "time left"), or null. */
export function nextStatusChangeAt(sale: FlashSaleClock, at: Date): Date | null {
  const status = flashSaleStatus(sale, at);
  if (status === "cancelled" || status === "ended") return null;
  if (status === "scheduled") return earlyAccessOpensAt(sale) ?? sale.startsAt;
  if (status === "early_access") return sale.startsAt;
  return sale.endsAt;
}

/**
 * Whether this customer may claim at `at`, leaving stock and the per-customer limit aside
 * (those are decided atomically in the database). Null means the window is open to them.
 */
export function claimWindowRefusal(sale: FlashSaleClock, customer: Claimant, at: Date): ClaimRefusalCode | null {
  if (sale.cancelledAt !== null) return "ended";
  const t = at.getTime();
  if (t >= sale.endsAt.getTime()) return "ended";
  if (t >= sale.startsAt.getTime()) return null;
  const early = earlyAccessOpensAt(sale);
  if (early === null || t < early.getTime()) return "not_started";
  return tierAtLeast(customer.tier, sale.earlyAccessTier as Tier) ? null : "not_eligible";
}

/** The whole answer for a claim of `quantity` units given what the customer already holds. */
export function claimRefusal(
  sale: FlashSaleClock & { perCustomerLimit: number },
  customer: Claimant & { unitsHeld: number },
  quantity: number,
  at: Date,
): ClaimRefusalCode | null {
  const window = claimWindowRefusal(sale, customer, at);
  if (window) return window;
  if (customer.unitsHeld + quantity > sale.perCustomerLimit) return "limit_reached";
  if (sale.sold + quantity > sale.quantity) return "sold_out";
  return null;
}

/**
 * Who the reminder list is for: customers at or above the early-access tier, or, for a sale
 * without early access, the store's high-value customers.
 */
export function isReminderAudience(sale: Pick<FlashSaleClock, "earlyAccessTier">, customer: Claimant): boolean {
  return sale.earlyAccessTier !== null ? tierAtLeast(customer.tier, sale.earlyAccessTier) : customer.isHighValue;
}
