import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { flashSales, tiers, type Tier } from "@/db/schema";
import { createPlan } from "@/lib/memberships/plans";
import { cancelMembership, enrolCustomer } from "@/lib/memberships/enrolments";
import { fillSlots } from "@/lib/flash-sales/stock";
import type { StoreContext } from "@/lib/stores/context";
import { makeNewYorkStore, makeStore } from "@/tests/factories";
import { effectivePrice } from "./effective-price";
import { listProductsWithPrices, setMemberPrices } from "./member-prices";
import { memberPricesShown } from "./prices-shown";
import { makeCustomer, makeProduct, setScoreTier } from "./pricing-test-data";

const DAY = 86_400_000;
const now = new Date("2026-03-01T12:00:00Z");

/** A product at ¥100 (floor ¥50) with silver ¥95, gold 15% off (¥85), diamond ¥80; crown has none. */
async function pricedStore() {
  const ctx = await makeStore("price");
  const product = await makeProduct(ctx, 10000, 5000);
  await setMemberPrices(ctx, { id: product.id }, [
    { tier: "silver", price: 9500 },
    { tier: "gold", percentOff: 15 },
    { tier: "diamond", price: 8000 },
  ]);
  return { ctx, product };
}

/** A live flash sale of 5 units, laid out in stock slots as the flash-sales module does. */
async function flashSale(ctx: StoreContext, productId: number, price: number) {
  const [sale] = await getDb()
    .insert(flashSales)
    .values({ storeId: ctx.store.id, productId, price, quantity: 5, startsAt: new Date(now.getTime() - DAY), endsAt: new Date(now.getTime() + DAY) })
    .returning({ id: flashSales.id });
  await fillSlots(getDb(), ctx.store.id, sale!.id, 5);
  return sale!;
}

async function customerAt(ctx: Awaited<ReturnType<typeof makeStore>>, tier: Tier | null) {
  const customer = await makeCustomer(ctx);
  if (tier) await setScoreTier(ctx, customer.id, tier);
  return customer;
}

