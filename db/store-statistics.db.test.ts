import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { makeStore } from "@/tests/factories";
import { analyzeWhenStoreUnseen, estimatedRows, STORE_INPUTS, STORE_SCORES } from "./store-statistics";

const planned = (table: string, storeId: number) => estimatedRows(getDb(), table, storeId);

describe("a store the planner's statistics do not count", () => {
  it("is planned for its size from its first recompute on, and not analyzed again while it stays that size", async () => {
    const ctx = await makeStore("unseen");
    const storeId = ctx.store.id;
    // Statistics taken before the store had a row, as in a database whose other stores are larger.
    await getDb().execute(sql`analyze customers, orders`);
    await getDb().execute(sql`
      with c as (
        insert into customers (store_id, external_id, name)
        select ${storeId}, 'U' || i, 'U' || i from generate_series(1, 3000) i
        returning id, substr(external_id, 2)::int as i
      )
      insert into orders (store_id, external_id, customer_id, placed_at, status, total)
      select ${storeId}, 'O' || c.i, c.id, now() - interval '2 days', 'paid', 1000 + c.i from c`);
    expect(await planned("customers", storeId)).toBeLessThan(300);

    await recomputeScores(storeId);
    // Sampled statistics: near the store's 3,000, not the handful planned before.
    for (const table of ["customers", "orders", "customer_scores", "customer_score_order"]) {
      expect(await planned(table, storeId), table).toBeGreaterThan(1500);
    }
    expect(await analyzeWhenStoreUnseen(getDb(), storeId, STORE_INPUTS)).toBe(false);
    expect(await analyzeWhenStoreUnseen(getDb(), storeId, STORE_SCORES)).toBe(false);
  });

  it("leaves a store of fewer than 1,000 customers to the database's own upkeep", async () => {
    const ctx = await makeStore("small-unseen");
    await getDb().execute(sql`analyze customers`);
    await getDb().execute(sql`
      insert into customers (store_id, external_id, name)
      select ${ctx.store.id}, 'S' || i, 'S' || i from generate_series(1, 999) i`);
    expect(await analyzeWhenStoreUnseen(getDb(), ctx.store.id, STORE_INPUTS)).toBe(false);
    expect(await planned("customers", ctx.store.id)).toBeLessThan(100);
  });
});
