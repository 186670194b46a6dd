import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { Tier } from "@/db/schema";

// A sale's unclaimed units, split over slots (flash_sale_stock). One counter row would make
// every claim wait for the previous claim's COMMIT — its WAL flush — so a sale could sell only
// as fast as the disk syncs (≈150/s here). With slots, claims that hold different slots commit
// together and share flushes. Every take is still a conditional UPDATE (remaining >= q) under
// the row's lock, and a CHECK forbids a negative slot: units can never be sold twice.

export const MAX_SLOTS = 16;

/** `quantity` spread over the slots, as even as whole units allow. */
export function slotShares(quantity: number): number[] {
  const slots = Math.max(1, Math.min(MAX_SLOTS, quantity));
  return Array.from({ length: slots }, (_, i) => Math.floor(quantity / slots) + (i < quantity % slots ? 1 : 0));
}

/** Units sold, for a query over `flash_sales` under the alias `f` (or the table's own name). */
export function soldSql(alias = "flash_sales"): SQL {
  const f = sql.raw(alias);
  return sql`(${f}.quantity - coalesce(${f}.returned_units, 0) - coalesce((
    select sum(st.remaining) from flash_sale_stock st where st.store_id = ${f}.store_id and st.sale_id = ${f}.id), 0))::int`;
}

export async function fillSlots(db: DbOrTx, storeId: number, saleId: number, quantity: number): Promise<void> {
  const shares = slotShares(quantity);
  await db.execute(sql`
    insert into flash_sale_stock (store_id, sale_id, slot, remaining)
    select ${storeId}, ${saleId}, slot - 1, share
      from unnest(${`{${shares.join(",")}}`}::int[]) with ordinality as s(share, slot)`);
}

/** Before a sale opens nothing is claimed: its slots are simply laid out again. */
export async function refillSlots(db: DbOrTx, storeId: number, saleId: number, quantity: number): Promise<void> {
  await db.execute(sql`delete from flash_sale_stock where store_id = ${storeId} and sale_id = ${saleId}`);
  await fillSlots(db, storeId, saleId, quantity);
}

/** Adds units to an open sale, spread over its slots (locked in slot order, as every multi-slot writer does). */
export async function addToSlots(db: DbOrTx, storeId: number, saleId: number, extra: number): Promise<void> {
  const { rows } = await db.execute<{ slot: number }>(sql`
    select slot from flash_sale_stock where store_id = ${storeId} and sale_id = ${saleId} order by slot for update`);
  const slots = rows.map((r) => Number(r.slot));
  if (slots.length === 0) return fillSlots(db, storeId, saleId, extra);
  const base = Math.floor(extra / slots.length);
  const rest = extra % slots.length;
  await db.execute(sql`
    update flash_sale_stock set remaining = remaining + ${base} + case when slot < ${slots[rest] ?? Number.MAX_SAFE_INTEGER} then 1 else 0 end
     where store_id = ${storeId} and sale_id = ${saleId}`);
}

export interface TakeGuard {
  at: Date;
  tier: Tier;
}

/** The sale is still open to this tier at `at` (re-checked in the statement that takes units). */
function saleOpen(storeId: number, saleId: number, guard: TakeGuard): SQL {
  return sql`exists (
    select 1 from flash_sales f
     where f.store_id = ${storeId} and f.id = ${saleId}
       and f.cancelled_at is null and f.settled_at is null and f.ends_at > ${guard.at}
       and (f.starts_at <= ${guard.at}
            or (f.early_access_tier <= ${guard.tier}::tier
                and f.starts_at - make_interval(mins => f.early_access_minutes) <= ${guard.at})))`;
}

/**
 * The UPDATE that takes `quantity` units from one slot no other transaction holds, returning
 * the slot (nothing when none is free with enough); `when` is an extra condition (used to chain
 * it after the claim's other writes in one statement).
 */
export function takeFromFreeSlot(storeId: number, saleId: number, quantity: number, guard: TakeGuard, when: SQL = sql`true`): SQL {
  const start = Math.floor(Math.random() * MAX_SLOTS);
  return sql`
    update flash_sale_stock s set remaining = s.remaining - ${quantity}
     where s.store_id = ${storeId} and s.sale_id = ${saleId} and s.remaining >= ${quantity} and ${when}
       and s.slot = (
         select slot from flash_sale_stock
          where store_id = ${storeId} and sale_id = ${saleId} and remaining >= ${quantity} and ${saleOpen(storeId, saleId, guard)}
          order by (slot + ${start}) % ${MAX_SLOTS}
          limit 1 for update skip locked)
    returning s.slot`;
}

/**
 * Takes `quantity` units inside the caller's transaction; false when the sale cannot give them
 * (sold out, or closed meanwhile). First a slot nobody holds; failing that, waiting for a slot
 * that has enough; at the very end, when only fragments are left, several slots in slot order.
 */
export async function takeUnits(tx: DbOrTx, storeId: number, saleId: number, quantity: number, guard: TakeGuard): Promise<boolean> {
  const open = saleOpen(storeId, saleId, guard);
  const fast = await tx.execute(takeFromFreeSlot(storeId, saleId, quantity, guard));
  if (fast.rows.length > 0) return true;

  // Every slot with enough is held by another claim (or none has enough): wait for one.
  for (let attempt = 0; attempt < 3; attempt++) {
    const waited = await tx.execute(sql`
      update flash_sale_stock s set remaining = s.remaining - ${quantity}
       where s.store_id = ${storeId} and s.sale_id = ${saleId} and s.remaining >= ${quantity}
         and s.slot = (
           select slot from flash_sale_stock
            where store_id = ${storeId} and sale_id = ${saleId} and remaining >= ${quantity} and ${open}
            order by remaining desc, slot limit 1)
      returning s.slot`);
    if (waited.rows.length > 0) return true;
    const { rows } = await tx.execute<{ any: boolean }>(sql`
      select exists (select 1 from flash_sale_stock where store_id = ${storeId} and sale_id = ${saleId} and remaining >= ${quantity}) as any`);
    if (!rows[0]?.any) break;
  }

  // Only fragments: lock every non-empty slot in slot order and take across them.
  const { rows: held } = await tx.execute<{ slot: number; remaining: number }>(sql`
    select slot, remaining from flash_sale_stock
     where store_id = ${storeId} and sale_id = ${saleId} and remaining > 0 and ${open}
     order by slot for update`);
  const total = held.reduce((sum, r) => sum + Number(r.remaining), 0);
  if (total < quantity) return false;
  let left = quantity;
  for (const row of held) {
    if (left === 0) break;
    const take = Math.min(left, Number(row.remaining));
    await tx.execute(sql`
      update flash_sale_stock set remaining = remaining - ${take}
       where store_id = ${storeId} and sale_id = ${saleId} and slot = ${row.slot}`);
    left -= take;
  }
  return true;
}
