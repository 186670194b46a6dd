// The points part of the bench: the programme switched on as an owner does it, started 30 days
// before the bench's clock so that the last month's paid orders earn, then three recomputes: the
// first after it (its settlement writes those earnings and goes over every order, as after any
// save of the rules), one with nothing changed (what every API batch, import and rescore pays),
// and one after 100 paid orders' totals are corrected (their customers rescored and settled).
// The bench store had no points before: the recompute figures above are without them.
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { savePointsRules } from "@/lib/points/rules";
import type { StoreContext } from "@/lib/stores/context";

export interface PointsBench {
  /** The recompute after switching points on: every order settled, the last 30 days' earning. */
  firstMs: number;
  earned: number;
  /** A recompute with nothing written since. */
  unchangedMs: number;
  /** A recompute after 100 paid orders' totals changed. */
  changedMs: number;
  entries: number;
}

const DAY_MS = 86_400_000;

async function timedRecompute(storeId: number): Promise<number> {
  const started = performance.now();
  await recomputeScores(storeId);
  return performance.now() - started;
}

export async function benchPoints(owner: StoreContext): Promise<PointsBench> {
  const db = getDb();
  const storeId = owner.store.id;
  const rules = { enabled: true, earnRate: 1, ordinary: 1, silver: 1.2, gold: 1.5, diamond: 2, crown: 3, expiryMonths: 12, redeemRate: 100 };
  await savePointsRules(owner, rules, new Date(Date.now() - 30 * DAY_MS));
  const firstMs = await timedRecompute(storeId);
  const count = async () =>
    Number((await db.execute<{ n: string }>(sql`select count(*) as n from points_entries where store_id = ${storeId}`)).rows[0]!.n);
  const earned = await count();
  const unchangedMs = await timedRecompute(storeId);
  await db.execute(sql`
    update orders set total = total + 100
    where store_id = ${storeId} and id in (
      select id from orders where store_id = ${storeId} and status = 'paid' order by placed_at desc limit 100)`);
  const changedMs = await timedRecompute(storeId);
  return { firstMs, earned, unchangedMs, changedMs, entries: await count() };
}

export function describePointsBench(p: PointsBench): string {
  const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return (
    `points switched on (the last 30 days' orders earn): recompute ${secs(p.firstMs)} (${p.earned.toLocaleString("en")} entries), ` +
    `then with nothing changed ${secs(p.unchangedMs)}, after 100 orders' totals changed ${secs(p.changedMs)} (${p.entries.toLocaleString("en")} entries)`
  );
}
