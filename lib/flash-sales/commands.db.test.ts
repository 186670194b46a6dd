import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { storeDateTime } from "@/lib/store-time";
import { asStaff, makeNewYorkStore, makeStore } from "@/tests/factories";
import { claimFlashSale } from "./claims";
import { cancelFlashSale, createFlashSale, endFlashSaleEarly, raiseFlashSaleQuantity, updateFlashSale } from "./commands";
import { getFlashSale, listFlashSales } from "./queries";
import type { FlashSaleRulesError } from "./rules";
import { flashSaleSellThrough } from "./stats";
import { draft, HOUR, makeProduct, makeTieredCustomer, MINUTE, productStock, saleRow } from "./test-helpers";

const future = () => new Date(Date.now() + 24 * HOUR);

async function refusal(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as FlashSaleRulesError | null;
  expect(error, "expected the rules to refuse").not.toBeNull();
  return error!;
}

describe("creating a flash sale", () => {
  it("sets the units aside from the product's stock", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx, { stock: 30 });
    const { id } = await createFlashSale(ctx, product.id, draft(future(), { quantity: 12 }));
    expect(await productStock(ctx, product.id)).toBe(18);
    expect(await getFlashSale(ctx, id)).toMatchObject({ status: "scheduled", quantity: 12, sold: 0, remaining: 12 });
  });

  it("refuses a price below the floor, at or above the regular price, naming the limit", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 6_000 });
    const below = await refusal(createFlashSale(ctx, product.id, draft(future(), { price: 5_999 })));
    expect(below.status).toBe(422);
    expect(below.reasons.map((r) => r.key)).toEqual(["pricing.errors.priceBelowFloor"]);
    expect(below.message).toContain("floor price");
    expect(below.message).toContain("60.00");

    const atRegular = await refusal(createFlashSale(ctx, product.id, draft(future(), { price: 10_000 })));
    expect(atRegular.reasons.map((r) => r.key)).toEqual(["pricing.errors.priceNotBelowRegular"]);
    expect(atRegular.message).toContain("lower than the regular price");
    expect(await productStock(ctx, product.id)).toBe(100);
  });

  it("refuses a quantity above the stock or below 1, and a start not before the end", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx, { stock: 5 });
    const start = future();
    const tooMany = await refusal(createFlashSale(ctx, product.id, draft(start, { quantity: 6 })));
    expect(tooMany.reasons).toMatchObject([{ rule: "quantityAboveStock", values: { quantity: 6, stock: 5 } }]);
    expect(tooMany.message).toBe("The quantity 6 is more than the 5 in stock.");

    const none = await refusal(createFlashSale(ctx, product.id, draft(start, { quantity: 0 })));
    expect(none.reasons.map((r) => r.rule)).toEqual(["quantityTooLow"]);

    const backwards = await refusal(createFlashSale(ctx, product.id, draft(start, { quantity: 1, endsAt: start })));
    expect(backwards.reasons.map((r) => r.rule)).toEqual(["startNotBeforeEnd"]);
    expect(backwards.message).toBe("The start must be before the end.");

    // Ended before it was made: its units would leave the stock for no one to buy.
    const past = new Date("2020-01-01T02:00:00Z");
    const over = await refusal(createFlashSale(ctx, product.id, draft(past, { quantity: 1, endsAt: new Date("2020-01-01T04:00:00Z") })));
    expect(over.reasons).toMatchObject([{ rule: "endsInPast", path: "endsAt" }]);
    expect(await productStock(ctx, product.id)).toBe(5);
  });

  it("lists every broken rule at once", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx, { stock: 5 });
    const start = future();
    const error = await refusal(createFlashSale(ctx, product.id, draft(start, { price: 1, quantity: 9, endsAt: start })));
    expect(error.reasons.map((r) => r.rule)).toEqual(["priceGuard", "quantityAboveStock", "startNotBeforeEnd"]);
    expect(error.details).toHaveLength(3);
  });

  it("names the amounts it refuses as the reader writes them", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx, { stock: 5 });
    const start = future();
    const priceRefusal = async (locale?: string) => (await refusal(createFlashSale(ctx, product.id, draft(start, { price: 1 }), locale))).reasons[0]!;
    const chinese = await priceRefusal("zh-CN");
    const english = await priceRefusal();
    expect(chinese.rule).toBe("priceGuard");
    expect(Object.values(chinese.values!).every((v) => String(v).startsWith("¥"))).toBe(true);
    // Yuan are ¥ in English too (not Intl's CN¥), as a Chinese merchant writes them.
    expect(Object.values(english.values!).every((v) => String(v).startsWith("¥"))).toBe(true);
  });

  it("refuses a sale overlapping another of the product, early access included, but not a back-to-back one", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx);
    const start = future();
    const first = await createFlashSale(ctx, product.id, draft(start));
    const overlap = await refusal(
      createFlashSale(ctx, product.id, draft(new Date(start.getTime() + HOUR), { quantity: 1 })),
    );
    expect(overlap.reasons).toMatchObject([{ rule: "overlap", values: { id: first.id } }]);
    expect(overlap.message).toMatch(/Another sale of this product \(#\d+, .+ – .+\) overlaps this time\./);

    const afterEnd = new Date(start.getTime() + 2 * HOUR);
    const earlyIntoFirst = await refusal(
      createFlashSale(ctx, product.id, draft(afterEnd, { quantity: 1, earlyAccessTier: "gold", earlyAccessMinutes: 30 })),
    );
    expect(earlyIntoFirst.reasons.map((r) => r.rule)).toEqual(["overlap"]);

    await expect(createFlashSale(ctx, product.id, draft(afterEnd, { quantity: 1 }))).resolves.toMatchObject({ id: expect.any(Number) });
    // Another product's sale at the same time is fine.
    const other = await makeProduct(ctx);
    await expect(createFlashSale(ctx, other.id, draft(start))).resolves.toBeTruthy();
  });

  it("does not count a cancelled sale as an overlap", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx);
    const start = future();
    const first = await createFlashSale(ctx, product.id, draft(start));
    await cancelFlashSale(ctx, first.id);
    await expect(createFlashSale(ctx, product.id, draft(start))).resolves.toBeTruthy();
  });

  it("is for owners: staff are refused", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx);
    await expect(createFlashSale(asStaff(ctx), product.id, draft(future()))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("editing a flash sale", () => {
  it("refuses the second of two owners' edits made from the same page, rather than undo the first's", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx, { stock: 30 });
    const start = future();
    const { id } = await createFlashSale(ctx, product.id, draft(start, { quantity: 10, price: 7_900 }));
    const seen = (await getFlashSale(ctx, id)).updatedAt;
    // Both opened the sale's page: one lowers the price, the other raises the limit, each form sending every field.
    const edits = [draft(start, { quantity: 10, price: 6_900 }), draft(start, { quantity: 10, perCustomerLimit: 2 })];
    const both = await Promise.allSettled(edits.map((d) => updateFlashSale(ctx, id, d, new Date(), "en", { seen })));
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = (both.find((r) => r.status === "rejected") as PromiseRejectedResult).reason;
    expect(refused).toMatchObject({ code: "conflict", key: "flashSales.errors.changedMeanwhile" });
    // The sale is one owner's edit whole, not a mix with the other's stale fields.
    const sale = await getFlashSale(ctx, id);
    expect([
      { price: 6_900, perCustomerLimit: 1 },
      { price: 7_900, perCustomerLimit: 2 },
    ]).toContainEqual({ price: sale.price, perCustomerLimit: sale.perCustomerLimit });
    // From the page as it is now, the other owner's edit goes through.
    await updateFlashSale(ctx, id, draft(start, { quantity: 10, price: 6_900, perCustomerLimit: 2 }), new Date(), "en", { seen: sale.updatedAt });
    expect(await getFlashSale(ctx, id)).toMatchObject({ price: 6_900, perCustomerLimit: 2 });
  });

  it("may change anything before it opens, moving the stock by the change in quantity", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx, { stock: 20 });
    const start = future();
    const { id } = await createFlashSale(ctx, product.id, draft(start, { quantity: 10 }));
    const later = new Date(start.getTime() + HOUR);
    await updateFlashSale(ctx, id, draft(later, { quantity: 20, price: 6_500 }));
    expect(await productStock(ctx, product.id)).toBe(0);
    expect(await saleRow(ctx, id)).toMatchObject({ quantity: 20, price: 6_500, startsAt: later });
    const tooMany = await refusal(updateFlashSale(ctx, id, draft(later, { quantity: 21 })));
    expect(tooMany.reasons).toMatchObject([{ rule: "quantityAboveStock", values: { stock: 20 } }]);
    await updateFlashSale(ctx, id, draft(later, { quantity: 5 }));
    expect(await productStock(ctx, product.id)).toBe(15);
  });

  it("after the start only ends early or raises the quantity", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx, { stock: 50 });
    const start = future();
    const { id } = await createFlashSale(ctx, product.id, draft(start, { quantity: 10 }));
    const during = new Date(start.getTime() + 10 * MINUTE);

    const priceChange = await refusal(updateFlashSale(ctx, id, draft(start, { quantity: 10, price: 7_000 }), during));
    expect(priceChange.reasons).toMatchObject([{ rule: "startedLocked", values: { fields: "price" } }]);
    expect(priceChange.message).toContain("can only be ended early or have its quantity raised");

    const lower = await refusal(updateFlashSale(ctx, id, draft(start, { quantity: 9 }), during));
    expect(lower.reasons.map((r) => r.rule)).toEqual(["quantityNotRaised"]);
    // The same quantity again is no raise: refused as a lower one, not saved as if it changed.
    const same = await refusal(raiseFlashSaleQuantity(ctx, id, 10, during));
    expect(same.reasons).toMatchObject([{ rule: "quantityNotRaised", message: "The sale has started: its quantity can only be raised above 10." }]);
    const unchanged = await refusal(updateFlashSale(ctx, id, draft(start, { quantity: 10 }), during));
    expect(unchanged.reasons.map((r) => r.rule)).toEqual(["quantityNotRaised"]);

    await updateFlashSale(ctx, id, draft(start, { quantity: 15 }), during);
    expect((await saleRow(ctx, id)).quantity).toBe(15);
    expect(await productStock(ctx, product.id)).toBe(35);

    const cancel = await refusal(cancelFlashSale(ctx, id, during));
    expect(cancel.reasons.map((r) => r.rule)).toEqual(["cancelAfterStart"]);

    await endFlashSaleEarly(ctx, id, during);
    const ended = await getFlashSale(ctx, id, during);
    expect(ended).toMatchObject({ status: "ended", returnedUnits: 15 });
    expect(ended.endsAt).toEqual(during);
    expect(await productStock(ctx, product.id)).toBe(50);

    const afterEnd = await refusal(updateFlashSale(ctx, id, draft(start, { quantity: 20 }), during));
    expect(afterEnd.reasons.map((r) => r.rule)).toEqual(["finished"]);
  });

  it("ended during early access, keeps its start and early access, ends then, refuses claims and gives its units back", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx, { stock: 235 });
    const start = future();
    const { id } = await createFlashSale(ctx, product.id, draft(start, { quantity: 200, earlyAccessTier: "gold", earlyAccessMinutes: 30 }));
    await makeTieredCustomer(ctx, "GOLD", "gold");
    const early = new Date(start.getTime() - 20 * MINUTE);
    expect(await claimFlashSale(ctx, id, { customerExternalId: "GOLD", quantity: 1, idempotencyKey: "a" }, early)).toMatchObject({ ok: true });

    await endFlashSaleEarly(ctx, id, early);
    const after = new Date(early.getTime() + MINUTE);
    const ended = await getFlashSale(ctx, id, after);
    expect(ended).toMatchObject({ status: "ended", endedEarly: true, startsAt: start, endsAt: early, sold: 1, returnedUnits: 199 });
    expect(ended.earlyAccess?.opensAt).toEqual(new Date(start.getTime() - 30 * MINUTE));
    expect((await listFlashSales(ctx, after)).past.sales.find((s) => s.id === id)?.startsAt).toEqual(start);
    expect(await productStock(ctx, product.id)).toBe(234);
    expect(await claimFlashSale(ctx, id, { customerExternalId: "GOLD", quantity: 1, idempotencyKey: "b" }, after)).toEqual({
      ok: false,
      code: "ended",
      message: `This flash sale was ended early by the store at ${storeDateTime(early, ctx.store.timezone)} (${ctx.store.timezone}).`,
    });
    // The dashboard dates it by its start, as every other sale.
    const day = { from: new Date(start.getTime() - HOUR), to: new Date(start.getTime() + HOUR) };
    expect((await flashSaleSellThrough(ctx, day)).sales).toMatchObject([{ saleId: id, startsAt: start, sold: 1, quantity: 200 }]);
    // Only a sale ended early may end before its start, and none before its early access opened.
    const endBefore = (ms: number, endedEarly: boolean) =>
      getDb()
        .execute(sql`update flash_sales set ends_at = ${new Date(ms)}, ended_early = ${endedEarly} where store_id = ${ctx.store.id} and id = ${id}`)
        .then(
          () => "saved",
          (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ""}`,
        );
    expect(await endBefore(start.getTime() - 31 * MINUTE, true)).toContain("flash_sales_starts_before_end");
    expect(await endBefore(early.getTime(), false)).toContain("flash_sales_starts_before_end");
  });

  it("refuses any change to a sale whose end has passed, saying when it ended, and to a cancelled one", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx, { stock: 50 });
    const start = future();
    const { id } = await createFlashSale(ctx, product.id, draft(start, { quantity: 10 }));
    const end = new Date(start.getTime() + 2 * HOUR);
    const after = new Date(end.getTime() + MINUTE);
    const ended = `This sale ended at ${storeDateTime(end, "Asia/Shanghai")} (Asia/Shanghai): a sale that has ended can no longer be changed.`;
    // Each change starts only when the one before has been refused: started together, one
    // refused before it is awaited is an unhandled rejection.
    for (const change of [
      () => updateFlashSale(ctx, id, draft(start, { quantity: 12 }), after),
      () => raiseFlashSaleQuantity(ctx, id, 12, after),
      () => endFlashSaleEarly(ctx, id, after),
    ]) {
      const refused = await refusal(change());
      expect(refused.reasons).toMatchObject([{ rule: "finished", key: "flashSales.rules.finished", message: ended }]);
    }
    const other = await createFlashSale(ctx, product.id, draft(new Date(end.getTime() + HOUR)));
    await cancelFlashSale(ctx, other.id);
    const cancelled = await refusal(updateFlashSale(ctx, other.id, draft(new Date(end.getTime() + HOUR), { quantity: 3 })));
    expect(cancelled.reasons).toMatchObject([{ rule: "finished", key: "flashSales.rules.finishedCancelled", message: "This sale was cancelled: it can no longer be changed." }]);
  });

  it("cancels before the start and gives every unit back", async () => {
    const ctx = await makeStore("fs");
    const product = await makeProduct(ctx, { stock: 40 });
    const { id } = await createFlashSale(ctx, product.id, draft(future(), { quantity: 40 }));
    expect(await productStock(ctx, product.id)).toBe(0);
    await cancelFlashSale(ctx, id);
    expect(await productStock(ctx, product.id)).toBe(40);
    expect((await listFlashSales(ctx)).past.sales.find((s) => s.id === id)?.status).toBe("cancelled");
    const twice = await refusal(cancelFlashSale(ctx, id));
    expect(twice.reasons.map((r) => r.rule)).toEqual(["alreadyCancelled"]);
  });

  it("names a time in the hour the store's clock repeats by its offset in the refusals' sentences, which of the two 01:30s it is", async () => {
    const ctx = await makeNewYorkStore("fs-ny-words");
    const product = await makeProduct(ctx, { stock: 50 });
    // New York goes back on 7 November 2027: 01:30 EDT is 05:30 UTC, 01:30 EST 06:30 UTC.
    const { id } = await createFlashSale(ctx, product.id, draft(new Date("2027-11-07T05:30:00Z"), { endsAt: new Date("2027-11-07T06:30:00Z") }));
    const overlapping = await refusal(createFlashSale(ctx, product.id, draft(new Date("2027-11-07T06:00:00Z"))));
    expect(overlapping.reasons).toMatchObject([
      { rule: "overlap", message: `Another sale of this product (#${id}, 2027-11-07 01:30-04:00 – 2027-11-07 01:30-05:00 America/New_York) overlaps this time.` },
    ]);
    const ended = await refusal(raiseFlashSaleQuantity(ctx, id, 12, new Date("2027-11-07T07:00:00Z")));
    expect(ended.reasons).toMatchObject([
      { rule: "finished", message: "This sale ended at 2027-11-07 01:30-05:00 (America/New_York): a sale that has ended can no longer be changed." },
    ]);
  });
});
