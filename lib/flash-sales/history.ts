import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import type { Tier } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";

// A customer's flash-sale claims for their history. Claims are not orders: the platform sends
// the order later through the API or an import. Rather than write into the orders tables (the
// import's), a claim is matched at read time to the first paid order of that customer that
// contains the product, placed at or after the claim and before the sale's end plus a day —
// the order the claim became. Until it arrives, the claim shows as awaiting its order.

export interface CustomerClaim {
  claimId: number;
  saleId: number;
  productName: string;
  quantity: number;
  unitPrice: number;
  regularPrice: number;
  tier: Tier;
  claimedAt: Date;
  order: { id: number; externalId: string; placedAt: Date } | null;
}

export const customerFlashClaims = reusePlans(async function customerFlashClaims(ctx: StoreContext, customerId: number, limit = 50): Promise<CustomerClaim[]> {
  const storeId = ctx.store.id;
  const { rows } = await getDb().execute<Record<string, unknown>>(sql`
    select c.id, c.sale_id, p.name, c.quantity, c.unit_price, p.price as regular_price, c.tier, c.claimed_at,
           o.id as order_id, o.external_id as order_external_id, o.placed_at
      from flash_sale_claims c
      join flash_sales f on f.store_id = c.store_id and f.id = c.sale_id
      join products p on p.store_id = f.store_id and p.id = f.product_id
      left join lateral (
        select o.id, o.external_id, o.placed_at
          from orders o
         where o.store_id = ${storeId} and o.customer_id = c.customer_id and o.status = 'paid'
           and o.placed_at >= c.claimed_at and o.placed_at < f.ends_at + interval '1 day'
           and exists (select 1 from order_items i
                        where i.store_id = ${storeId} and i.order_id = o.id and i.product_id = f.product_id)
         order by o.placed_at, o.id
         limit 1
      ) o on true
     where c.store_id = ${storeId} and c.customer_id = ${customerId}
     order by c.claimed_at desc, c.id desc
     limit ${limit}`);
  return rows.map((r) => ({
    claimId: Number(r.id),
    saleId: Number(r.sale_id),
    productName: String(r.name),
    quantity: Number(r.quantity),
    unitPrice: Number(r.unit_price),
    regularPrice: Number(r.regular_price),
    tier: r.tier as Tier,
    claimedAt: new Date(r.claimed_at as string),
    order:
      r.order_id === null
        ? null
        : { id: Number(r.order_id), externalId: String(r.order_external_id), placedAt: new Date(r.placed_at as string) },
  }));
});
