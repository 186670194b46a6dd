import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { customerFlashClaims } from "@/lib/flash-sales/history";
import { listFlashSales } from "@/lib/flash-sales/queries";
import { makeStore } from "@/tests/factories";
import { seedFlashSales } from "./seed-flash-sales";
import { seedStore } from "./seed-store";

describe("the demo store's flash sales", () => {
  it("seeds an ended sale whose claims became orders, a live one with claims and a scheduled one with early access", async () => {
    const ctx = await makeStore("seedfs");
    const now = new Date();
    await seedStore(getDb(), ctx.store.id, { customers: 400, orders: 4000, seed: 3, now });
    await recomputeScores(ctx.store.id);
    const stockBefore = Number((await getDb().execute<{ s: string }>(sql`select sum(stock) as s from products where store_id = ${ctx.store.id}`)).rows[0]!.s);
    await seedFlashSales(getDb(), ctx.store.id, now);

    const { current, past } = await listFlashSales(ctx, now);
    const sales = [...current, ...past.sales];
    expect(sales.map((s) => s.status).sort()).toEqual(["ended", "live", "scheduled"]);
    const [ended, live, scheduled] = ["ended", "live", "scheduled"].map((status) => sales.find((s) => s.status === status)!);
    expect(ended!.sold).toBeGreaterThan(40);
    expect(ended!.returnedUnits).toBe(ended!.quantity - ended!.sold);
    expect(live!.sold).toBeGreaterThan(30);
    expect(scheduled).toMatchObject({ sold: 0, earlyAccess: { tier: "gold", minutes: 60 } });
    for (const sale of sales) {
      expect(sale.price).toBeLessThan(sale.product.regularPrice);
      expect(sale.price).toBeGreaterThanOrEqual(sale.product.floorPrice ?? 0);
    }

    // Stock: what is still set aside (live, scheduled) and what the ended sale sold are out of it.
    const stockAfter = Number((await getDb().execute<{ s: string }>(sql`select sum(stock) as s from products where store_id = ${ctx.store.id}`)).rows[0]!.s);
    expect(stockBefore - stockAfter).toBe(ended!.sold + live!.quantity + scheduled!.quantity);

    const { rows } = await getDb().execute<{ customer_id: string; claims: number; over: number }>(sql`
      select min(customer_id) as customer_id, count(*)::int as claims,
             count(*) filter (where units > per_customer_limit)::int as over
        from flash_sale_buyers b join flash_sales f on f.store_id = b.store_id and f.id = b.sale_id
       where b.store_id = ${ctx.store.id} and b.sale_id = ${ended!.id}`);
    expect(rows[0]!.over).toBe(0);
    const history = await customerFlashClaims(ctx, Number(rows[0]!.customer_id));
    expect(history.find((c) => c.saleId === ended!.id)?.order).not.toBeNull();
  });
});
