import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import type { DashboardPeriod } from "@/lib/validation/dashboard";
import { dataVersions, snapshotsAt, type CachedSnapshot } from "./snapshots";

export interface RepeatMonth {
  /** The calendar month in the store's time zone, as YYYY-MM. */
  month: string;
  /** Customers with a paid order in the month. */
  buyers: number;
  /** Those of them who had paid for an order before (老客 coming back), this month or earlier. */
  repeatBuyers: number;
  /** repeatBuyers / buyers; null in a month without buyers. */
  rate: number | null;
}

type MonthRow = Omit<RepeatMonth, "rate">;

/**
 * Every month's buyers and repeat buyers over the store's whole history, from its paid orders
 * alone: one row per (customer, month) with their paid orders in it; a customer is back in a
 * month after their first month, and in their first month when they paid for a second order.
 */
async function computeMonths(storeId: number, timezone: string): Promise<MonthRow[]> {
  return getDb().transaction(async (tx) => {
    // For this transaction only, as in the recompute: the (customer, month) rows sort in
    // memory, and compiling the plan costs more than running it.
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
    const { rows } = await tx.execute<{ month: string; buyers: number; repeat_buyers: number }>(sql`
      with customer_months as (
        select customer_id, date_trunc('month', placed_at at time zone ${timezone}) as month, count(*) as orders
        from orders
        where store_id = ${storeId} and status = 'paid'
        group by 1, 2
      ),
      marked as (
        select month, month > min(month) over (partition by customer_id) or orders >= 2 as is_repeat
        from customer_months
      )
      select to_char(month, 'YYYY-MM') as month, count(*)::int as buyers,
             count(*) filter (where is_repeat)::int as repeat_buyers
      from marked
      group by month
      order by month`);
    return rows.map((r) => ({ month: r.month, buyers: r.buyers, repeatBuyers: r.repeat_buyers }));
  });
}

/** The month (YYYY-MM, in the time zone) that `date` falls in. */
export function monthOf(date: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit" }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}`;
}

/** The first month the period reaches into: whole months are shown, the current one so far. */
export function firstMonthOfPeriod(period: DashboardPeriod, timezone: string, now = new Date()): string | null {
  if (period === "all") return null;
  return monthOf(new Date(now.getTime() - Number(period) * 86_400_000), timezone);
}

/**
 * The repeat-purchase rate by month over the period. The months are computed once per version
 * of the store's orders (see snapshots.ts) because counting them reads every paid order.
 */
export async function getRepeatRateByMonth(
  ctx: StoreContext,
  period: DashboardPeriod,
  now = new Date(),
  snapshots?: { cached: CachedSnapshot; version: string },
): Promise<RepeatMonth[]> {
  assertRole(ctx, "owner");
  const { id, timezone } = ctx.store;
  const { cached, version } = snapshots ?? { cached: await snapshotsAt(id), version: (await dataVersions(id, timezone)).orders };
  const months = await cached("repeat-by-month", version, () => computeMonths(id, timezone));
  const first = firstMonthOfPeriod(period, timezone, now);
  const current = monthOf(now, timezone);
  // Every period ends this month, whatever the data: orders dated after it (stored before such
  // times were refused) would run the chart into months that have not come. A period's months
  // since the last sale are shown too (not all history's, which for a store whose data stops
  // years ago would be years of empty months).
  const inPeriod = months.filter((m) => (first === null || m.month >= first) && m.month <= current);
  return withEmptyMonths(inPeriod, first === null ? undefined : { from: first, to: current }).map((m) => ({
    ...m,
    rate: m.buyers > 0 ? m.repeatBuyers / m.buyers : null,
  }));
}

/**
 * The months between the first and the last (or `from` and `to`), each present: a month without
 * paid orders is one of no buyers. Left out, the chart's axis put July next to October as if they
 * were neighbours. No months at all stay none (the chart says there were no sales).
 */
export function withEmptyMonths(months: MonthRow[], span?: { from: string; to: string }): MonthRow[] {
  if (months.length === 0) return [];
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const from = span && span.from < months[0]!.month ? span.from : months[0]!.month;
  const last = months.at(-1)!.month;
  const to = span && span.to > last ? span.to : last;
  const filled: MonthRow[] = [];
  for (let month = from; month <= to; month = nextMonth(month)) filled.push(byMonth.get(month) ?? { month, buyers: 0, repeatBuyers: 0 });
  return filled;
}

function nextMonth(month: string): string {
  const [year, mm] = month.split("-").map(Number) as [number, number];
  return mm === 12 ? `${year + 1}-01` : `${year}-${String(mm + 1).padStart(2, "0")}`;
}
