import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type DbOrTx } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import type { StoreContext } from "@/lib/stores/context";
import { onPostgres, within } from "@/tests/backend";
import { makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";
import { adjustPoints, redeemPoints } from "./ledger";
import { pointsOutstanding } from "./queries";
import { savePointsRules } from "./rules";
import { AVAILABLE, expiryLedger, settlePoints } from "./settle";

// The store's outstanding points read each customer's summed ledger (points_balances, kept by
// triggers on points_entries) and their entries only when some of their points may be past
// their expiry and not written off. Here, after every kind of write, the figure must be what
// summing every entry of the store gives (as the pages did before), at moments on both sides
// of the expiries, and every row must hold its customer's sums.

const rules = { enabled: true, earnRate: 1, expiryMonths: 1, redeemRate: 100, ordinary: 1, silver: 1, gold: 1, diamond: 1, crown: 1 };

async function fromEntries(ctx: StoreContext, at: Date, db: DbOrTx = getDb()) {
  const { rows } = await db.execute<{ points: number; holders: number }>(sql`
    with balances as (select ${AVAILABLE} as balance from (${expiryLedger(ctx.store.id, at)}) l)
    select coalesce(sum(balance), 0)::float8 as points, count(*) filter (where balance > 0)::int as holders from balances`);
  return rows[0]!;
}

/** Customers whose row differs from the sums of their entries (or who have entries and no row). */
async function rowsAstray(ctx: StoreContext) {
  const { rows } = await getDb().execute(sql`
    select coalesce(b.customer_id, e.customer_id) as customer_id, b.balance, e.balance as entries_balance
    from (select * from points_balances where store_id = ${ctx.store.id}) b
    full join (
      select customer_id, sum(points) as balance, count(*) as n,
             -coalesce(sum(points) filter (where order_id is null and (points < 0 or return_id is not null)), 0) as debits
      from points_entries where store_id = ${ctx.store.id} group by customer_id
    ) e on e.customer_id = b.customer_id
    where b.balance is distinct from coalesce(e.balance, 0) or b.debits is distinct from coalesce(e.debits, 0) or b.customer_id is null`);
  return rows;
}

/** The outstanding points at each moment, as read and as summed from the entries; and the rows' sums. */
async function check(ctx: StoreContext, moments: string[]) {
  for (const moment of moments) {
    const at = new Date(moment);
    expect(await pointsOutstanding(getDb(), ctx.store.id, at), moment).toEqual(await fromEntries(ctx, at));
  }
  expect(await rowsAstray(ctx)).toEqual([]);
}

async function dueCustomers(ctx: StoreContext, at: string) {
  const { rows } = await getDb().execute<{ n: number }>(
    sql`select count(*)::int as n from points_balances where store_id = ${ctx.store.id} and due_at <= ${new Date(at)}`,
  );
  return rows[0]!.n;
}

describe("the store's outstanding points", () => {
  it("equal the sum of the entries after earnings, spending, adjustments, reversals, expiry and a recompute, at any moment", async () => {
    const ctx = await makeStore("pbal");
    await savePointsRules(ctx, rules, new Date("2026-01-01T00:00:00Z"));
    const d = storeData(ctx);
    // Points expire a month after their order: A's first 100 on 10 March, the next 50 on 20 March.
    await d.order("A", "2026-02-10T08:00:00Z", 10000);
    await d.order("A", "2026-02-20T08:00:00Z", 5000);
    const cancelled = await d.order("B", "2026-02-15T08:00:00Z", 8000);
    await d.order("B", "2026-02-25T08:00:00Z", 3000);
    await d.order("C", "2026-03-01T08:00:00Z", 20000);
    const a = await d.customer("A");
    const c = await d.customer("C");
    const moments = ["2026-02-21T00:00:00Z", "2026-03-10T07:59:59Z", "2026-03-10T08:00:00Z", "2026-03-16T00:00:00Z", "2026-03-20T08:00:00Z", "2026-04-02T00:00:00Z", "2027-01-01T00:00:00Z"];

    // Earned.
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-02T00:00:00Z"));
    await check(ctx, moments);
    expect(await pointsOutstanding(getDb(), ctx.store.id, new Date("2026-03-02T00:00:00Z"))).toEqual({ points: 460, holders: 3 });

    // Spent, and adjusted both ways (a goodwill that has already expired by the time it is read).
    await redeemPoints(ctx, { customerId: a, points: 30 }, new Date("2026-03-03T00:00:00Z"));
    await adjustPoints(ctx, { customerId: c, points: 25, reason: "Goodwill" }, new Date("2026-03-03T00:00:00Z"));
    await adjustPoints(ctx, { customerId: c, points: -5, reason: "Correction" }, new Date("2026-03-04T00:00:00Z"));
    await check(ctx, moments);

    // A cancellation takes its order's points back; a return without an order takes points back,
    // and gives them back when it is rejected after completing.
    await getDb().execute(sql`update orders set status = 'cancelled' where store_id = ${ctx.store.id} and id = ${cancelled}`);
    await d.return("C", "2026-03-05T00:00:00Z", 4000, "completed");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-06T00:00:00Z"));
    await check(ctx, moments);
    await getDb().execute(sql`update returns set status = 'rejected' where store_id = ${ctx.store.id}`);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-07T00:00:00Z"));
    await check(ctx, moments);

    // Past A's first expiry, not yet written off: read from A's ledger; then written off.
    expect(await pointsOutstanding(getDb(), ctx.store.id, new Date("2026-03-16T00:00:00Z"))).toEqual(await fromEntries(ctx, new Date("2026-03-16T00:00:00Z")));
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-16T00:00:00Z"));
    await check(ctx, moments);
    // Everyone's points that came due are written off: no one is due until the next expiry.
    expect(await dueCustomers(ctx, "2026-03-16T00:00:00Z")).toBe(0);
    expect(await dueCustomers(ctx, "2026-03-20T08:00:00Z")).toBeGreaterThan(0);

    // A redemption after C's order's points came due writes them off for C first (the goodwill is left).
    await redeemPoints(ctx, { customerId: c, points: 10 }, new Date("2026-04-02T00:00:00Z"));
    await check(ctx, moments);

    // The recompute, now: every expiry past is written off, and nothing is due before the last.
    await recomputeScores(ctx.store.id);
    await check(ctx, [...moments, new Date().toISOString()]);
    expect(await dueCustomers(ctx, new Date().toISOString())).toBe(0);
    expect(await pointsOutstanding(getDb(), ctx.store.id)).toEqual({ points: 0, holders: 0 });

    // An entry corrected or deleted by hand is followed too.
    await adjustPoints(ctx, { customerId: a, points: 40, reason: "Welcome back" });
    await getDb().execute(sql`update points_entries set points = 45 where store_id = ${ctx.store.id} and reason = 'Welcome back'`);
    await check(ctx, [new Date().toISOString()]);
    expect(await pointsOutstanding(getDb(), ctx.store.id)).toEqual({ points: 45, holders: 1 });
    await getDb().execute(sql`delete from points_entries where store_id = ${ctx.store.id} and reason = 'Welcome back'`);
    await check(ctx, [new Date().toISOString()]);
    expect(await pointsOutstanding(getDb(), ctx.store.id)).toEqual({ points: 0, holders: 0 });

    // Emptied whole (in a transaction rolled back: other tests' ledgers are in this database).
    await adjustPoints(ctx, { customerId: a, points: 15, reason: "Again" });
    const rolledBack = new Error("rolled back");
    await expect(
      getDb().transaction(async (tx) => {
        await tx.execute(sql`truncate points_entries`);
        expect(await pointsOutstanding(tx, ctx.store.id)).toEqual({ points: 0, holders: 0 });
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await pointsOutstanding(getDb(), ctx.store.id)).toEqual({ points: 15, holders: 1 });
  });

  it("count points given back after their expiry as gone at once, before and after the settlement writes them off", async () => {
    const ctx = await makeStore("pbal");
    await savePointsRules(ctx, rules, new Date("2026-01-01T00:00:00Z"));
    const d = storeData(ctx);
    const first = await d.order("E", "2026-02-10T08:00:00Z", 10000); // expires 10 March
    await d.order("E", "2026-03-01T08:00:00Z", 6000); // expires 1 April
    await settlePoints(getDb(), ctx.store.id, new Date("2026-02-11T00:00:00Z"));
    await getDb().execute(sql`update orders set status = 'cancelled' where store_id = ${ctx.store.id} and id = ${first}`);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-02T00:00:00Z"));
    const moments = ["2026-03-02T00:00:00Z", "2026-03-10T08:00:00Z", "2026-03-12T00:00:00Z", "2026-04-01T08:00:00Z"];
    await check(ctx, moments);
    // Paid again after its expiry: the restore's points were due before they were written.
    await getDb().execute(sql`update orders set status = 'paid' where store_id = ${ctx.store.id} and id = ${first}`);
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-12T00:00:00Z"));
    await check(ctx, moments);
    expect(await pointsOutstanding(getDb(), ctx.store.id, new Date("2026-03-12T00:00:00Z"))).toEqual({ points: 60, holders: 1 });
  });

  it.skipIf(!onPostgres)("keep the due time an entry written meanwhile gave, when the settlement read the ledger before it", async () => {
    const ctx = await makeStore("pbal");
    await savePointsRules(ctx, rules, new Date("2026-01-01T00:00:00Z"));
    const d = storeData(ctx);
    await d.order("Y", "2026-02-10T08:00:00Z", 10000); // 100 points, expire 10 March
    const y = await d.customer("Y");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-02-11T00:00:00Z"));
    // All spent before they expire: nothing will be written off, but Y is read on 10 March.
    await redeemPoints(ctx, { customerId: y, points: 100 }, new Date("2026-03-01T00:00:00Z"));
    // 20 points expiring on 20 March, written and not committed yet.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const inside = new Promise<void>((resolve) => (written = resolve));
    const writing = getDb().transaction(async (tx) => {
      await tx.execute(sql`
        insert into points_entries (store_id, customer_id, kind, points, occurred_at, expires_at, reason)
        values (${ctx.store.id}, ${y}, 'adjustment', 20, '2026-03-02T00:00:00Z', '2026-03-20T00:00:00Z', 'Meanwhile')`);
      written();
      await released;
    });
    await inside;
    // The settlement on 15 March reads Y's ledger without the 20 (nothing of it ever past its
    // expiry) and waits for Y's row; its time must not be kept over the one the 20 gave.
    const settling = settlePoints(getDb(), ctx.store.id, new Date("2026-03-15T00:00:00Z"));
    try {
      expect(await within(settling, 500)).toBe("still waiting");
    } finally {
      release();
      await writing;
    }
    await settling;
    await check(ctx, ["2026-03-15T00:00:00Z", "2026-03-21T00:00:00Z"]);
    expect(await pointsOutstanding(getDb(), ctx.store.id, new Date("2026-03-21T00:00:00Z"))).toEqual({ points: 0, holders: 0 });
  });
});

// Migration 0045 fills the rows of the ledgers written before it, with when each customer's
// points may first be past their expiry and not written off.
const migration = fs.readFileSync(path.join(process.cwd(), "db", "migrations", "0045_points_balances.sql"), "utf8");
const backfill = migration.slice(migration.lastIndexOf("INSERT INTO points_balances"));

describe("migration 0045", () => {
  it("sums each ledger written before it, so that the outstanding points are the entries' at any moment", async () => {
    const ctx = await makeStore("pbal");
    await savePointsRules(ctx, rules, new Date("2026-01-01T00:00:00Z"));
    const d = storeData(ctx);
    await d.order("M", "2026-02-10T08:00:00Z", 10000); // expires 10 March
    await d.order("M", "2026-03-01T08:00:00Z", 6000); // expires 1 April
    await d.order("N", "2026-03-05T08:00:00Z", 2000); // expires 5 April
    await d.return("N", "2026-03-06T00:00:00Z", 1000, "completed");
    await settlePoints(getDb(), ctx.store.id, new Date("2026-03-07T00:00:00Z"));
    await redeemPoints(ctx, { customerId: await d.customer("M"), points: 30 }, new Date("2026-03-08T00:00:00Z"));
    const moments = ["2026-03-08T00:00:00Z", "2026-03-10T08:00:00Z", "2026-04-01T08:00:00Z", "2026-04-05T08:00:00Z"].map((m) => new Date(m));
    const rolledBack = new Error("rolled back");
    await expect(
      getDb().transaction(async (tx) => {
        await tx.execute(sql`delete from points_balances`);
        await tx.execute(sql.raw(backfill));
        for (const at of moments) expect(await pointsOutstanding(tx, ctx.store.id, at), at.toISOString()).toEqual(await fromEntries(ctx, at, tx));
        // No one is read from their ledger before their points can be gone.
        const { rows } = await tx.execute<{ due_at: string | null }>(
          sql`select due_at from points_balances where store_id = ${ctx.store.id} order by customer_id`,
        );
        expect(rows.map((r) => r.due_at && new Date(r.due_at).toISOString())).toEqual(["2026-03-10T08:00:00.000Z", "2026-04-05T08:00:00.000Z"]);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
  });
});
