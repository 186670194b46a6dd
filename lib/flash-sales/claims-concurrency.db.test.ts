import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { makeStore } from "@/tests/factories";
import type { StoreContext } from "@/lib/stores/context";
import { claimFlashSale, type ClaimResult } from "./claims";
import { createFlashSale } from "./commands";
import { soldSql } from "./stock";
import { draft, HOUR, makeProduct } from "./test-helpers";

// The stampede of PRODUCT.md §5 / issue #6: 500 claims from 150 customers fired at once over
// at least 32 connections against a sale of 100 units, 2 per customer. A naive claim written
// in this file (read `sold`, check, write) runs the same stampede to show the test can fail.

const CONNECTIONS = 36;
const CUSTOMERS = 150;
const CLAIMS = 500;

async function widePool() {
  // A fresh pool of CONNECTIONS, held open, so the claims really run side by side.
  await closeDb();
  process.env.LAOKE_DB_POOL_SIZE = String(CONNECTIONS);
  const db = getDb();
  const pool = (globalThis as unknown as { laokePool: { totalCount: number } }).laokePool;
  return { db, pool };
}

async function stampedeSale() {
  const ctx = await makeStore("rush");
  const product = await makeProduct(ctx, { stock: 100 });
  const start = new Date(Date.now() - HOUR);
  // Created as if an hour ago so it is live now (the rules allow a start in the past).
  const { id } = await createFlashSale(ctx, product.id, draft(start, { quantity: 100, perCustomerLimit: 2, endsAt: new Date(Date.now() + HOUR) }));
  const db = getDb();
  await db.execute(sql`
    insert into customers (store_id, external_id, name)
    select ${ctx.store.id}, 'C' || g, 'buyer ' || g from generate_series(1, ${CUSTOMERS}) g`);
  return { ctx, saleId: id };
}

/** 500 requests: customer i mod 150, quantity 1 or 2, and every 10th a retry of an earlier key. */
function requests() {
  return Array.from({ length: CLAIMS }, (_, i) => {
    const retry = i % 10 === 9;
    const n = retry ? i - 5 : i;
    return { customerExternalId: `C${(n % CUSTOMERS) + 1}`, quantity: (n % 3) + 1 > 2 ? 1 : (n % 3) + 1, idempotencyKey: `key-${n}` };
  });
}

async function totals(ctx: StoreContext, saleId: number) {
  const { rows } = await getDb().execute<Record<string, number>>(sql`
    select (select ${soldSql("f")} from flash_sales f where f.store_id = ${ctx.store.id} and f.id = ${saleId}) as sold,
           (select f.quantity - ${soldSql("f")} from flash_sales f where f.store_id = ${ctx.store.id} and f.id = ${saleId}) as remaining,
           (select count(*) from flash_sale_stock where store_id = ${ctx.store.id} and sale_id = ${saleId} and remaining < 0)::int as negative_slots,
           (select coalesce(sum(quantity), 0) from flash_sale_claims where store_id = ${ctx.store.id} and sale_id = ${saleId})::int as claimed,
           (select coalesce(max(units), 0) from (
              select sum(quantity) as units from flash_sale_claims
               where store_id = ${ctx.store.id} and sale_id = ${saleId} group by customer_id) per)::int as most_by_one,
           (select count(*) from flash_sale_buyers b where b.store_id = ${ctx.store.id} and b.sale_id = ${saleId}
               and b.units <> (select sum(quantity) from flash_sale_claims c
                                where c.store_id = b.store_id and c.sale_id = b.sale_id and c.customer_id = b.customer_id))::int as buyer_rows_off`);
  return rows[0]!;
}

