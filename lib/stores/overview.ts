import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { StoreContext } from "./context";

/** How many rows of each kind of data the store holds: one round trip, counted in SQL. */
export async function countStoreData(ctx: StoreContext) {
  const id = ctx.store.id;
  const { rows } = await getDb().execute<{
    customers: number;
    orders: number;
    products: number;
    returns: number;
    reviews: number;
    shares: number;
  }>(sql`
    select
      (select count(*)::int from customers where store_id = ${id}) as customers,
      (select count(*)::int from orders where store_id = ${id}) as orders,
      (select count(*)::int from products where store_id = ${id}) as products,
      (select count(*)::int from returns where store_id = ${id}) as returns,
      (select count(*)::int from reviews where store_id = ${id}) as reviews,
      (select count(*)::int from shares where store_id = ${id}) as shares`);
  return rows[0]!;
}
