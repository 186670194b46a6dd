// Two reads that grow with a store's points ledger and its reps' assignments, timed directly
// against the database (the bench's extras and scripts/bench/scale-pages.ts): the store's
// outstanding points (the members page and the owner's dashboard), next to the same figure summed
// from every entry of the store as the pages read it before points_balances (migration 0045);
// and the care page's overview (its counts and "needs review" list), next to the list joined to
// every assigned customer's score as it was read before.
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { saveScoringRules } from "@/lib/customers/rules";
import { pointsOutstanding } from "@/lib/points/queries";
import { AVAILABLE, expiryLedger } from "@/lib/points/settle";
import { spreadReps } from "@/lib/reps/assignments";
import { repOverview, staffLoads } from "@/lib/reps/queries";
import type { StoreContext } from "@/lib/stores/context";
import { ensureUserWithRole } from "@/lib/users/commands";
import { median, percentile } from "./http";

/** The kept store of that slug as its owner sees it, or what `build` makes when there is none yet. */
export async function keptStore(slug: string, build: (slug: string) => Promise<StoreContext>): Promise<StoreContext> {
  const { rows } = await getDb().execute<{ id: number; currency: string; timezone: string }>(
    sql`select id::int as id, currency, timezone from stores where slug = ${slug}`,
  );
  const row = rows[0];
  return row ? { store: { id: row.id, slug, name: slug, currency: row.currency, timezone: row.timezone }, role: "owner", userId: null } : build(slug);
}

export interface Timed {
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

/** Runs `run` once to warm up, then `runs` times; the last value and the times. */
export async function timeRuns<T>(runs: number, run: () => Promise<T>): Promise<{ value: T; timed: Timed }> {
  let value = await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = await run();
    times.push(performance.now() - started);
  }
  return { value, timed: { medianMs: median(times), p95Ms: percentile(times, 95), minMs: Math.min(...times), maxMs: Math.max(...times), runs } };
}

export const describeTimed = (t: Timed) => `median ${t.medianMs.toFixed(1)} ms, p95 ${t.p95Ms.toFixed(1)} ms (min ${t.minMs.toFixed(1)}, max ${t.maxMs.toFixed(1)}, ${t.runs} runs)`;

export interface OutstandingBench {
  points: number;
  holders: number;
  read: Timed;
  fromEntries: Timed;
  /** Whether the two give the same figure at the same moment. */
  same: boolean;
}

export async function benchOutstanding(storeId: number, runs = 9): Promise<OutstandingBench> {
  const db = getDb();
  const at = new Date();
  const fromEntries = await timeRuns(runs, async () => {
    const { rows } = await db.execute<{ points: number; holders: number }>(sql`
      with balances as (select ${AVAILABLE} as balance from (${expiryLedger(storeId, at)}) l)
      select coalesce(sum(balance), 0)::float8 as points, count(*) filter (where balance > 0)::int as holders from balances`);
    return rows[0]!;
  });
  const read = await timeRuns(runs, () => pointsOutstanding(db, storeId, at));
  return {
    ...read.value,
    read: read.timed,
    fromEntries: fromEntries.timed,
    same: read.value.points === fromEntries.value.points && read.value.holders === fromEntries.value.holders,
  };
}

export function describeOutstanding(o: OutstandingBench): string {
  return (
    `outstanding points (members page, dashboard): ${describeTimed(o.read)}; summed from every entry ${describeTimed(o.fromEntries)}; ` +
    `${o.same ? "the same" : "DIFFERENT"} figure (${o.points.toLocaleString("en")} points, ${o.holders.toLocaleString("en")} holders)`
  );
}

export interface CareBench {
  assignments: number;
  toReview: number;
  overview: Timed;
  joined: Timed;
  staffLoads: Timed;
}

/**
 * Six reps share every high-value customer of the store; then a stricter return-rate gate
 * (15%, saved as an owner does, and recomputed) takes some of them out of high-value: kept with
 * their rep, for the owner to review. Returns how many were assigned.
 */
export async function assignRepsAndReview(owner: StoreContext): Promise<number> {
  const staff: number[] = [];
  for (let i = 1; i <= 6; i++) {
    const { userId } = await ensureUserWithRole({
      storeId: owner.store.id,
      email: `rep${i}@${owner.store.slug}.bench.laoke`,
      password: "bench-rep-password",
      role: "staff",
    });
    staff.push(userId);
  }
  const { assigned } = await spreadReps(owner, staff);
  await saveScoringRules(owner, { gates: { maxReturnRate: 0.15 } });
  await recomputeScores(owner.store.id);
  return assigned;
}

export async function benchCareReads(owner: StoreContext, runs = 9): Promise<CareBench> {
  const db = getDb();
  const storeId = owner.store.id;
  const joined = await timeRuns(runs, () =>
    db.execute(sql`
      select c.id, c.external_id, c.name, coalesce(s.tier, 'ordinary') as tier, s.score, coalesce(s.gates, '{}') as gates, a.user_id, u.email
      from rep_assignments a
      join customers c on c.store_id = a.store_id and c.id = a.customer_id
      join users u on u.id = a.user_id
      left join customer_scores s on s.store_id = a.store_id and s.customer_id = a.customer_id
      where a.store_id = ${storeId} and not coalesce(s.is_high_value, false)
      order by coalesce(s.score, -1) desc, c.id
      limit 100`),
  );
  const overview = await timeRuns(runs, () => repOverview(owner));
  const loads = await timeRuns(runs, () => staffLoads(owner));
  return {
    assignments: overview.value.assigned,
    toReview: loads.value.reduce((n, s) => n + s.needsReview, 0),
    overview: overview.timed,
    joined: joined.timed,
    staffLoads: loads.timed,
  };
}

export function describeCareReads(c: CareBench): string[] {
  return [
    `care page, ${c.assignments.toLocaleString("en")} assignments, ${c.toReview.toLocaleString("en")} to review: overview (counts and "needs review") ${describeTimed(c.overview)}; ` +
      `the list joined to every assignment's score, as before, ${describeTimed(c.joined)}`,
    `care page, staff loads ${describeTimed(c.staffLoads)}`,
  ];
}
