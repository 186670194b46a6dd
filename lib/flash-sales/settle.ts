import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/**
 * Gives the units a finished sale did not sell back to its product's stock, once. A sale is
 * finished when its end has passed or it was cancelled. There is no scheduler: this runs when
 * sales are observed (pages, the API, claims) and after every recompute. Idempotent: the due
 * sales are locked (SKIP LOCKED, so a second settler passes by; no key update, as the commands
 * lock them, so that claims' foreign-key checks pass) and marked settled; their slots
 * are locked in slot order and emptied — a claim holding a slot finishes first, so what is
 * returned is what is left after it. Optionally limited to one sale. Returns the sales settled.
 */
export async function settleEndedFlashSales(db: DbOrTx, storeId: number, now: Date, saleId?: number): Promise<number> {
  const onlySale = saleId === undefined ? sql`` : sql`and id = ${saleId}`;
  // The common case, nothing due, costs one read and no transaction.
  const { rows: due } = await db.execute<{ id: string }>(sql`
    select id from flash_sales
     where store_id = ${storeId} and settled_at is null and (ends_at <= ${now} or cancelled_at is not null) ${onlySale}
     limit 1`);
  if (due.length === 0) return 0;

  return db.transaction(async (tx) => {
    const { rows: locked } = await tx.execute<{ id: string }>(sql`
      select id from flash_sales
       where store_id = ${storeId} and settled_at is null and (ends_at <= ${now} or cancelled_at is not null) ${onlySale}
       order by id
       for no key update skip locked`);
    if (locked.length === 0) return 0;
    const ids = `{${locked.map((r) => r.id).join(",")}}`;
    await tx.execute(sql`
      with held as (
        select sale_id, slot, remaining from flash_sale_stock
         where store_id = ${storeId} and sale_id = any(${ids}::bigint[])
         order by sale_id, slot
         for update
      ), emptied as (
        update flash_sale_stock s set remaining = 0
          from held
         where s.store_id = ${storeId} and s.sale_id = held.sale_id and s.slot = held.slot
        returning held.sale_id, held.remaining
      ), per_sale as (
        select f.id, f.product_id, coalesce(sum(e.remaining), 0)::int as units
          from flash_sales f left join emptied e on e.sale_id = f.id
         where f.store_id = ${storeId} and f.id = any(${ids}::bigint[])
         group by f.id, f.product_id
      ), marked as (
        update flash_sales f set settled_at = ${now}, returned_units = per_sale.units, updated_at = ${now}
          from per_sale
         where f.store_id = ${storeId} and f.id = per_sale.id
        returning f.id
      ), per_product as (
        select product_id, sum(units)::int as units from per_sale group by product_id
      )
      update products p set stock = p.stock + per_product.units
        from per_product
       where p.store_id = ${storeId} and p.id = per_product.product_id and per_product.units > 0`);
    return locked.length;
  });
}
