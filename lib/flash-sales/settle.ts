import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/**
 * Gives the units a finished sale did not sell back to its product's stock, once. A sale is
 * finished when its end has passed or it was cancelled. There is no scheduler: this runs when
 * sales are observed (pages, the API, claims) and after every recompute, and is idempotent:
 * `settled_at is null` in the UPDATE lets only one of two concurrent settlers take a sale, and
 * a claim racing the end updates the same row, so `quantity - sold` is read after it.
 * Optionally limited to one sale. Returns the number of sales settled.
 */
export async function settleEndedFlashSales(db: DbOrTx, storeId: number, now: Date, saleId?: number): Promise<number> {
  const result = await db.execute<{ settled: number }>(sql`
    with settled as (
      update flash_sales
         set settled_at = ${now}, returned_units = quantity - sold, updated_at = ${now}
       where store_id = ${storeId}
         and settled_at is null
         and (ends_at <= ${now} or cancelled_at is not null)
         ${saleId === undefined ? sql`` : sql`and id = ${saleId}`}
      returning product_id, quantity - sold as units
    ), per_product as (
      select product_id, sum(units)::int as units from settled group by product_id
    ), restocked as (
      update products p
         set stock = p.stock + per_product.units
        from per_product
       where p.store_id = ${storeId} and p.id = per_product.product_id and per_product.units > 0
      returning p.id
    )
    select (select count(*) from settled)::int as settled`);
  return Number(result.rows[0]?.settled ?? 0);
}
