import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { listExpiringMembers } from "@/lib/memberships/queries";
import { pointsOutstanding } from "@/lib/points/queries";
import { makeStore } from "@/tests/factories";
import { seedPricing } from "./seed-pricing";
import { seedStore } from "./seed-store";

describe("demo pricing seed", () => {
  it("gives the demo member prices within the guard, plans with members (some expiring) and a settled ledger", async () => {
    const ctx = await makeStore("seedp");
    await seedStore(getDb(), ctx.store.id, { customers: 300, orders: 3000 });
    await recomputeScores(ctx.store.id);
    const now = new Date();
    await seedPricing(getDb(), ctx.store.id, now);

    const { rows: prices } = await getDb().execute<{ n: number; bad: number }>(sql`
      select count(*)::int as n,
             count(*) filter (where coalesce(mp.price, round(p.price * (100 - mp.percent_off) / 100.0)) < coalesce(p.floor_price, 0)
                                 or coalesce(mp.price, 0) > p.price)::int as bad
      from member_prices mp join products p on p.store_id = mp.store_id and p.id = mp.product_id
      where mp.store_id = ${ctx.store.id}`);
    expect(prices[0]!.n).toBeGreaterThan(20);
    expect(prices[0]!.bad).toBe(0);

    const { rows: members } = await getDb().execute<{ n: number }>(
      sql`select count(*)::int as n from customer_memberships where store_id = ${ctx.store.id}`,
    );
    expect(members[0]!.n).toBeGreaterThan(5);
    expect((await listExpiringMembers(ctx, { at: now })).total).toBeGreaterThan(0);

    const { rows: negative } = await getDb().execute<{ n: number }>(sql`
      select count(*)::int as n from (select sum(points) as b from points_entries where store_id = ${ctx.store.id} group by customer_id) x where b < 0`);
    expect(negative[0]!.n).toBe(0);
    expect((await pointsOutstanding(getDb(), ctx.store.id)).points).toBeGreaterThan(0);

    // The demo's rules give the higher tiers a multiplier, and the ledger shows it: some orders
    // earned more than one point per yuan (rate 1), none less.
    const { rows: rates } = await getDb().execute<{ boosted: number; short: number }>(sql`
      select count(*) filter (where e.points > floor(o.total / 100.0))::int as boosted,
             count(*) filter (where e.points < floor(o.total / 100.0))::int as short
      from points_entries e join orders o on o.store_id = e.store_id and o.id = e.order_id
      where e.store_id = ${ctx.store.id} and e.kind = 'earn'`);
    expect(rates[0]!.boosted).toBeGreaterThan(0);
    expect(rates[0]!.short).toBe(0);
  });
});
