import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Tier } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import type { StoreContext } from "@/lib/stores/context";
import type { FlashSaleClaimInput } from "@/lib/validation/flash-sales";
import { claimWindowRefusal, type ClaimRefusalCode } from "./eligibility";
import { settleEndedFlashSales } from "./settle";

// Claims (PRODUCT.md §5, §8). Three guarantees, each held by the database, not by a read
// followed by a write:
//  - the sale never sells more than its quantity: `update flash_sales set sold = sold + q
//    where sold + q <= quantity` — PostgreSQL re-checks the WHERE on the newest row version
//    when concurrent claims queue on the row, so no two can both take the last unit;
//  - a customer never more than the limit: the same pattern on their flash_sale_buyers row
//    (insert … on conflict do update … where units + q <= limit);
//  - a retried idempotency key takes nothing more: the claim row is inserted first under a
//    unique key, so a duplicate waits for the first and then finds it.
// All three run in one short transaction that touches the one hot row (the sale) last, so
// it is locked only for its own UPDATE and the COMMIT. No advisory locks: the same statements
// route to one shard on a distributed (Citus) cluster, as every key includes store_id.

export interface ClaimAccepted {
  ok: true;
  claimId: number;
  quantity: number;
  /** The price paid per unit, in minor units. */
  price: number;
  /** True when this answers a retried idempotency key. */
  replayed: boolean;
}

export interface ClaimRefused {
  ok: false;
  code: ClaimRefusalCode;
  message: string;
}

export type ClaimResult = ClaimAccepted | ClaimRefused;

const refusalMessages: Record<ClaimRefusalCode, string> = {
  sold_out: "This flash sale has no units left for this claim.",
  limit_reached: "This customer has reached the sale's per-customer limit.",
  not_started: "This flash sale has not started yet.",
  not_eligible: "Early access is for customers of a higher tier; this customer can claim once the sale starts.",
  ended: "This flash sale has ended.",
};

function refused(code: ClaimRefusalCode, message = refusalMessages[code]): ClaimRefused {
  return { ok: false, code, message };
}

/** Rolls the claim's transaction back; what to answer is worked out after the rollback. */
class Rollback extends Error {
  constructor(readonly reason: "key_taken" | "limit_reached" | "not_taken") {
    super(reason);
  }
}

interface SaleRow {
  price: number;
  quantity: number;
  sold: number;
  perCustomerLimit: number;
  startsAt: Date;
  endsAt: Date;
  earlyAccessTier: Tier | null;
  earlyAccessMinutes: number | null;
  cancelledAt: Date | null;
  settledAt: Date | null;
}

async function loadSale(storeId: number, saleId: number): Promise<SaleRow | null> {
  const { rows } = await getDb().execute<Record<string, unknown>>(sql`
    select price, quantity, sold, per_customer_limit, starts_at, ends_at, early_access_tier,
           early_access_minutes, cancelled_at, settled_at
      from flash_sales where store_id = ${storeId} and id = ${saleId}`);
  const r = rows[0];
  if (!r) return null;
  const date = (v: unknown) => (v === null ? null : new Date(v as string));
  return {
    price: Number(r.price),
    quantity: Number(r.quantity),
    sold: Number(r.sold),
    perCustomerLimit: Number(r.per_customer_limit),
    startsAt: date(r.starts_at)!,
    endsAt: date(r.ends_at)!,
    earlyAccessTier: (r.early_access_tier as Tier | null) ?? null,
    earlyAccessMinutes: r.early_access_minutes === null ? null : Number(r.early_access_minutes),
    cancelledAt: date(r.cancelled_at),
    settledAt: date(r.settled_at),
  };
}

/**
 * The buyer by their platform id with their tier now; a buyer new to the store is created,
 * as an order from them would create them (they are ordinary until scored).
 */
async function findOrCreateBuyer(storeId: number, externalId: string, name: string | undefined) {
  // Two first claims of a new buyer at once: the loser's insert waits and does nothing, and its
  // statement's snapshot predates the winner's row, so it looks again in a fresh statement.
  for (let attempt = 0; attempt < 3; attempt++) {
    const { rows } = await getDb().execute<{ id: string; tier: Tier | null }>(sql`
      with created as (
        insert into customers (store_id, external_id, name) values (${storeId}, ${externalId}, ${name ?? ""})
        on conflict (store_id, external_id) do nothing
        returning id
      ), buyer as (
        select id from created
        union all
        select id from customers where store_id = ${storeId} and external_id = ${externalId}
      )
      select b.id, s.tier
        from buyer b left join customer_scores s on s.store_id = ${storeId} and s.customer_id = b.id
       limit 1`);
    const row = rows[0];
    if (row) return { id: Number(row.id), tier: (row.tier ?? "ordinary") as Tier };
  }
  throw new AppError("conflict", "The customer could not be recorded; retry the claim.", "flashSales.errors.claimInProgress");
}