// On both databases: PostgreSQL runs the claims truly at once; PGlite serves the connections
// one statement or transaction at a time, which must hold the same rules.
describe("a stampede of claims", () => {
  it(`sells exactly 100 units, never over 2 a customer, over ${CONNECTIONS} connections; retried keys take nothing`, async () => {
    const { pool } = await widePool();
    const { ctx, saleId } = await stampedeSale();
    const batch = requests();

    const results: ClaimResult[] = await Promise.all(batch.map((r) => claimFlashSale(ctx, saleId, r)));
    expect(pool.totalCount).toBeGreaterThanOrEqual(32);

    const accepted = results.filter((r) => r.ok);
    const fresh = accepted.filter((r) => r.ok && !r.replayed);
    const after = await totals(ctx, saleId);
    expect(after).toMatchObject({ sold: 100, remaining: 0, claimed: 100, buyer_rows_off: 0, negative_slots: 0 });
    expect(after.most_by_one).toBeLessThanOrEqual(2);
    expect(fresh.reduce((sum, r) => sum + (r.ok ? r.quantity : 0), 0)).toBe(100);
    const codes = new Set(results.flatMap((r) => (r.ok ? [] : [r.code])));
    expect([...codes].every((c) => c === "sold_out" || c === "limit_reached")).toBe(true);

    // Every request again, at once: the keys that were taken answer their first claim and take nothing.
    const firstByKey = new Map(batch.map((r, i) => [r.idempotencyKey, results[i]!]));
    const retried = await Promise.all(batch.map((r) => claimFlashSale(ctx, saleId, r)));
    for (const [i, r] of retried.entries()) {
      const first = firstByKey.get(batch[i]!.idempotencyKey)!;
      if (first.ok) expect(r).toMatchObject({ ok: true, replayed: true, claimId: first.claimId, quantity: first.quantity });
      else expect(r.ok).toBe(false);
    }
    expect(await totals(ctx, saleId)).toMatchObject({ sold: 100, remaining: 0, claimed: 100 });
  });

  it("first claims of buyers new to the store, several at once each: one customer (and score row) per buyer who got units, none for the others", async () => {
    await widePool();
    const ctx = await makeStore("rush-new");
    await recomputeScores(ctx.store.id); // a scored store: new customers get a score row at once
    const product = await makeProduct(ctx, { stock: 100 });
    const { id: saleId } = await createFlashSale(
      ctx,
      product.id,
      draft(new Date(Date.now() - HOUR), { quantity: 100, perCustomerLimit: 2, endsAt: new Date(Date.now() + HOUR) }),
    );
    // 80 new buyers × 4 claims of 1 unit, all at once; every 4th a retry of the buyer's first key.
    const batch = Array.from({ length: 320 }, (_, i) => {
      const buyer = i % 80;
      const nth = Math.floor(i / 80);
      return { customerExternalId: `NEW${buyer}`, customerName: `新买家 ${buyer}`, quantity: 1, idempotencyKey: `new-${buyer}-${nth === 3 ? 0 : nth}` };
    });
    const results = await Promise.all(batch.map((r) => claimFlashSale(ctx, saleId, r)));
    expect(results.filter((r) => r.ok && !r.replayed).reduce((sum, r) => sum + (r.ok ? r.quantity : 0), 0)).toBe(100);

    const { rows } = await getDb().execute<Record<string, number>>(sql`
      select (select count(*) from customers where store_id = ${ctx.store.id})::int as customers,
             (select count(*) from customer_scores where store_id = ${ctx.store.id} and tier = 'ordinary' and score is null)::int as score_rows,
             (select count(distinct customer_id) from flash_sale_claims where store_id = ${ctx.store.id} and sale_id = ${saleId})::int as buyers,
             (select coalesce(max(units), 0) from (select sum(quantity) as units from flash_sale_claims
               where store_id = ${ctx.store.id} and sale_id = ${saleId} group by customer_id) per)::int as most_by_one`);
    expect(rows[0]!.buyers).toBeGreaterThanOrEqual(50);
    expect(rows[0]).toEqual({ customers: rows[0]!.buyers, score_rows: rows[0]!.buyers, buyers: rows[0]!.buyers, most_by_one: 2 });
  });

  it("negative control: a naive read-then-write claim oversells under the same stampede", async () => {
    await widePool();
    const { ctx, saleId } = await stampedeSale();
    const db = getDb();
    const storeId = ctx.store.id;

    async function naiveClaim(customerExternalId: string, quantity: number, key: string) {
      // Read what is left, check, then write what was read minus the claim: the classic race.
      const { rows } = await db.execute<{ slot: number; remaining: number; price: number }>(sql`
        select st.slot, st.remaining, f.price from flash_sale_stock st join flash_sales f on f.store_id = st.store_id and f.id = st.sale_id
         where st.store_id = ${storeId} and st.sale_id = ${saleId} and st.remaining >= ${quantity} order by st.slot limit 1`);
      const slot = rows[0];
      if (!slot) return false;
      await db.execute(sql`
        update flash_sale_stock set remaining = ${Number(slot.remaining) - quantity}
         where store_id = ${storeId} and sale_id = ${saleId} and slot = ${slot.slot}`);
      await db.execute(sql`
        insert into flash_sale_claims (store_id, sale_id, customer_id, quantity, unit_price, tier, idempotency_key, claimed_at)
        select ${storeId}, ${saleId}, id, ${quantity}, ${slot.price}, 'ordinary', ${key}, now()
          from customers where store_id = ${storeId} and external_id = ${customerExternalId}
        on conflict do nothing`);
      return true;
    }

    await Promise.all(requests().map((r) => naiveClaim(r.customerExternalId, r.quantity, r.idempotencyKey)));
    const after = await totals(ctx, saleId);
    // Units handed to buyers exceed the 100 on sale, though the slots never show fewer than 0 left.
    expect(after.claimed).toBeGreaterThan(100);
  });
});
