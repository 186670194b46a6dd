import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { withoutForeignKeyChecks } from "@/db/bulk";
import { stores } from "@/db/schema";
import { makeCustomer } from "@/lib/pricing/pricing-test-data";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { activeAt, cancelMembership, enrolCustomer, renewMembership } from "./enrolments";
import { createPlan } from "./plans";
import { activeMembersPage, countActiveMembers } from "./queries";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Mid-morning, so that what starts, ends or is cancelled falls inside a day, not on its edge.
const t0 = new Date("2026-05-01T09:30:00Z");
const at = (days: number, hours = 0) => new Date(t0.getTime() + days * DAY + hours * HOUR);

/** The customers with a membership active at `moment`, read from every membership, as the dashboard read them before they were kept. */
async function countedFromMemberships(ctx: StoreContext, moment: Date): Promise<number> {
  const { rows } = await getDb().execute<{ n: number }>(sql`
    select count(distinct m.customer_id)::int as n from customer_memberships m where m.store_id = ${ctx.store.id} and ${activeAt(moment)}`);
  return rows[0]!.n;
}

/** Every 6 hours from a day before t0 to 70 days after, and a millisecond either side of each moment in `edges`. */
function moments(edges: Date[]): Date[] {
  const grid = Array.from({ length: 71 * 4 }, (_, i) => at(-1, i * 6));
  return [...grid, ...edges.flatMap((edge) => [new Date(edge.getTime() - 1), edge, new Date(edge.getTime() + 1)])];
}

async function expectRightAtEveryMoment(ctx: StoreContext, edges: Date[]): Promise<void> {
  const wrong: string[] = [];
  for (const moment of moments(edges)) {
    const [kept, read] = [await countActiveMembers(getDb(), ctx.store.id, moment), await countedFromMemberships(ctx, moment)];
    if (kept !== read) wrong.push(`${moment.toISOString()}: ${kept} instead of ${read}`);
  }
  // The members list's total, unsearched, is the same count.
  for (const edge of edges) {
    const total = (await activeMembersPage(ctx, { at: edge })).total;
    if (total !== (await countedFromMemberships(ctx, edge))) wrong.push(`${edge.toISOString()}: the list says ${total}`);
  }
  expect(wrong).toEqual([]);
}

