import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import { settleEndedFlashSales } from "@/lib/flash-sales/settle";
import { productSearch } from "./product-search";
import type { StoreContext } from "@/lib/stores/context";

/** A product as a chooser offers it. */
export type ProductChoice = {
  id: number;
  externalId: string;
  name: string;
  price: number;
  floorPrice: number | null;
  stock: number;
};

/** How many products a chooser offers at once: it narrows as the merchant types. */
export const PRODUCT_CHOICES = 20;

/**
 * Products for a chooser: those whose name or external id contains `q` (all when empty), the
 * one whose external id is exactly `q` first, then by name. A chooser asks again as the merchant
 * types, so a store of any size offers every product without sending its whole catalogue.
 */
export async function searchProducts(ctx: StoreContext, q: string, limit = PRODUCT_CHOICES): Promise<ProductChoice[]> {
  const text = q.trim().slice(0, 100);
  // With nothing typed, the first products by name come straight off the (store_id, name, id)
  // index; an `or ${text} = ''` and an exact-code sort key made every product be read and sorted.
  // A chooser names each product's stock (a new sale's quantity is checked against it).
  await settleEndedFlashSales(getDb(), ctx.store.id, new Date());
  const filter = text ? sql`and ${await productSearch(ctx.store.id, text)}` : sql``;
  const { rows } = await getDb().execute<ProductChoice>(sql`
    select id::int as id, external_id as "externalId", name, price::float8 as price,
           floor_price::float8 as "floorPrice", stock
    from products p
    where store_id = ${ctx.store.id} ${filter}
    order by ${text ? sql`external_id = ${text} desc, name, id` : sql`name, id`}
    limit ${limit}`);
  return rows;
}

/**
 * The products to show a customer's prices for: what they buy most, topped up with products
 * that have member prices. Read through the customer's own orders (an index range), never a
 * scan of the store's order lines, so the customer page stays quick on big stores.
 */
export const topProductsForCustomer = reusePlans(async function topProductsForCustomer(ctx: StoreContext, customerId: number, limit = 5): Promise<number[]> {
  const { rows } = await getDb().execute<{ id: number }>(sql`
    select id::int as id from (
      (select oi.product_id as id, sum(oi.quantity) as weight, 1 as rank_group
       from orders o join order_items oi on oi.store_id = o.store_id and oi.order_id = o.id
       where o.store_id = ${ctx.store.id} and o.customer_id = ${customerId} and o.status = 'paid'
       group by oi.product_id order by weight desc, oi.product_id limit ${limit})
      union all
      (select mp.product_id, count(*), 2 from member_prices mp
       where mp.store_id = ${ctx.store.id} group by mp.product_id order by count(*) desc, mp.product_id limit ${limit})
    ) candidates
    group by id
    order by min(rank_group), max(weight) desc, id
    limit ${limit}`);
  return rows.map((r) => r.id);
});

export const productNamesByIds = reusePlans(async function productNamesByIds(ctx: StoreContext, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await getDb().execute<{ id: number; name: string }>(sql`
    select id::int as id, name from products
    where store_id = ${ctx.store.id} and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  return new Map(rows.map((r) => [r.id, r.name]));
});
