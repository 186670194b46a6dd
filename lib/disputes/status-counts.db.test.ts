import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type DbOrTx } from "@/db";
import { withoutForeignKeyChecks } from "@/db/bulk";
import { disputeStatuses, stores } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { disputeCounts, disputesByTypeAndStatus, overdueCondition } from "./queries";

const DAY = 86_400_000;
const t0 = new Date("2026-03-01T02:00:00Z");
const later = (days: number) => new Date(t0.getTime() + days * DAY);

/** The counts as read from every dispute of the store, as disputeCounts read them before they were kept. */
async function countedFromDisputes(ctx: StoreContext, now: Date) {
  const { rows } = await getDb().execute<{ status: string; n: number; overdue: number }>(sql`
    select status, count(*)::int as n, (count(*) filter (where ${overdueCondition(now)}))::int as overdue
    from disputes where store_id = ${ctx.store.id} group by status`);
  const byStatus = Object.fromEntries(disputeStatuses.map((s) => [s, 0]));
  for (const row of rows) byStatus[row.status] = row.n;
  const open = ["submitted", "in_review", "routed", "escalated"].reduce((sum, s) => sum + byStatus[s]!, 0);
  return { byStatus, open, overdue: rows.reduce((sum, r) => sum + r.overdue, 0), total: rows.reduce((sum, r) => sum + r.n, 0) };
}

/** `count` disputes in the store, statuses and deadlines spread (every 9th open one without a deadline). */
function fileDisputes(ctx: StoreContext, count: number, from = 0, db: DbOrTx = getDb()) {
  return db.execute(sql`
    insert into disputes (store_id, type, status, title, deadline_at, created_at)
    select ${ctx.store.id}, 'fake_return',
           (array['draft', 'submitted', 'in_review', 'routed', 'escalated', 'resolved', 'withdrawn'])[1 + n % 7]::dispute_status,
           'Dispute ' || n, case when n % 9 <> 0 then ${t0}::timestamptz + (n % 20) * interval '1 day' end, ${t0}
    from generate_series(${from + 1}::int, ${from + count}::int) n`);
}