describe("the count of active members (the dashboard's, the members list's total)", () => {
  it("is right at every moment across enrolments, renewals, cancellations and expiries, and counts no other store's members", async () => {
    const ctx = await makeStore("active");
    const other = await makeStore("active-other");
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    const otherPlan = await createPlan(other, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    for (const name of ["a", "b", "c", "d"]) await makeCustomer(ctx, name);
    for (const name of ["x", "y"]) await makeCustomer(other, name);
    const count = (moment: Date) => countActiveMembers(getDb(), ctx.store.id, moment);

    const a = await enrolCustomer(ctx, { planId: plan.id, customer: "a" }, t0);
    const b = await enrolCustomer(ctx, { planId: plan.id, customer: "b" }, at(0, 2));
    await enrolCustomer(ctx, { planId: plan.id, customer: "c" }, at(3));
    // The other store's members, enrolled at the same moments, are never counted here.
    await enrolCustomer(other, { planId: otherPlan.id, customer: "x" }, t0);
    await enrolCustomer(other, { planId: otherPlan.id, customer: "y" }, at(3));

    // Counted from the moment they start, within the day as on the days after.
    expect(await count(new Date(t0.getTime() - 1))).toBe(0);
    expect(await count(t0)).toBe(1);
    expect(await count(at(0, 1))).toBe(1);
    expect(await count(at(0, 2))).toBe(2);
    expect(await count(at(5))).toBe(3);
    // Until the moment they end: a's ends at day 30, 09:30, b's at 11:30, c's at day 33.
    expect(await count(at(30, -1))).toBe(3);
    expect(await count(at(30))).toBe(2);
    expect(await count(at(30, 2))).toBe(1);
    expect(await count(at(33))).toBe(0);
    await expectRightAtEveryMoment(ctx, [t0, at(0, 2), at(3), at(30), at(30, 2), at(33)]);

    // A renewal queued on day 20 keeps a counted past day 30, once.
    const renewal = await renewMembership(ctx, { membershipId: a.id }, at(20));
    expect(renewal.startsAt).toEqual(at(30));
    expect(await count(at(30))).toBe(3);
    expect(await count(at(30, 2))).toBe(2);
    expect(await count(at(45))).toBe(1);
    expect(await count(at(60))).toBe(0);
    // b cancelled on day 10 in the afternoon: counted that morning, not from the cancellation on.
    await cancelMembership(ctx, b.id, at(10, 5));
    expect(await count(at(10, 4))).toBe(3);
    expect(await count(at(10, 5))).toBe(2);
    // a cancelled on day 25 with the renewal queued after it: that renewal, never begun, never counts.
    expect(await cancelMembership(ctx, a.id, at(25))).toEqual({ cancelled: 2 });
    expect(await count(at(25, -1))).toBe(2);
    expect(await count(at(25))).toBe(1);
    expect(await count(at(45))).toBe(0);
    // Enrolled again the same day, a counts again from then.
    await enrolCustomer(ctx, { planId: plan.id, customer: "a" }, at(25, 3));
    expect(await count(at(25, 3))).toBe(2);
    await expectRightAtEveryMoment(ctx, [at(10, 5), at(25), at(25, 3), at(30), at(33), at(55, 3), at(60)]);

    // Rows changed and removed by any statement (here: periods moved, a customer erased) stay counted right.
    await getDb().execute(sql`
      update customer_memberships set ends_at = ends_at + interval '7 days 5 hours', starts_at = starts_at - interval '1 day'
      where store_id = ${ctx.store.id} and customer_id = (select id from customers where store_id = ${ctx.store.id} and external_id = 'c')`);
    await expectRightAtEveryMoment(ctx, [at(2), at(40, 5)]);
    await getDb().execute(sql`delete from customers where store_id = ${ctx.store.id} and external_id = 'a'`);
    await expectRightAtEveryMoment(ctx, [at(25, 3), at(40, 5)]);

    // Written through the bulk path too, whose per-row checks are off (the counts' triggers fire ALWAYS): d's periods, one cancelled.
    await getDb().transaction((tx) =>
      withoutForeignKeyChecks(tx, ["customer_memberships"], () =>
        tx.execute(sql`
          insert into customer_memberships (store_id, customer_id, plan_id, tier, fee_paid, starts_at, ends_at, cancelled_at)
          select ${ctx.store.id}, c.id, ${plan.id}, 'gold', 9900, ${at(1, 7)}::timestamptz + n * interval '20 days',
                 ${at(1, 7)}::timestamptz + (n + 1) * interval '20 days', case when n = 1 then ${at(22, 3)}::timestamptz end
          from customers c, generate_series(0, 2) n where c.store_id = ${ctx.store.id} and c.external_id = 'd'`),
      ),
    );
    await expectRightAtEveryMoment(ctx, [at(1, 7), at(21, 7), at(22, 3), at(41, 7), at(61, 7)]);

    // The other store's count is its own, and goes with it.
    expect(await countActiveMembers(getDb(), other.store.id, at(5))).toBe(2);
    await expectRightAtEveryMoment(other, [t0, at(3), at(30), at(33)]);
    await getDb().delete(stores).where(eq(stores.id, other.store.id));
    const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from membership_day_counts where store_id = ${other.store.id}`);
    expect(rows[0]!.n).toBe(0);
    expect(await countActiveMembers(getDb(), other.store.id, at(5))).toBe(0);
    await expectRightAtEveryMoment(ctx, [at(25, 3), at(40, 5)]);
  });
});
