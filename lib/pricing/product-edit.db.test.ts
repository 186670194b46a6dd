import { describe, expect, it } from "vitest";
import { z } from "zod";
import { productsBody } from "@/lib/imports/records";
import { AppError } from "@/lib/errors";
import { createFlashSale } from "@/lib/flash-sales/commands";
import { draft, HOUR, makeProduct } from "@/lib/flash-sales/test-helpers";
import { asStaff, makeStore } from "@/tests/factories";
import { listProductsWithPrices, setMemberPrices } from "./member-prices";
import { upsertOrders, upsertProducts } from "@/lib/imports/ingest";
import { renameProduct, updateProductPrices } from "./product-edit";
import { productPricesShown } from "./prices-shown";

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, key: error.key, values: error.values, paths: error.details.map((d) => d.path) };
};

const shownRow = async (ctx: Awaited<ReturnType<typeof makeStore>>, id: number) =>
  (await listProductsWithPrices(ctx)).products.find((p) => p.id === id)!;

describe("updateProductPrices (an owner completes a product on the products page)", () => {
  it("sets the regular price, the floor (or none) and the stock of a product an import brought in, as the page then shows them", async () => {
    const ctx = await makeStore("edit");
    // As an order line creates it: the line's price, no floor, no stock.
    const product = await makeProduct(ctx, { price: 3_990, floorPrice: null, stock: 0 });
    const seen = productPricesShown({ price: 3_990, floorPrice: null, stock: 0 });
    await updateProductPrices(ctx, product.id, { price: 4_590, floorPrice: 2_990, stock: 120 }, { seen });
    expect(await shownRow(ctx, product.id)).toMatchObject({ price: 4_590, floorPrice: 2_990, stock: 120 });
    // A floor taken away again: blank on the form.
    await updateProductPrices(ctx, product.id, { price: 4_590, floorPrice: null, stock: 120 });
    expect(await shownRow(ctx, product.id)).toMatchObject({ floorPrice: null });
  });

  it("answers the member prices a lower regular price or a higher floor leaves out, as the page then marks them", async () => {
    const ctx = await makeStore("edit-left-out");
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 5_000, stock: 3 });
    await setMemberPrices(ctx, { id: product.id }, [{ tier: "silver", price: 9_500 }, { tier: "gold", price: 9_000 }, { tier: "diamond", percentOff: 30 }]);
    const saved = await updateProductPrices(ctx, product.id, { price: 9_200, floorPrice: 6_500, stock: 3 });
    // gold (9,000) still fits under 9,200; diamond's 30 % off is now 6,440, under the raised floor.
    expect(saved.memberPricesLeftOut).toEqual([
      { tier: "silver", price: 9_500, past: "regular" },
      { tier: "diamond", price: 6_440, past: "floor" },
    ]);
    const notUsed = (await shownRow(ctx, product.id)).memberPrices.filter((m) => m.price > 9_200 || m.price < 6_500).map((m) => m.tier);
    expect(notUsed).toEqual(["silver", "diamond"]);
    // A save that leaves the same ones out says nothing new.
    expect((await updateProductPrices(ctx, product.id, { price: 9_100, floorPrice: 6_500, stock: 3 })).memberPricesLeftOut).toEqual([]);
  });

  it("refuses a floor above the regular price, naming both in the reader's words, and saves nothing", async () => {
    const ctx = await makeStore("edit-floor");
    const product = await makeProduct(ctx, { price: 5_000, floorPrice: null, stock: 3 });
    expect(await refusal(updateProductPrices(ctx, product.id, { price: 5_000, floorPrice: 6_000, stock: 3 }, { locale: "zh-CN" }))).toEqual({
      code: "invalid",
      key: "pricing.errors.floorAboveRegular",
      values: { floor: "¥60.00", price: "¥50.00" },
      paths: ["floorPrice"],
    });
    expect(await shownRow(ctx, product.id)).toMatchObject({ price: 5_000, floorPrice: null, stock: 3 });
  });

  it("refuses a save over prices or a stock changed since the page showed them", async () => {
    const ctx = await makeStore("edit-stale");
    const product = await makeProduct(ctx, { price: 5_000, floorPrice: 1_000, stock: 3 });
    const seen = productPricesShown(await shownRow(ctx, product.id));
    // The API (or another owner) raises the stock meanwhile.
    await updateProductPrices(ctx, product.id, { price: 5_000, floorPrice: 1_000, stock: 40 });
    expect(await refusal(updateProductPrices(ctx, product.id, { price: 4_000, floorPrice: 1_000, stock: 3 }, { seen }))).toMatchObject({
      code: "conflict",
      key: "pricing.errors.productChangedMeanwhile",
    });
    expect(await shownRow(ctx, product.id)).toMatchObject({ price: 5_000, stock: 40 });
  });

  it("refuses prices that would leave a flash sale not yet over outside them", async () => {
    const ctx = await makeStore("edit-sale");
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 5_000, stock: 100 });
    await createFlashSale(ctx, product.id, draft(new Date(Date.now() + HOUR), { price: 7_900 }));
    expect(await refusal(updateProductPrices(ctx, product.id, { price: 7_900, floorPrice: 5_000, stock: 90 }))).toMatchObject({
      code: "conflict",
      key: "pricing.errors.pricesAroundSale",
      values: { price: "¥79.00" },
      paths: ["price"],
    });
    expect(await refusal(updateProductPrices(ctx, product.id, { price: 10_000, floorPrice: 8_000, stock: 90 }))).toMatchObject({ paths: ["floorPrice"] });
    // Within the sale's bounds it saves.
    await updateProductPrices(ctx, product.id, { price: 9_000, floorPrice: 6_000, stock: 90 });
  });

  it("is the owner's alone, and keeps to the store", async () => {
    const ctx = await makeStore("edit-role");
    const other = await makeStore("edit-role-other");
    const product = await makeProduct(ctx, { price: 5_000, floorPrice: null, stock: 3 });
    expect(await refusal(updateProductPrices(asStaff(ctx), product.id, { price: 4_000, floorPrice: null, stock: 3 }))).toMatchObject({ code: "forbidden" });
    expect(await refusal(updateProductPrices(other, product.id, { price: 4_000, floorPrice: null, stock: 3 }))).toMatchObject({ code: "not_found" });
    expect(await shownRow(ctx, product.id)).toMatchObject({ price: 5_000 });
  });
});

