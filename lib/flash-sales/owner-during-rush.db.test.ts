import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { onPostgres } from "@/tests/backend";
import { makeStore } from "@/tests/factories";
import { claimFlashSale } from "./claims";
import { createFlashSale, endFlashSaleEarly, raiseFlashSaleQuantity } from "./commands";
import { draft, HOUR, makeProduct, saleRow } from "./test-helpers";

describe.skipIf(!onPostgres)("the owner changing a sale while claims pour in", () => {
  it("raises its quantity and ends it early without failing, and every claim gets an answer", async () => {
    const ctx = await makeStore("rush-owner");
    const product = await makeProduct(ctx, { stock: 100_000 });
    const { id: saleId } = await createFlashSale(
      ctx,
      product.id,
      draft(new Date(Date.now() - HOUR), { quantity: 20_000, perCustomerLimit: 1_000, endsAt: new Date(Date.now() + HOUR) }),
    );
    await getDb().execute(sql`
      insert into customers (store_id, external_id, name)
      select ${ctx.store.id}, 'C' || g, 'buyer ' || g from generate_series(1, 8) g`);

    let stop = false;
    const claimErrors: unknown[] = [];
    let accepted = 0;
    // Eight buyers claiming one unit after another, as fast as answers come.
    const buyers = Array.from({ length: 8 }, async (_, b) => {
      for (let i = 0; !stop; i++) {
        try {
          const result = await claimFlashSale(ctx, saleId, { customerExternalId: `C${b + 1}`, quantity: 1, idempotencyKey: `rush-${b}-${i}` });
          if (result.ok) accepted++;
        } catch (error) {
          claimErrors.push(error);
        }
      }
    });
    const ownerErrors: unknown[] = [];
    try {
      await sleep(300);
      for (const quantity of [20_010, 20_020, 20_030]) {
        await raiseFlashSaleQuantity(ctx, saleId, quantity).catch((error: unknown) => ownerErrors.push(error));
        await sleep(200);
      }
      await endFlashSaleEarly(ctx, saleId).catch((error: unknown) => ownerErrors.push(error));
    } finally {
      stop = true;
      await Promise.all(buyers);
    }

    expect(ownerErrors).toEqual([]);
    expect(claimErrors).toEqual([]);
    expect(accepted).toBeGreaterThan(0);
    const sale = await saleRow(ctx, saleId);
    expect(sale.quantity).toBe(20_030);
    expect(sale.sold).toBe(accepted);
  });
});