describe("effective price", () => {
  it("charges a customer with no tier (or no customer) the regular price", async () => {
    const { ctx, product } = await pricedStore();
    const unscored = await customerAt(ctx, null);
    for (const who of [null, unscored.id]) {
      const result = await effectivePrice(getDb(), ctx.store, product.id, who, { at: now });
      expect(result).toMatchObject({ price: 10000, source: "regular", tier: "ordinary", memberPrice: null, flash: null });
      expect(result.reasons.at(-1)!.message).toContain("regular price ¥100.00 applies");
    }
  });

  it("gives each tier the best member price of any tier at or below it", async () => {
    const { ctx, product } = await pricedStore();
    const expected: Record<Tier, [number, string]> = {
      ordinary: [10000, "regular"],
      silver: [9500, "member"],
      gold: [8500, "member"],
      diamond: [8000, "member"],
      crown: [8000, "member"], // no crown price: the diamond one still applies
    };
    for (const tier of tiers) {
      const customer = await customerAt(ctx, tier);
      const result = await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: now });
      expect([result.price, result.source], tier).toEqual(expected[tier]);
      expect(result.tier).toBe(tier);
    }
    const crown = await customerAt(ctx, "crown");
    const result = await effectivePrice(getDb(), ctx.store, product.id, crown.id, { at: now });
    expect(result.memberPrice).toEqual({ tier: "diamond", price: 8000 });
    expect(result.reasons.map((r) => r.message)).toContain("Best member price for tier crown: ¥80.00 (the diamond price).");
  });

  it("lifts the tier with an active paid membership above the score's tier, and stops at its end", async () => {
    const { ctx, product } = await pricedStore();
    const customer = await customerAt(ctx, "silver");
    const plan = await createPlan(ctx, { name: "Diamond card", fee: 9900, lengthDays: 30, tier: "diamond" });
    const { endsAt } = await enrolCustomer(ctx, { planId: plan.id, customer: customer.externalId }, now);
    // An enrolment recomputes the store, which scores these test customers from their orders
    // (none): their score tier is set again.
    await setScoreTier(ctx, customer.id, "silver");

    const during = await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: new Date(now.getTime() + DAY) });
    expect(during).toMatchObject({ price: 8000, source: "member", tier: "diamond" });
    expect(during.reasons.map((r) => r.key)).toContain("pricing.reasons.membershipLifts");
    expect(during.reasons.find((r) => r.key === "pricing.reasons.membershipLifts")!.message).toBe(
      'The paid membership "Diamond card" (until 2026-03-31) lifts the tier from silver to diamond.',
    );

    // A membership ending at 18:00 UTC ends, for a store in Shanghai, at 02:00 the next day.
    const late = await customerAt(ctx, "silver");
    await enrolCustomer(ctx, { planId: plan.id, customer: late.externalId }, new Date("2026-03-01T18:00:00Z"));
    await setScoreTier(ctx, late.id, "silver");
    const lifted = await effectivePrice(getDb(), ctx.store, product.id, late.id, { at: new Date(now.getTime() + DAY) });
    expect(lifted.reasons.find((r) => r.key === "pricing.reasons.membershipLifts")!.message).toContain("(until 2026-04-01)");

    // The stored tier in force still says diamond (no recompute yet): the price must not care.
    await setScoreTier(ctx, customer.id, "silver", { inForce: "diamond" });
    const lastMoment = await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: new Date(endsAt.getTime() - 1) });
    expect(lastMoment.price).toBe(8000);
    const atEnd = await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: endsAt });
    expect(atEnd).toMatchObject({ price: 9500, tier: "silver" });
  });

  it("does not lower the tier when the membership's tier is below the score's", async () => {
    const { ctx, product } = await pricedStore();
    const customer = await customerAt(ctx, "diamond");
    const plan = await createPlan(ctx, { name: "Silver card", fee: 1000, lengthDays: 30, tier: "silver" });
    await enrolCustomer(ctx, { planId: plan.id, customer: customer.externalId }, now);
    await setScoreTier(ctx, customer.id, "diamond"); // as above
    const result = await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: now });
    expect(result).toMatchObject({ price: 8000, tier: "diamond" });
    expect(result.reasons.map((r) => r.key)).toContain("pricing.reasons.membershipNoLift");
  });

  it("stops counting a cancelled membership at once", async () => {
    const { ctx, product } = await pricedStore();
    const customer = await customerAt(ctx, null);
    const plan = await createPlan(ctx, { name: "Gold card", fee: 5000, lengthDays: 365, tier: "gold" });
    const { id } = await enrolCustomer(ctx, { planId: plan.id, customer: customer.externalId }, now);
    expect((await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: now })).price).toBe(8500);
    const later = new Date(now.getTime() + 10 * DAY);
    await cancelMembership(ctx, id, later);
    expect((await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: later })).price).toBe(10000);
    expect((await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: new Date(later.getTime() - 1) })).price).toBe(8500);
  });

  it("takes a live flash price lower than the member price, never stacked with it", async () => {
    const { ctx, product } = await pricedStore();
    const customer = await customerAt(ctx, "gold");
    const sale = await flashSale(ctx, product.id, 7000);
    const result = await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: now });
    expect(result).toMatchObject({ price: 7000, source: "flash", memberPrice: { tier: "gold", price: 8500 } });
    expect(result.flash).toMatchObject({ saleId: sale.id, price: 7000 });
    expect(result.reasons.at(-1)!.message).toBe("¥70.00 wins as the lowest (flash price, regular ¥100.00); prices never stack.");
    // The sale's end as the store reads it: 12:00 UTC is 20:00 in Shanghai.
    expect(result.reasons.find((r) => r.key === "pricing.reasons.flashPrice")).toMatchObject({
      values: { price: "¥70.00" },
      times: { until: { at: new Date(now.getTime() + DAY) } },
      message: "A flash sale open to this customer sells it at ¥70.00 until 2026-03-02 20:00 (Asia/Shanghai).",
    });
    // After the sale ends, the member price is back.
    const after = await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: new Date(now.getTime() + 2 * DAY) });
    expect(after).toMatchObject({ price: 8500, source: "member", flash: null });
  });

  it("names a sale's end in the hour the store's clock repeats by its offset", async () => {
    const ctx = await makeNewYorkStore("price-ny");
    const product = await makeProduct(ctx, 10000, 5000);
    const customer = await customerAt(ctx, null);
    // The second 01:30 of the night New York goes back (1 November 2026, EST).
    const [sale] = await getDb()
      .insert(flashSales)
      .values({ storeId: ctx.store.id, productId: product.id, price: 7000, quantity: 5, startsAt: new Date("2026-11-01T04:00:00Z"), endsAt: new Date("2026-11-01T06:30:00Z") })
      .returning({ id: flashSales.id });
    await fillSlots(getDb(), ctx.store.id, sale!.id, 5);
    const result = await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: new Date("2026-11-01T05:00:00Z") });
    expect(result.reasons.find((r) => r.key === "pricing.reasons.flashPrice")).toMatchObject({
      message: "A flash sale open to this customer sells it at $70.00 until 2026-11-01 01:30-05:00 (America/New_York).",
    });
  });

  it("keeps the member price when the live flash price is higher", async () => {
    const { ctx, product } = await pricedStore();
    const customer = await customerAt(ctx, "diamond");
    await flashSale(ctx, product.id, 9000);
    const result = await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: now });
    expect(result).toMatchObject({ price: 8000, source: "member", flash: { price: 9000 } });
    // A customer without a member price gets the flash price.
    const plain = await customerAt(ctx, null);
    expect(await effectivePrice(getDb(), ctx.store, product.id, plain.id, { at: now })).toMatchObject({ price: 9000, source: "flash" });
  });

  it("leaves out a member price the guard would refuse now that the floor has moved", async () => {
    const { ctx, product } = await pricedStore();
    const customer = await customerAt(ctx, "diamond");
    const { sql } = await import("drizzle-orm");
    await getDb().execute(sql`update products set floor_price = 8200 where store_id = ${ctx.store.id} and id = ${product.id}`);
    const result = await effectivePrice(getDb(), ctx.store, product.id, customer.id, { at: now });
    expect(result).toMatchObject({ price: 8500, source: "member", memberPrice: { tier: "gold" } });
    expect(result.reasons.map((r) => r.message)).toContain(
      "The diamond member price ¥80.00 is outside the floor and regular price now, so it is not used.",
    );
  });
});

