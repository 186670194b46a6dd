import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { upsertProducts } from "@/lib/imports/ingest";
import { listProductsWithPrices } from "@/lib/pricing/member-prices";
import { searchProducts } from "@/lib/pricing/product-options";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { createFlashSale, newSaleProblems, saleEditProblems, updateFlashSale } from "./commands";
import { settleEndedFlashSales } from "./settle";
import { draft, HOUR, makeProduct, productStock } from "./test-helpers";

// PRODUCT.md §5: a sale's quantity is stock set aside, and what it did not sell returns when it
// ends. A sale ends on its own, with nobody looking at it: whatever reads or checks the product's
// stock next must find those units back, not only the flash-sale pages.

/** A sale of `quantity` units, then the clock moved past its end (as time passing would). */
async function saleThatEnded(ctx: StoreContext, productId: number, quantity: number) {
  const { id } = await createFlashSale(ctx, productId, draft(new Date(Date.now() + HOUR), { quantity }));
  await getDb().execute(sql`
    update flash_sales set starts_at = starts_at - interval '4 hours', ends_at = ends_at - interval '4 hours'
     where store_id = ${ctx.store.id} and id = ${id}`);
  return id;
}

async function setUp() {
  const ctx = await makeStore("settle");
  const product = await makeProduct(ctx, { stock: 235, name: "保温杯" });
  await saleThatEnded(ctx, product.id, 200);
  return { ctx, product };
}

describe("the units of a sale that ended on its own", () => {
  it("are back in the stock the products page and the product pickers show", async () => {
    const { ctx, product } = await setUp();
    const listed = await listProductsWithPrices(ctx);
    expect(listed.products.find((p) => p.id === product.id)?.stock).toBe(235);
    const { ctx: other, product: picked } = await setUp();
    expect((await searchProducts(other, picked.externalId)).find((p) => p.id === picked.id)?.stock).toBe(235);
  });

  it("count for a new sale's quantity, on its form and when it is saved", async () => {
    const next = draft(new Date(Date.now() + 2 * HOUR), { quantity: 100 });
    const form = await setUp();
    expect(await newSaleProblems(form.ctx, form.product.id, next, "en")).toEqual([]);
    // Saved without the form's check before it (as the API does).
    const { ctx, product } = await setUp();
    await createFlashSale(ctx, product.id, next);
    expect(await productStock(ctx, product.id)).toBe(135);
  });

  it("count for an edited sale's quantity, on its form and when it is saved", async () => {
    const start = new Date(Date.now() + 6 * HOUR);
    const raised = draft(start, { quantity: 230 });
    const withScheduledSale = async () => {
      const ctx = await makeStore("settle");
      const product = await makeProduct(ctx, { stock: 235 });
      const { id } = await createFlashSale(ctx, product.id, draft(start, { quantity: 10 }));
      await saleThatEnded(ctx, product.id, 200);
      expect(await productStock(ctx, product.id)).toBe(25);
      return { ctx, product, id };
    };
    // Its own 10 and the 25 on hand, and the 200 back from the sale that ended.
    const form = await withScheduledSale();
    expect(await saleEditProblems(form.ctx, form.id, raised, "en")).toEqual([]);
    const { ctx, product, id } = await withScheduledSale();
    await updateFlashSale(ctx, id, raised);
    expect(await productStock(ctx, product.id)).toBe(5);
  });

  it("come back before a product upsert sets the stock, not onto the stock it set", async () => {
    const { ctx, product } = await setUp();
    await upsertProducts(ctx, { products: [{ externalId: product.externalId, name: product.name, price: product.price, stock: 50 }] });
    expect(await settleEndedFlashSales(getDb(), ctx.store.id, new Date())).toBe(0);
    expect(await productStock(ctx, product.id)).toBe(50);
  });
});
