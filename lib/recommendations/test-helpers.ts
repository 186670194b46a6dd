import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { StoreContext } from "@/lib/stores/context";

// Test-only helpers for the recommendations tests (imported by *.test.ts files alone).

/** The store's stored co-purchase counts, keyed "product+partner" by external id. */
export async function pairCounts(ctx: StoreContext): Promise<Record<string, number>> {
  const { rows } = await getDb().execute<{ pair: string; customers: number }>(sql`
    select p.external_id || '+' || q.external_id as pair, c.customers
    from co_purchases c
    join products p on p.store_id = c.store_id and p.id = c.product_id
    join products q on q.store_id = c.store_id and q.id = c.other_product_id
    where c.store_id = ${ctx.store.id}`);
  return Object.fromEntries(rows.map((r) => [r.pair, r.customers]));
}
