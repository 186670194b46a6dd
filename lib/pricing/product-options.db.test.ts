import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { products } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { listProductsWithPrices } from "./member-prices";
import { PRODUCT_CHOICES, searchProducts } from "./product-options";

async function addProducts(ctx: StoreContext, rows: { externalId: string; name: string }[]) {
  await getDb()
    .insert(products)
    .values(rows.map((r) => ({ storeId: ctx.store.id, ...r, price: 1000, stock: 5 })));
}

const externalIds = (found: { externalId: string }[]) => found.map((p) => p.externalId);

describe("searchProducts (the product picker's choices)", () => {
  it("offers the first products by name, narrows by name or external id, and keeps to the store", async () => {
    const ctx = await makeStore("pick");
    const other = await makeStore("pick-other");
    await addProducts(
      ctx,
      Array.from({ length: 25 }, (_, i) => ({ externalId: `MUG-${i + 1}`, name: `Mug ${String(i + 1).padStart(2, "0")}` })),
    );
    await addProducts(other, [{ externalId: "MUG-99", name: "Mug 99" }]);

    const first = await searchProducts(ctx, "");
    expect(first).toHaveLength(PRODUCT_CHOICES);
    expect(first[0]).toMatchObject({ externalId: "MUG-1", name: "Mug 01", price: 1000, floorPrice: null, stock: 5 });

    // Case does not matter; the 21st and later products are found by what is typed.
    expect(externalIds(await searchProducts(ctx, "mug 2"))).toEqual(["MUG-20", "MUG-21", "MUG-22", "MUG-23", "MUG-24", "MUG-25"]);
    expect(externalIds(await searchProducts(ctx, "mug-25"))).toEqual(["MUG-25"]);
    expect(await searchProducts(ctx, "Mug 99")).toEqual([]);
  });

  it("puts the product whose external id is exactly what was typed first, and takes % and _ literally", async () => {
    const ctx = await makeStore("pick-exact");
    await addProducts(ctx, [
      { externalId: "A-1", name: "A cup with CUP on it" },
      { externalId: "CUP", name: "Zen tea cup" },
      { externalId: "B-1", name: "100% cotton_bag" },
      { externalId: "B-2", name: "100 cotton bags" },
    ]);
    expect(externalIds(await searchProducts(ctx, "CUP"))).toEqual(["CUP", "A-1"]);
    expect(externalIds(await searchProducts(ctx, "100%"))).toEqual(["B-1"]);
    expect(externalIds(await searchProducts(ctx, "n_b"))).toEqual(["B-1"]);
  });
});

describe("listProductsWithPrices (the products page's table)", () => {
  it("lists the product whose code is exactly the search first, even past the first page by name, then the others by name", async () => {
    const ctx = await makeStore("table-exact");
    await addProducts(ctx, [
      ...Array.from({ length: 3 }, (_, i) => ({ externalId: `SKU1${i}`, name: `Apple ${i}` })),
      { externalId: "SKU1", name: "Walnuts" },
    ]);
    const found = await listProductsWithPrices(ctx, { q: " SKU1 ", limit: 2 });
    expect(found.total).toBe(4);
    expect(externalIds(found.products)).toEqual(["SKU1", "SKU10"]);
    expect(externalIds((await listProductsWithPrices(ctx, { q: "SKU1", limit: 2, offset: 2 })).products)).toEqual(["SKU11", "SKU12"]);
    // Without a search, by name alone.
    expect(externalIds((await listProductsWithPrices(ctx)).products)).toEqual(["SKU10", "SKU11", "SKU12", "SKU1"]);
  });
});
