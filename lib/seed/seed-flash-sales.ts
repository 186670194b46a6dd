import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { Tier } from "@/db/schema";
import { recomputeScores } from "@/lib/customers/recompute";
import { settleEndedFlashSales } from "@/lib/flash-sales/settle";
import { fillSlots } from "@/lib/flash-sales/stock";

// The demo store's flash sales, made after its scores exist (claims record the buyer's tier):
// one ended three days ago whose claims became paid orders, one live now with claims coming
// in, and one tomorrow evening with early access for gold and above. Deterministic (hashes of
// ids, no random()), entirely in SQL, and the scores are recomputed for the new orders.

const HOUR = 3_600_000;

interface SaleSpec {
  key: string;
  startsAt: Date;
  endsAt: Date;
  quantity: number;
  perCustomerLimit: number;
  earlyAccess: { tier: Tier; minutes: number } | null;
  /** Units claimed so far; claims run from the opening to min(now, end). */
  sold: number;
  /** Percent off the regular price (kept at or above the floor price). */
  percentOff: number;
}

/** Whole hours in the store's zone (Asia/Shanghai is UTC+8 for the demo), `days` from today. */
function atStoreHour(now: Date, days: number, hour: number, utcOffsetHours: number): Date {
  const local = new Date(now.getTime() + utcOffsetHours * HOUR);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return new Date(midnight + days * 24 * HOUR + (hour - utcOffsetHours) * HOUR);
}

