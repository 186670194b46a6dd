import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { settlePoints } from "@/lib/points/settle";

// The demo store's member prices, paid memberships and points, made after its scores exist.
// Deterministic (ids and their ranks, no random()), entirely in SQL:
// - member prices on the 20 best-selling products: silver 5% off, gold 10% off, diamond 15% off
//   as a fixed price, each kept at or above the floor price (the guard's rule);
// - two plans, 金卡会员 (gold) and 钻石年卡 (diamond), with silver and gold customers enrolled on
//   dates spread over the last year, so some memberships end in the next 30 days;
// - points rules started 180 days ago, the ledger settled, and a few redemptions.

const DAY = 86_400_000;

export async function seedPricing(db: Db, storeId: number, now = new Date()): Promise<void> {
  const S = storeId;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      with top as (
        select oi.product_id, sum(oi.quantity) as units
        from order_items oi where oi.store_id = ${S}
        group by oi.product_id order by units desc, oi.product_id limit 20
      )
      insert into member_prices (store_id, product_id, tier, price, percent_off)
      select ${S}, p.id, t.tier::tier,
             case when t.fixed then greatest(coalesce(p.floor_price, 0), round(p.price * (100 - t.pct) / 100.0))::bigint end,
             case when not t.fixed then t.pct end
      from products p
      join top on top.product_id = p.id
      cross join (values ('silver', 5, false), ('gold', 10, false), ('diamond', 15, true)) as t(tier, pct, fixed)
      where p.store_id = ${S}
        -- a percent off must land at or above the floor, or the guard would refuse it
        and (t.fixed or round(p.price * (100 - t.pct) / 100.0) >= coalesce(p.floor_price, 0))
      on conflict do nothing`);

    const { rows: plans } = await tx.execute<{ id: number; tier: string }>(sql`
      insert into membership_plans (store_id, name, fee, length_days, tier)
      values (${S}, '金卡会员', 9900, 365, 'gold'), (${S}, '钻石年卡', 19900, 365, 'diamond')
      returning id::int as id, tier::text as tier`);
    const gold = plans.find((p) => p.tier === "gold")!.id;
    const diamond = plans.find((p) => p.tier === "diamond")!.id;

    // Every 8th silver customer buys the gold card, every 6th gold customer the diamond card;
    // every 4th member started 336–360 days ago (so ends within the month), the rest within 300 days.
    await tx.execute(sql`
      insert into customer_memberships (store_id, customer_id, plan_id, tier, fee_paid, starts_at, ends_at)
      select ${S}, customer_id, plan_id, plan_tier::tier, fee, ${now}::timestamptz - make_interval(days => age),
             ${now}::timestamptz - make_interval(days => age) + interval '365 days'
      from (
        select c.*, (case when m % 4 = 0 then 336 + m % 25 else 10 + (m * 37) % 300 end)::int as age
        from (
          select c.*, row_number() over (order by customer_id) as m
          from (
            select cs.customer_id,
                   case when cs.score_tier = 'silver' then ${gold}::bigint else ${diamond}::bigint end as plan_id,
                   case when cs.score_tier = 'silver' then 'gold' else 'diamond' end as plan_tier,
                   case when cs.score_tier = 'silver' then 9900 else 19900 end as fee,
                   row_number() over (partition by cs.score_tier order by cs.customer_id) as k,
                   cs.score_tier
            from customer_scores cs
            where cs.store_id = ${S} and cs.score_tier in ('silver', 'gold')
          ) c
          where (score_tier = 'silver' and k % 8 = 0) or (score_tier = 'gold' and k % 6 = 0)
        ) c
      ) c`);

    await tx.execute(sql`
      insert into points_rules (store_id, enabled, earn_rate, tier_multipliers, expiry_months, redeem_rate, earn_from)
      values (${S}, true, 1, '{"ordinary":1,"silver":1.2,"gold":1.5,"diamond":2,"crown":3}'::jsonb, 12, 100,
              ${new Date(now.getTime() - 180 * DAY)})`);
    await settlePoints(tx, S, now);

    // Some customers already spent points on coupons (every 5th with 500 or more).
    await tx.execute(sql`
      insert into points_entries (store_id, customer_id, kind, points, occurred_at, coupon_value)
      select ${S}, customer_id, 'redeem', -300, ${now}::timestamptz - interval '3 days', 300
      from (
        select customer_id, sum(points) as balance, row_number() over (order by customer_id) as n
        from points_entries where store_id = ${S} group by customer_id
      ) b
      where balance >= 500 and n % 5 = 0`);
  });
  // The memberships lift tiers in force at the next recompute: run it now.
  await recomputeScores(storeId, { db });
}