describe("the disputes' counts per status, kept as disputes are written", () => {
  it("equal a count of the store's disputes after inserts, status changes, other changes and deletes, on every day", async () => {
    const ctx = await makeStore("counts");
    const other = await makeStore("counts-other");
    const expectKept = async (now: Date) => expect(await disputeCounts(ctx, now)).toEqual(await countedFromDisputes(ctx, now));

    await fileDisputes(ctx, 300);
    await fileDisputes(other, 50);
    // Overdue moves with the time alone: the same disputes on day 0, 5 and 30.
    for (const day of [0, 5, 30]) await expectKept(later(day));
    expect((await disputeCounts(ctx, later(5))).overdue).toBeGreaterThan((await disputeCounts(ctx, later(0))).overdue);
    expect(await disputeCounts(ctx, later(5))).toMatchObject({ total: 300 });

    // Several statuses changed in one statement, one of them to the status it had; others left alone.
    await getDb().execute(sql`
      update disputes set status = case when status = 'submitted' then 'in_review'::dispute_status
                                        when status = 'escalated' then 'resolved'::dispute_status else status end
      where store_id = ${ctx.store.id} and id % 3 = 0`);
    await expectKept(later(5));
    // A change of everything but the status (an assignee, a deadline) moves no count.
    await getDb().execute(sql`update disputes set deadline_at = deadline_at + interval '10 days', title = title || '!' where store_id = ${ctx.store.id}`);
    await expectKept(later(5));

    await getDb().execute(sql`delete from disputes where store_id = ${ctx.store.id} and id % 4 = 0`);
    await expectKept(later(5));
    // Written through the bulk path too, whose per-row checks are off (the counts' triggers fire ALWAYS).
    await getDb().transaction((tx) => withoutForeignKeyChecks(tx, ["disputes"], () => fileDisputes(ctx, 40, 1000, tx)));
    await expectKept(later(12));
    // A write rolled back leaves the counts as they were.
    const before = await disputeCounts(ctx, later(12));
    await expect(
      getDb().transaction(async (tx) => {
        await tx.execute(sql`update disputes set status = 'withdrawn' where store_id = ${ctx.store.id}`);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await disputeCounts(ctx, later(12))).toEqual(before);
    await expectKept(later(12));

    // The other store's counts are its own, and go with it.
    expect(await disputeCounts(other, later(5))).toEqual(await countedFromDisputes(other, later(5)));
    await getDb().delete(stores).where(eq(stores.id, other.store.id));
    const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from dispute_status_counts where store_id = ${other.store.id}`);
    expect(rows[0]!.n).toBe(0);
    await expectKept(later(12));
  });
});

/** Disputes by type and status filed in [from, to), as disputesByTypeAndStatus read them before they were kept per month. */
async function mixFromDisputes(ctx: StoreContext, from?: Date, to?: Date) {
  const { rows } = await getDb().execute<{ type: string; status: string; count: number }>(sql`
    select type, status, count(*)::int as count from disputes
    where store_id = ${ctx.store.id} and created_at >= ${from ?? new Date(0)} and created_at < ${to ?? new Date("9999-01-01")}
    group by type, status order by type, status`);
  return rows;
}

/** `count` disputes filed a day and seven hours apart from `start`, types and statuses spread. */
function fileOverMonths(ctx: StoreContext, count: number, start: Date, from = 0, db: DbOrTx = getDb()) {
  return db.execute(sql`
    insert into disputes (store_id, type, status, title, created_at)
    select ${ctx.store.id}, (array['ip_infringement', 'fake_return', 'supplier_quality'])[1 + n % 3]::dispute_type,
           (array['draft', 'submitted', 'resolved', 'withdrawn'])[1 + n % 4]::dispute_status,
           'Dispute ' || n, ${start}::timestamptz + n * interval '31 hours'
    from generate_series(${from + 1}::int, ${from + count}::int) n`);
}

describe("the disputes by month, type and status, kept as disputes are written", () => {
  it("give the dashboard's chart the count of the disputes filed in any period after inserts, changes of type, status and filing time, and deletes", async () => {
    const ctx = await makeStore("month-counts");
    const other = await makeStore("month-counts-other");
    const start = new Date("2025-11-20T10:00:00Z");
    const now = new Date("2026-04-10T15:30:00Z");
    // Periods as the dashboard's (30, 90, 365 days back, all), one starting on a month's first
    // instant, one within a month, and ones ending inside a month or at its start.
    const periods: { from?: Date; to?: Date }[] = [
      {},
      { from: new Date(now.getTime() - 30 * DAY) },
      { from: new Date(now.getTime() - 90 * DAY) },
      { from: new Date(now.getTime() - 365 * DAY) },
      { from: new Date("2026-01-01T00:00:00Z") },
      { from: new Date("2026-01-05T00:00:00Z"), to: new Date("2026-01-20T00:00:00Z") },
      { from: new Date("2025-12-15T00:00:00Z"), to: new Date("2026-03-03T12:00:00Z") },
      { to: new Date("2026-02-01T00:00:00Z") },
    ];
    const expectKept = async () => {
      for (const period of periods) expect(await disputesByTypeAndStatus(ctx, period)).toEqual(await mixFromDisputes(ctx, period.from, period.to));
    };

    await fileOverMonths(ctx, 120, start);
    await fileOverMonths(other, 30, start);
    await expectKept();
    expect((await disputesByTypeAndStatus(ctx)).reduce((sum, r) => sum + r.count, 0)).toBe(120);

    // Types and statuses changed in one statement, some to what they were; one moved to another month.
    await getDb().execute(sql`
      update disputes set status = case when status = 'submitted' then 'resolved'::dispute_status else status end,
                          type = case when id % 2 = 0 then 'brand_authorization'::dispute_type else type end
      where store_id = ${ctx.store.id} and id % 3 = 0`);
    await expectKept();
    await getDb().execute(sql`update disputes set created_at = created_at - interval '40 days' where store_id = ${ctx.store.id} and id % 5 = 0`);
    await expectKept();
    // A change of neither (a title) moves no count.
    await getDb().execute(sql`update disputes set title = title || '!' where store_id = ${ctx.store.id}`);
    await expectKept();

    await getDb().execute(sql`delete from disputes where store_id = ${ctx.store.id} and id % 4 = 1`);
    await expectKept();
    // Through the bulk path too, whose per-row checks are off (the triggers fire ALWAYS).
    await getDb().transaction((tx) => withoutForeignKeyChecks(tx, ["disputes"], () => fileOverMonths(ctx, 40, start, 1000, tx)));
    await expectKept();

    // The other store's counts are its own, and go with it.
    expect(await disputesByTypeAndStatus(other)).toEqual(await mixFromDisputes(other));
    await getDb().delete(stores).where(eq(stores.id, other.store.id));
    const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from dispute_month_counts where store_id = ${other.store.id}`);
    expect(rows[0]!.n).toBe(0);
    await expectKept();
  });
});