describe("renameProduct (an owner names a product on the products page)", () => {
  const zodPaths = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof z.ZodError)) throw new Error(`expected the name's refusal, got ${String(error)}`);
    return error.issues.map((i) => `${i.path.join(".")}:${i.code}`);
  };

  it("names a product an order brought in by its code, trimmed, as the table then lists it; the API's next sync of it puts the store's name back, orders leave it", async () => {
    const ctx = await makeStore("rename");
    await upsertOrders(ctx, {
      orders: [{ externalId: "O1", customer: { externalId: "C1" }, placedAt: new Date(Date.now() - HOUR), status: "paid", items: [{ productExternalId: "P9", quantity: 1, unitPrice: 2_000 }] }],
    });
    const [made] = (await listProductsWithPrices(ctx, { q: "P9" })).products;
    expect(made).toMatchObject({ externalId: "P9", name: "P9" });
    expect(await renameProduct(ctx, made!.id, "  旅行保温杯 ", { seen: "P9" })).toEqual({ externalId: "P9", name: "旅行保温杯", changed: true });
    expect((await shownRow(ctx, made!.id)).name).toBe("旅行保温杯");
    // The same name again changes nothing.
    expect(await renameProduct(ctx, made!.id, "旅行保温杯")).toMatchObject({ changed: false });
    // A later order naming the product leaves the owner's name.
    await upsertOrders(ctx, {
      orders: [{ externalId: "O2", customer: { externalId: "C1" }, placedAt: new Date(Date.now() - HOUR), status: "paid", items: [{ productExternalId: "P9", productName: "Cup", quantity: 1, unitPrice: 2_000 }] }],
    });
    expect((await shownRow(ctx, made!.id)).name).toBe("旅行保温杯");
    // The store's system sends the product: its name stands (PRODUCT.md §8's upsert by external id).
    await upsertProducts(ctx, { products: [{ externalId: "P9", name: "Travel mug", price: 2_000 }] });
    expect((await shownRow(ctx, made!.id)).name).toBe("Travel mug");
  });

  it("holds the name to the API's rules: required, at most 200 characters (a character of two UTF-16 units counted once)", async () => {
    const ctx = await makeStore("rename-rules");
    const product = await makeProduct(ctx, { name: "Mug" });
    expect(await zodPaths(renameProduct(ctx, product.id, "   "))).toEqual(["name:too_small"]);
    expect(await zodPaths(renameProduct(ctx, product.id, "杯".repeat(201)))).toEqual(["name:too_big"]);
    expect(await zodPaths(renameProduct(ctx, product.id, "Mug\nTwo lines"))).toHaveLength(1);
    expect((await renameProduct(ctx, product.id, "😀".repeat(200))).name).toHaveLength(400);
    // The API's upsert refuses what the rename refuses.
    expect(productsBody.safeParse({ products: [{ externalId: "X", name: "杯".repeat(201), price: 1 }] }).success).toBe(false);
  });

  it("refuses staff, another store's product, and a save over a name changed since the page showed it", async () => {
    const ctx = await makeStore("rename-refused");
    const other = await makeStore("rename-refused-other");
    const product = await makeProduct(ctx, { name: "Mug" });
    expect(await refusal(renameProduct(asStaff(ctx), product.id, "Cup"))).toMatchObject({ code: "forbidden" });
    expect(await refusal(renameProduct(other, product.id, "Cup"))).toMatchObject({ code: "not_found" });
    // The API renames it meanwhile.
    await upsertProducts(ctx, { products: [{ externalId: product.externalId, name: "Mug (ERP)", price: product.price }] });
    expect(await refusal(renameProduct(ctx, product.id, "Cup", { seen: "Mug" }))).toMatchObject({
      code: "conflict",
      key: "pricing.errors.nameChangedMeanwhile",
      values: { name: "Mug (ERP)" },
    });
    expect((await shownRow(ctx, product.id)).name).toBe("Mug (ERP)");
  });
});