export async function seedFlashSales(db: Db, storeId: number, now = new Date()): Promise<void> {
  const { rows: picked } = await db.execute<{ id: string; price: string; floor_price: string | null; stock: number }>(sql`
    select id, price, floor_price, stock from products
     where store_id = ${storeId} and stock >= 200 and price >= 2990
     order by stock desc, id limit 3`);
  if (picked.length < 3) return;

  const liveStart = new Date(Math.floor((now.getTime() - 40 * 60_000) / 60_000) * 60_000);
  const specs: SaleSpec[] = [
    {
      key: "ended",
      startsAt: atStoreHour(now, -3, 20, 8),
      endsAt: atStoreHour(now, -3, 22, 8),
      quantity: 60,
      perCustomerLimit: 2,
      earlyAccess: { tier: "gold", minutes: 30 },
      sold: 54,
      percentOff: 25,
    },
    { key: "live", startsAt: liveStart, endsAt: new Date(liveStart.getTime() + 4 * HOUR), quantity: 120, perCustomerLimit: 2, earlyAccess: null, sold: 47, percentOff: 20 },
    {
      key: "scheduled",
      startsAt: atStoreHour(now, 1, 20, 8),
      endsAt: atStoreHour(now, 1, 22, 8),
      quantity: 100,
      perCustomerLimit: 1,
      earlyAccess: { tier: "gold", minutes: 60 },
      sold: 0,
      percentOff: 30,
    },
  ];

  for (const [i, spec] of specs.entries()) {
    const product = picked[i]!;
    const regular = Number(product.price);
    const floor = Number(product.floor_price ?? 0);
    const price = Math.max(floor, Math.round((regular * (100 - spec.percentOff)) / 100 / 10) * 10);
    if (price >= regular) continue;
    const { rows } = await db.execute<{ id: string }>(sql`
      insert into flash_sales (store_id, product_id, price, quantity, per_customer_limit, starts_at, ends_at,
                               early_access_tier, early_access_minutes, created_at, updated_at)
      values (${storeId}, ${product.id}, ${price}, ${spec.quantity}, ${spec.perCustomerLimit}, ${spec.startsAt}, ${spec.endsAt},
              ${spec.earlyAccess?.tier ?? null}, ${spec.earlyAccess?.minutes ?? null},
              ${new Date(spec.startsAt.getTime() - 48 * HOUR)}, ${new Date(spec.startsAt.getTime() - 48 * HOUR)})
      returning id`);
    const saleId = Number(rows[0]!.id);
    await db.execute(sql`update products set stock = stock - ${spec.quantity} where store_id = ${storeId} and id = ${product.id}`);
    if (spec.sold === 0) {
      await fillSlots(db, storeId, saleId, spec.quantity);
      continue;
    }

    const opens = new Date(spec.startsAt.getTime() - (spec.earlyAccess?.minutes ?? 0) * 60_000);
    const closes = new Date(Math.min(now.getTime(), spec.endsAt.getTime()) - 60_000);
    const early = spec.earlyAccess ? sql`${spec.earlyAccess.tier}::tier` : sql`null::tier`;
    // Buyers: loyal tiers first in line (a hash breaks ties), each taking 1 or 2 units; claims
    // crowd the opening minutes, as a stampede does. Early access takes the first 20% of claims
    // (time-wise) for tiers at or above its tier only.
    await db.execute(sql`
      with candidates as (
        select s.customer_id, s.tier,
               ('x' || substr(md5(s.customer_id::text || ':' || ${saleId}), 1, 8))::bit(32)::int as h
          from customer_scores s
         where s.store_id = ${storeId} and s.orders > 0
           and not exists (select 1 from customer_flags f where f.store_id = s.store_id and f.customer_id = s.customer_id)
      ), ranked as (
        select customer_id, tier,
               least(${spec.perCustomerLimit}, 1 + (abs(h) % 2)) as quantity,
               row_number() over (order by array_position(enum_range(null::tier), tier) * 2 + (abs(h) % 7) desc, abs(h)) as n
          from candidates
      ), taken as (
        select *, sum(quantity) over (order by n) as running from ranked
      ), chosen as (
        select customer_id, tier, quantity, n, count(*) over () as total
          from taken where running <= ${spec.sold}
      ), timed as (
        select customer_id, tier, quantity, n,
               case
                 when ${early} is not null and tier >= ${early} and n <= greatest(1, total / 5)
                   then ${opens}::timestamptz + (n::float / greatest(1, total / 5)) * (${spec.startsAt}::timestamptz - ${opens}::timestamptz) * 0.95
                 else ${spec.startsAt}::timestamptz + power(n::float / total, 2) * (${closes}::timestamptz - ${spec.startsAt}::timestamptz)
               end as claimed_at
          from chosen
      )
      insert into flash_sale_claims (store_id, sale_id, customer_id, quantity, unit_price, tier, idempotency_key, claimed_at)
      select ${storeId}, ${saleId}, customer_id, quantity, ${price}, tier, 'demo-' || ${saleId} || '-' || n, claimed_at
        from timed`);
    await db.execute(sql`
      insert into flash_sale_buyers (store_id, sale_id, customer_id, units)
      select store_id, sale_id, customer_id, sum(quantity) from flash_sale_claims
       where store_id = ${storeId} and sale_id = ${saleId} group by store_id, sale_id, customer_id`);
    const { rows: claimed } = await db.execute<{ units: number }>(sql`
      select coalesce(sum(quantity), 0)::int as units from flash_sale_claims where store_id = ${storeId} and sale_id = ${saleId}`);
    await fillSlots(db, storeId, saleId, spec.quantity - Number(claimed[0]!.units));
    if (spec.key === "ended") {
      // Its leftover units went back to the product's stock when it ended.
      await settleEndedFlashSales(db, storeId, now, saleId);
      // The platform sent each claim's order a few minutes later.
      await db.execute(sql`
        with placed as (
          insert into orders (store_id, external_id, customer_id, placed_at, status, group_buy, total)
          select store_id, 'FS' || sale_id || '-' || id, customer_id, claimed_at + interval '3 minutes', 'paid', false, quantity * unit_price
            from flash_sale_claims where store_id = ${storeId} and sale_id = ${saleId}
          returning id, external_id, total
        )
        insert into order_items (store_id, order_id, line_no, product_id, quantity, unit_price)
        select ${storeId}, placed.id, 1, ${product.id}, c.quantity, c.unit_price
          from placed join flash_sale_claims c
            on c.store_id = ${storeId} and c.sale_id = ${saleId} and 'FS' || c.sale_id || '-' || c.id = placed.external_id`);
      await db.execute(sql`
        update customers c set last_order_at = greatest(c.last_order_at, o.placed_at), first_order_at = least(c.first_order_at, o.placed_at)
          from (select customer_id, max(placed_at) as placed_at from orders
                 where store_id = ${storeId} and external_id like ${"FS" + saleId + "-%"} group by customer_id) o
         where c.store_id = ${storeId} and c.id = o.customer_id`);
    }
  }
  await recomputeScores(storeId);
}
