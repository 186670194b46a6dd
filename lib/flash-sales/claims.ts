import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { retryOnDeadlock } from "@/db/retry";
import { tiers, type Tier } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { activeAt } from "@/lib/memberships/enrolments";
import type { StoreContext } from "@/lib/stores/context";
import type { FlashSaleClaimInput } from "@/lib/validation/flash-sales";
import { unambiguousStoreDateTime } from "@/lib/store-time";
import { claimWindowRefusal, earlyAccessOpensAt, type ClaimRefusalCode } from "./eligibility";
import { settleEndedFlashSales } from "./settle";
import { soldSql, takeFromFreeSlot, takeUnits } from "./stock";

// Claims (PRODUCT.md §5, §8). Three guarantees, each held by the database, not by a read
// followed by a write:
//  - the sale never sells more than its quantity: units are taken from a stock slot by
//    `update … set remaining = remaining - q where remaining >= q` (stock.ts) — PostgreSQL
//    re-checks the WHERE on the newest row version when claims queue on a slot, and a CHECK
//    forbids a negative slot, so no two claims can both take the last unit;
//  - a customer never more than the limit: the same pattern on their flash_sale_buyers row
//    (insert … on conflict do update … where units + q <= limit);
//  - a retried idempotency key takes nothing more: the claim row is inserted first under a
//    unique key, so a duplicate waits for the first and then finds it.
// All three run in one short transaction that touches the contended rows (the slots) last,
// so one is locked only for its own UPDATE and the COMMIT. No advisory locks: the same statements
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
  /**
   * The reason in detail, as the API writes it (English, like its other errors): what stood in
   * the way, with its numbers and times. No console page takes claims; they come through the API.
   */
  message: string;
}

export type ClaimResult = ClaimAccepted | ClaimRefused;

/** What a refusal's wording needs to know of the sale, the claim and the store. */
interface RefusalFacts {
  sale: SaleRow;
  quantity: number;
  tier: Tier;
  timeZone: string;
  /** Units the customer already holds in the sale (limit_reached). */
  held?: number;
}

const units = (n: number) => `${n} unit${n === 1 ? "" : "s"}`;

/**
 * Each refusal names what stood in the way: a bare "not started" or "sold out" left an ERP's
 * operator to look up when the sale opens, how many were left or what the limit was. Times are
 * the store's wall clock with its zone, as the sale was entered (and the offset in the hour the
 * clock repeats, which of its two times it is).
 */
function refused(code: ClaimRefusalCode, facts: RefusalFacts): ClaimRefused {
  const { sale, quantity, tier, timeZone } = facts;
  const when = (date: Date) => `${unambiguousStoreDateTime(date, timeZone)} (${timeZone})`;
  const say = (message: string): ClaimRefused => ({ ok: false, code, message });
  const opensAt = earlyAccessOpensAt(sale);
  switch (code) {
    case "sold_out": {
      const left = Math.max(0, sale.quantity - sale.sold);
      return left > 0
        ? say(`Only ${units(left)} of this flash sale ${left === 1 ? "is" : "are"} left; this claim asked for ${quantity}.`)
        : say(`This flash sale is sold out: all ${units(sale.quantity)} have been claimed.`);
    }
    case "limit_reached": {
      const held = facts.held ?? 0;
      return say(
        `The per-customer limit of this flash sale is ${units(sale.perCustomerLimit)}; this customer already holds ${held} and asked for ${quantity} more.`,
      );
    }
    case "not_started":
      return opensAt && sale.earlyAccessTier
        ? say(
            `This flash sale has not opened yet: early access for ${sale.earlyAccessTier} and above opens at ${when(opensAt)}, the sale at ${when(sale.startsAt)}.`,
          )
        : say(`This flash sale has not started yet: it starts at ${when(sale.startsAt)}.`);
    case "not_eligible":
      return say(
        `Early access is for customers of tier ${sale.earlyAccessTier} and above; this customer is ${tier} and can claim once the sale starts at ${when(sale.startsAt)}.`,
      );
    case "ended":
      if (sale.cancelledAt) return say(`This flash sale was cancelled at ${when(sale.cancelledAt)}.`);
      return sale.endedEarly
        ? say(`This flash sale was ended early by the store at ${when(sale.endsAt)}.`)
        : say(`This flash sale ended at ${when(sale.endsAt)}.`);
  }
}

/** Units this customer already holds in the sale (none for a customer new to the store). */
async function unitsHeld(storeId: number, saleId: number, customerId: number | null): Promise<number> {
  if (customerId === null) return 0;
  const { rows } = await getDb().execute<{ units: number }>(sql`
    select units from flash_sale_buyers where store_id = ${storeId} and sale_id = ${saleId} and customer_id = ${customerId}`);
  return Number(rows[0]?.units ?? 0);
}

