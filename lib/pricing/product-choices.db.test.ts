import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { products } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const { productChoices } = await import("./product-choices");

async function addProducts(ctx: StoreContext, rows: { externalId: string; name: string; stock?: number }[]) {
  await getDb()
    .insert(products)
    .values(rows.map((r) => ({ storeId: ctx.store.id, price: 1990, stock: 7, ...r })));
}

describe("productChoices (what the product picker offers as the merchant types)", () => {
  it("offers each product's external id, name, price and stock, and never a product of another store", async () => {
    const ctx = await makeStore("choices");
    const other = await makeStore("choices-other");
    await addProducts(ctx, [
      { externalId: "SHARED-1", name: "保温杯" },
      { externalId: "BAG-1", name: "帆布袋", stock: 0 },
    ]);
    // The other store's: a name and a code this store lacks, and a code this store has too.
    await addProducts(other, [
      { externalId: "OTHER-1", name: "紫砂茶壶" },
      { externalId: "SHARED-1", name: "别家的保温杯", stock: 99 },
    ]);

    // (By code here: Chinese names sort by each database's collation.)
    expect((await productChoices(ctx, "")).sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: "BAG-1", name: "帆布袋", price: "¥19.90", stock: 0, label: "帆布袋 — ¥19.90（最低价 —，库存 0）" },
      { value: "SHARED-1", name: "保温杯", price: "¥19.90", stock: 7, label: "保温杯 — ¥19.90（最低价 —，库存 7）" },
    ]);
    // Typed whole, by a part of the name (one, two, three characters or more) or of the code: none of the other store's.
    for (const q of ["OTHER-1", "other", "茶", "茶壶", "紫砂茶壶", "别家"]) expect(await productChoices(ctx, q), q).toEqual([]);
    expect((await productChoices(ctx, "SHARED-1")).map((c) => [c.value, c.name, c.stock])).toEqual([["SHARED-1", "保温杯", 7]]);
    expect((await productChoices(ctx, "保温")).map((c) => c.name)).toEqual(["保温杯"]);
    // And the other store is offered its own alone.
    expect((await productChoices(other, "保温杯")).map((c) => [c.value, c.name, c.stock])).toEqual([["SHARED-1", "别家的保温杯", 99]]);
  });
});