async function findClaimByKey(storeId: number, saleId: number, key: string) {
  const { rows } = await getDb().execute<{ id: string; customer_id: string; quantity: number; unit_price: string }>(sql`
    select id, customer_id, quantity, unit_price from flash_sale_claims
     where store_id = ${storeId} and sale_id = ${saleId} and idempotency_key = ${key}`);
  const row = rows[0];
  return row
    ? { claimId: Number(row.id), customerId: Number(row.customer_id), quantity: Number(row.quantity), price: Number(row.unit_price) }
    : null;
}

function replay(
  first: NonNullable<Awaited<ReturnType<typeof findClaimByKey>>>,
  customerId: number,
  quantity: number,
): ClaimAccepted {
  if (first.customerId !== customerId || first.quantity !== quantity) {
    throw new AppError(
      "conflict",
      "This idempotency key was already used for a different claim (another customer or quantity).",
      "flashSales.errors.idempotencyKeyReused",
    );
  }
  return { ok: true, claimId: first.claimId, quantity: first.quantity, price: first.price, replayed: true };
}

/** Why the conditional UPDATE of the sale took nothing, read after the fact. */
async function whyNotTaken(storeId: number, saleId: number, tier: Tier, at: Date): Promise<ClaimRefused> {
  const sale = await loadSale(storeId, saleId);
  if (!sale || sale.settledAt) return refused("ended");
  const window = claimWindowRefusal(sale, { tier, isHighValue: false }, at);
  if (window) return refused(window);
  const left = sale.quantity - sale.sold;
  return refused("sold_out", left > 0 ? `Only ${left} unit(s) of this flash sale are left.` : refusalMessages.sold_out);
}

/** Takes `quantity` units of a sale for a customer at `at` (default now), atomically. */
export async function claimFlashSale(ctx: StoreContext, saleId: number, input: FlashSaleClaimInput, at = new Date()): Promise<ClaimResult> {
  const storeId = ctx.store.id;
  const sale = await loadSale(storeId, saleId);
  if (!sale) throw notFound("No such flash sale in this store.");
  const buyer = await findOrCreateBuyer(storeId, input.customerExternalId, input.customerName);

  // A retry of a claim already taken answers the first result, whatever happened since.
  const first = await findClaimByKey(storeId, saleId, input.idempotencyKey);
  if (first) return replay(first, buyer.id, input.quantity);

  const window = claimWindowRefusal(sale, { tier: buyer.tier, isHighValue: false }, at);
  if (window) {
    if (window === "ended") await settleEndedFlashSales(getDb(), storeId, at, saleId);
    return refused(window);
  }
  if (input.quantity > sale.perCustomerLimit) return refused("limit_reached");
  if (sale.sold >= sale.quantity || sale.settledAt) return whyNotTaken(storeId, saleId, buyer.tier, at);

  try {
    return await getDb().transaction(async (tx) => {
      const claim = await tx.execute<{ id: string }>(sql`
        insert into flash_sale_claims (store_id, sale_id, customer_id, quantity, unit_price, tier, idempotency_key, claimed_at)
        values (${storeId}, ${saleId}, ${buyer.id}, ${input.quantity}, ${sale.price}, ${buyer.tier}, ${input.idempotencyKey}, ${at})
        on conflict (store_id, sale_id, idempotency_key) do nothing
        returning id`);
      const claimId = claim.rows[0]?.id;
      if (claimId === undefined) throw new Rollback("key_taken");

      const held = await tx.execute(sql`
        insert into flash_sale_buyers as b (store_id, sale_id, customer_id, units)
        values (${storeId}, ${saleId}, ${buyer.id}, ${input.quantity})
        on conflict (store_id, sale_id, customer_id) do update
          set units = b.units + excluded.units
          where b.units + excluded.units <= ${sale.perCustomerLimit}
        returning units`);
      if (held.rows.length === 0) throw new Rollback("limit_reached");

      // The hot row, last. The window is re-checked here too: an edit or the end may have
      // landed since the sale was read.
      const taken = await tx.execute(sql`
        update flash_sales
           set sold = sold + ${input.quantity}
         where store_id = ${storeId} and id = ${saleId}
           and sold + ${input.quantity} <= quantity
           and cancelled_at is null and settled_at is null
           and ends_at > ${at}
           and (starts_at <= ${at}
                or (early_access_tier <= ${buyer.tier}::tier
                    and starts_at - make_interval(mins => early_access_minutes) <= ${at}))
        returning sold`);
      if (taken.rows.length === 0) throw new Rollback("not_taken");

      return { ok: true as const, claimId: Number(claimId), quantity: input.quantity, price: sale.price, replayed: false };
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    if (error.reason === "limit_reached") return refused("limit_reached");
    if (error.reason === "not_taken") return whyNotTaken(storeId, saleId, buyer.tier, at);
    // The same key was committed by a concurrent retry while this one waited on it.
    const again = await findClaimByKey(storeId, saleId, input.idempotencyKey);
    if (again) return replay(again, buyer.id, input.quantity);
    throw new AppError("conflict", "A claim with this idempotency key is in progress; retry it.", "flashSales.errors.claimInProgress");
  }
}