/** Rolls the claim's transaction back; what to answer is worked out after the rollback. */
class Rollback extends Error {
  constructor(
    readonly reason: "key_taken" | "limit_reached" | "not_taken" | "buyer_raced",
    /** The buyer as the claim's statement found or created them (a new buyer has no id before). */
    readonly buyerId: number | null = null,
  ) {
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
  endedEarly: boolean;
  settledAt: Date | null;
}

async function loadSale(storeId: number, saleId: number): Promise<SaleRow | null> {
  const { rows } = await getDb().execute<Record<string, unknown>>(sql`
    select price, quantity, ${soldSql()} as sold, per_customer_limit, starts_at, ends_at, early_access_tier,
           early_access_minutes, cancelled_at, ended_early, settled_at
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
    endedEarly: Boolean(r.ended_early),
    settledAt: date(r.settled_at),
  };
}

/**
 * One round trip before the claim: the buyer (null when new to the store) with their tier at
 * `at`, and any claim already made with this idempotency key. A new buyer is created by the
 * claim's own statement, so a refused claim leaves no customer behind. The tier is the one prices
 * are chosen for (lib/pricing/effective-price.ts): the score's, lifted by a paid membership
 * active at `at`. The stored tier in force changes only with a recompute, so a customer who had
 * just paid for gold was refused the gold early access the price lookup offered them, and one
 * whose membership had ended still had it.
 */
async function prelude(storeId: number, saleId: number, input: FlashSaleClaimInput, at: Date) {
  const { rows } = await getDb().execute<Record<string, unknown>>(sql`
    select c.id as buyer_id, sc.score_tier as buyer_score_tier,
           (select m.tier from customer_memberships m
             where m.store_id = ${storeId} and m.customer_id = c.id and ${activeAt(at)}
             order by m.tier desc limit 1) as buyer_member_tier,
           k.id as key_claim_id, k.customer_id as key_customer_id, k.quantity as key_quantity, k.unit_price as key_price
      from (select 1) as one
      left join customers c on c.store_id = ${storeId} and c.external_id = ${input.customerExternalId}
      left join customer_scores sc on sc.store_id = ${storeId} and sc.customer_id = c.id
      left join flash_sale_claims k on k.store_id = ${storeId} and k.sale_id = ${saleId} and k.idempotency_key = ${input.idempotencyKey}`);
  const row = rows[0]!;
  const scoreTier = (row.buyer_score_tier as Tier | null) ?? "ordinary";
  const memberTier = row.buyer_member_tier as Tier | null;
  return {
    buyer: {
      id: row.buyer_id === null ? null : Number(row.buyer_id),
      tier: memberTier !== null && tiers.indexOf(memberTier) > tiers.indexOf(scoreTier) ? memberTier : scoreTier,
    },
    first:
      row.key_claim_id === null
        ? null
        : { claimId: Number(row.key_claim_id), customerId: Number(row.key_customer_id), quantity: Number(row.key_quantity), price: Number(row.key_price) },
  };
}

/**
 * The claim statement's `buyer` CTE. A known buyer is their id. A new one is created (as an order
 * from them would create them) with a score row like the one a recompute gives a customer with
 * no paid order yet (PRODUCT.md §3: no score, ordinary), stamped with the store's latest run,
 * so they are listed and found at once; the next recompute, to which the insert queued them,
 * scores them. Only an accepted claim commits these rows.
 */
function buyerCte(storeId: number, buyerId: number | null, input: FlashSaleClaimInput): SQL {
  if (buyerId !== null) return sql`buyer as (select ${buyerId}::bigint as id)`;
  return sql`
    new_buyer as (
      insert into customers (store_id, external_id, name)
      values (${storeId}, ${input.customerExternalId}, ${input.customerName ?? ""})
      on conflict (store_id, external_id) do nothing
      returning id
    ), new_buyer_score as (
      insert into customer_scores (store_id, customer_id, run_id, rule_version, as_of, orders, spend, returns, refunded,
                                   net_spend, reviews, photo_reviews, positive_reviews, shares, is_repeat, score,
                                   score_tier, tier, gates, is_high_value)
      select ${storeId}, n.id, r.id, r.rule_version, r.as_of, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, null,
             'ordinary', 'ordinary', '{}', false
        from new_buyer n,
             (select id, rule_version, as_of from score_runs
               where store_id = ${storeId} and took_ms is not null order by id desc limit 1) r
    ), buyer as (
      -- Empty when a twin claim of the same new buyer created them while this one waited: the
      -- statement's snapshot predates their row, so the claim is run again.
      select id from new_buyer
      union all
      select id from customers where store_id = ${storeId} and external_id = ${input.customerExternalId}
      limit 1
    )`;
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
  customerId: number | null,
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
async function whyNotTaken(ctx: StoreContext, saleId: number, before: SaleRow, tier: Tier, quantity: number, at: Date): Promise<ClaimRefused> {
  const sale = (await loadSale(ctx.store.id, saleId)) ?? before;
  const facts = { sale, quantity, tier, timeZone: ctx.store.timezone };
  if (sale.settledAt) return refused("ended", facts);
  const window = claimWindowRefusal(sale, { tier, isHighValue: false }, at);
  return refused(window ?? "sold_out", facts);
}

/** A new buyer's twin claim can win the buyer's insert this many times in a row, at most. */
const MAX_BUYER_RACES = 3;

/**
 * Takes `quantity` units of a sale for a customer at `at` (default now), atomically. A claim that
 * waits for a slot while holding its buyer row can meet one that holds a slot and waits for that
 * buyer row (two claims of one customer in a stampede): PostgreSQL aborts one, which runs again
 * (retryOnDeadlock; the idempotency key still guards against a double claim).
 */
export async function claimFlashSale(ctx: StoreContext, saleId: number, input: FlashSaleClaimInput, at = new Date()): Promise<ClaimResult> {
  const storeId = ctx.store.id;
  const [sale, { buyer, first }] = await Promise.all([loadSale(storeId, saleId), prelude(storeId, saleId, input, at)]);
  if (!sale) throw notFound("No such flash sale in this store.");

  // A retry of a claim already taken answers the first result, whatever happened since.
  if (first) return replay(first, buyer.id, input.quantity);

  const facts = { sale, quantity: input.quantity, tier: buyer.tier, timeZone: ctx.store.timezone };
  const window = claimWindowRefusal(sale, { tier: buyer.tier, isHighValue: false }, at);
  if (window) {
    if (window === "ended") await settleEndedFlashSales(getDb(), storeId, at, saleId);
    return refused(window, facts);
  }
  if (input.quantity > sale.perCustomerLimit) return refused("limit_reached", { ...facts, held: await unitsHeld(storeId, saleId, buyer.id) });
  if (sale.sold >= sale.quantity || sale.settledAt) return whyNotTaken(ctx, saleId, sale, buyer.tier, input.quantity, at);

  const claimOnce = () =>
    retryOnDeadlock(() => getDb().transaction(async (tx) => {
      // One statement: the buyer (created when new), the claim row under its idempotency key
      // (a concurrent twin waits, then finds the key taken), the buyer's running total (not past
      // the limit), and the units from a stock slot no other claim holds. The slots are touched
      // last, so a slot's lock is held only for the rest of this statement and the COMMIT.
      const taken = await tx.execute<{ buyer_id: string | null; claim_id: string | null; units: number | null; slot: number | null }>(sql`
        with ${buyerCte(storeId, buyer.id, input)}, claim as (
          insert into flash_sale_claims (store_id, sale_id, customer_id, quantity, unit_price, tier, idempotency_key, claimed_at)
          select ${storeId}, ${saleId}, b.id, ${input.quantity}, ${sale.price}, ${buyer.tier}, ${input.idempotencyKey}, ${at}
            from buyer b
          on conflict (store_id, sale_id, idempotency_key) do nothing
          returning id, customer_id
        ), held as (
          insert into flash_sale_buyers as b (store_id, sale_id, customer_id, units)
          select ${storeId}, ${saleId}, customer_id, ${input.quantity} from claim
          on conflict (store_id, sale_id, customer_id) do update
            set units = b.units + excluded.units
            where b.units + excluded.units <= ${sale.perCustomerLimit}
          returning units
        ), took as (
          ${takeFromFreeSlot(storeId, saleId, input.quantity, { at, tier: buyer.tier }, sql`exists (select 1 from held)`)}
        )
        select (select id from buyer) as buyer_id, (select id from claim) as claim_id, (select units from held) as units,
               (select slot from took) as slot`);
      const row = taken.rows[0];
      if (!row || row.buyer_id === null) throw new Rollback("buyer_raced");
      const buyerId = Number(row.buyer_id);
      if (row.claim_id === null) throw new Rollback("key_taken", buyerId);
      if (row.units === null) throw new Rollback("limit_reached", buyerId);
      // Every slot with enough was held by another claim, or only fragments are left.
      if (row.slot === null && !(await takeUnits(tx, storeId, saleId, input.quantity, { at, tier: buyer.tier }))) {
        throw new Rollback("not_taken", buyerId);
      }
      return { ok: true as const, claimId: Number(row.claim_id), quantity: input.quantity, price: sale.price, replayed: false };
    }));

  for (let race = 1; ; race++) {
    try {
      return await claimOnce();
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
      if (error.reason === "buyer_raced") {
        if (race < MAX_BUYER_RACES) continue;
        throw new AppError("conflict", "The customer could not be recorded; retry the claim.", "flashSales.errors.claimInProgress");
      }
      if (error.reason === "limit_reached") return refused("limit_reached", { ...facts, held: await unitsHeld(storeId, saleId, error.buyerId) });
      if (error.reason === "not_taken") return whyNotTaken(ctx, saleId, sale, buyer.tier, input.quantity, at);
      // The same key was committed by a concurrent retry while this one waited on it.
      const again = await findClaimByKey(storeId, saleId, input.idempotencyKey);
      if (again) return replay(again, error.buyerId, input.quantity);
      throw new AppError("conflict", "A claim with this idempotency key is in progress; retry it.", "flashSales.errors.claimInProgress");
    }
  }
}
