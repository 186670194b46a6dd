import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { customers, products, type Tier } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";

// Test data for pricing, memberships and points: products, and customers whose score tier is
// set directly (the scoring itself is tested elsewhere; here only the tier matters).

let serial = 0;

export async function makeProduct(ctx: StoreContext, price: number, floorPrice: number | null = null, name = "Product") {
  const [row] = await getDb()
    .insert(products)
    .values({ storeId: ctx.store.id, externalId: `P${++serial}-${Date.now()}`, name, price, floorPrice, stock: 10 })
    .returning({ id: products.id, externalId: products.externalId });
  return row!;
}

export async function makeCustomer(ctx: StoreContext, externalId = `C${++serial}-${Date.now()}`) {
  const [row] = await getDb()
    .insert(customers)
    .values({ storeId: ctx.store.id, externalId, name: externalId })
    .returning({ id: customers.id, externalId: customers.externalId });
  return row!;
}

/** Gives the customer a score row whose earned tier is `tier` (and, unless given, the same tier in force). */
export async function setScoreTier(ctx: StoreContext, customerId: number, tier: Tier, options: { inForce?: Tier; highValue?: boolean } = {}) {
  await getDb().execute(sql`
    insert into customer_scores (store_id, customer_id, run_id, rule_version, as_of, orders, spend, returns, refunded,
      net_spend, reviews, photo_reviews, positive_reviews, shares, is_repeat, score, score_tier, tier, gates, is_high_value)
    values (${ctx.store.id}, ${customerId}, 0, 1, now(), 2, 10000, 0, 0, 10000, 0, 0, 0, 0, true, 50, ${tier}, ${options.inForce ?? tier},
      '{}', ${options.highValue ?? false})
    on conflict (store_id, customer_id) do update set score_tier = excluded.score_tier, tier = excluded.tier,
      is_high_value = excluded.is_high_value`);
}
