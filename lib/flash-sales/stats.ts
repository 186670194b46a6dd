import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { StoreContext } from "@/lib/stores/context";
import { flashSaleStatus, type FlashSaleStatus } from "./eligibility";
import { buyersByTier, type TierBuyers } from "./queries";
import { settleEndedFlashSales } from "./settle";
import { soldSql } from "./stock";
import { storeDayBounds } from "@/lib/store-time";

// Small aggregates for the dashboard (PRODUCT.md §7: flash-sale sell-through and buyers by
// tier; the staff queue's "today's flash sales"). Computed in SQL; callers get short arrays.
// Staff may view flash sales, so these check no role; the owner's charts page checks its own.

export interface Period {
  from: Date;
  to: Date;
}

export interface SellThroughRow {
  saleId: number;
  productName: string;
  startsAt: Date;
  quantity: number;
  sold: number;
  /** sold / quantity, 0–1. */
  sellThrough: number;
}

/** The most sales the sell-through chart and its table show: the latest of the period. */
export const SELL_THROUGH_SALES = 200;

export interface SellThrough {
  /** Oldest first. */
  sales: SellThroughRow[];
  /** The period has older sales than those listed. */
  olderLeftOut: boolean;
}

/**
 * The latest non-cancelled sales opening in the period (at most `limit`), oldest first, with their
 * sell-through. The latest, not the first: sorted oldest first and cut at 200, a year of sales
 * showed last winter's and never this week's.
 */
export async function flashSaleSellThrough(ctx: StoreContext, period: Period, limit = SELL_THROUGH_SALES): Promise<SellThrough> {
  const { rows } = await getDb().execute<{ id: string; name: string; starts_at: string; quantity: number; sold: number }>(sql`
    select f.id, p.name, f.starts_at, f.quantity, ${soldSql("f")} as sold
      from flash_sales f join products p on p.store_id = f.store_id and p.id = f.product_id
     where f.store_id = ${ctx.store.id} and f.cancelled_at is null
       and f.starts_at >= ${period.from} and f.starts_at < ${period.to}
     order by f.starts_at desc, f.id desc
     limit ${limit + 1}`);
  const sales = rows.slice(0, limit).reverse().map((r) => ({
    saleId: Number(r.id),
    productName: r.name,
    startsAt: new Date(r.starts_at),
    quantity: Number(r.quantity),
    sold: Number(r.sold),
    sellThrough: Number(r.quantity) > 0 ? Number(r.sold) / Number(r.quantity) : 0,
  }));
  return { sales, olderLeftOut: rows.length > limit };
}

/** Buyers (distinct customers), units and revenue by the tier they held when claiming. */
export function flashSaleBuyersByTier(ctx: StoreContext, period: Period): Promise<TierBuyers[]> {
  return buyersByTier(ctx, period);
}

export interface TodaySale {
  id: number;
  productName: string;
  status: FlashSaleStatus;
  startsAt: Date;
  endsAt: Date;
  quantity: number;
  sold: number;
  /** It opened before today or ends after today (in the store's zone): a time alone would read as today's. */
  startsBeforeToday: boolean;
  endsAfterToday: boolean;
}

/** Sales whose window (early access included) touches today in the store's time zone. */
export async function flashSalesToday(ctx: StoreContext, now = new Date()): Promise<TodaySale[]> {
  await settleEndedFlashSales(getDb(), ctx.store.id, now);
  const { from, to } = storeDayBounds(now, ctx.store.timezone);
  const { rows } = await getDb().execute<Record<string, unknown>>(sql`
    select f.id, p.name, f.starts_at, f.ends_at, f.quantity, ${soldSql("f")} as sold, f.early_access_tier,
           f.early_access_minutes, f.cancelled_at
      from flash_sales f join products p on p.store_id = f.store_id and p.id = f.product_id
     where f.store_id = ${ctx.store.id} and f.cancelled_at is null
       and f.starts_at - make_interval(mins => coalesce(f.early_access_minutes, 0)) < ${to}
       and f.ends_at > ${from}
     order by f.starts_at, f.id`);
  return rows.map((r) => {
    const clock = {
      quantity: Number(r.quantity),
      sold: Number(r.sold),
      startsAt: new Date(r.starts_at as string),
      endsAt: new Date(r.ends_at as string),
      earlyAccessTier: (r.early_access_tier ?? null) as TierBuyers["tier"] | null,
      earlyAccessMinutes: r.early_access_minutes === null ? null : Number(r.early_access_minutes),
      cancelledAt: null,
    };
    return {
      id: Number(r.id),
      productName: String(r.name),
      status: flashSaleStatus(clock, now),
      startsAt: clock.startsAt,
      endsAt: clock.endsAt,
      quantity: clock.quantity,
      sold: clock.sold,
      startsBeforeToday: clock.startsAt < from,
      endsAfterToday: clock.endsAt > to,
    };
  });
}