describe("member prices saved from a page while they changed elsewhere", () => {
  it("refuses the page's save over prices another owner or the API changed since it showed them", async () => {
    const { ctx, product } = await pricedStore();
    const shown = async () => {
      const { products } = await listProductsWithPrices(ctx);
      const row = products.find((p) => p.id === product.id)!;
      return memberPricesShown(row.memberPrices);
    };
    const seen = await shown();
    // The API (a PUT replaces the set) adds a crown price while the owner's form is open.
    await setMemberPrices(ctx, { id: product.id }, [
      { tier: "silver", price: 9500 },
      { tier: "gold", percentOff: 15 },
      { tier: "diamond", price: 8000 },
      { tier: "crown", price: 7500 },
    ]);
    // The form sends every tier as it showed them, crown blank, with silver changed.
    const fromPage = [
      { tier: "silver" as const, price: 9400 },
      { tier: "gold" as const, percentOff: 15 },
      { tier: "diamond" as const, price: 8000 },
    ];
    await expect(setMemberPrices(ctx, { id: product.id }, fromPage, "en", { seen })).rejects.toMatchObject({
      code: "conflict",
      key: "pricing.errors.pricesChangedMeanwhile",
    });
    expect(await shown()).toContain("crown");
    // Reloaded, the page shows the crown price and its save keeps it.
    await setMemberPrices(ctx, { id: product.id }, [...fromPage, { tier: "crown", price: 7500 }], "en", { seen: await shown() });
    const { products } = await listProductsWithPrices(ctx);
    expect(products.find((p) => p.id === product.id)!.memberPrices.map((m) => [m.tier, m.fixedPrice ?? `${m.percentOff}%`])).toEqual([
      ["silver", 9400],
      ["gold", "15%"],
      ["diamond", 8000],
      ["crown", 7500],
    ]);
  });
});
