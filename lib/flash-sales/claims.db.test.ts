import { describe, expect, it } from "vitest";
import { makeNewYorkStore, makeStore } from "@/tests/factories";
import { getDb } from "@/db";
import { and, eq } from "drizzle-orm";
import { customerMemberships, customers, customerScores, orderItems, orders, type Tier } from "@/db/schema";
import { createPlan } from "@/lib/memberships/plans";
import { claimFlashSale } from "./claims";
import { createFlashSale } from "./commands";
import { customerFlashClaims } from "./history";
import { findEligibleFlashOffers } from "./offers";
import { buyersByTier, getFlashSale } from "./queries";
import { reminderCount, reminderList } from "./reminders";
import { settleEndedFlashSales } from "./settle";
import { draft, HOUR, makeProduct, makeTieredCustomer, MINUTE, productStock, saleRow } from "./test-helpers";

const at = (base: Date, delta: number) => new Date(base.getTime() + delta);
/** One product's offer through the several-products lookup, or null when it has none. */
async function offerFor(storeId: number, productId: number, customer: { tier: Tier; isHighValue: boolean }, when: Date) {
  return (await findEligibleFlashOffers(getDb(), storeId, [productId], { id: null, ...customer }, when)).open.get(productId) ?? null;
}
let keys = 0;
const claim = (who: string, quantity = 1, key = `k${++keys}`) => ({ customerExternalId: who, quantity, idempotencyKey: key });

async function earlySale(options: { quantity?: number; limit?: number; stock?: number } = {}) {
  const ctx = await makeStore("claim");
  const product = await makeProduct(ctx, { stock: options.stock ?? 100 });
  const start = new Date(Date.now() + 24 * HOUR);
  const { id } = await createFlashSale(
    ctx,
    product.id,
    draft(start, {
      quantity: options.quantity ?? 10,
      perCustomerLimit: options.limit ?? 2,
      earlyAccessTier: "gold",
      earlyAccessMinutes: 30,
    }),
  );
  await makeTieredCustomer(ctx, "GOLD", "gold", true);
  await makeTieredCustomer(ctx, "CROWN", "crown");
  await makeTieredCustomer(ctx, "SILVER", "silver");
  return { ctx, product, start, end: at(start, 2 * HOUR), id };
}

describe("claim windows by tier and time", () => {
  it("refuses everyone before early access with not_started, and lower tiers during it with not_eligible", async () => {
    const { ctx, id, start } = await earlySale();
    const opens = at(start, -30 * MINUTE);
    const tooEarly = await claimFlashSale(ctx, id, claim("GOLD"), at(opens, -1));
    expect(tooEarly).toMatchObject({ ok: false, code: "not_started", message: expect.stringMatching(/^This flash sale has not opened yet: early access for gold and above opens at .+ \(Asia\/Shanghai\), the sale at .+\.$/) });
    expect(await claimFlashSale(ctx, id, claim("GOLD"), opens)).toMatchObject({ ok: true, quantity: 1, price: 7_900 });
    expect(await claimFlashSale(ctx, id, claim("CROWN"), opens)).toMatchObject({ ok: true });
    const silver = await claimFlashSale(ctx, id, claim("SILVER"), at(start, -1));
    expect(silver).toMatchObject({ ok: false, code: "not_eligible" });
    // A buyer new to the store is ordinary: not eligible early, welcome at the start.
    expect(await claimFlashSale(ctx, id, claim("NEW"), at(start, -1))).toMatchObject({ ok: false, code: "not_eligible" });
    expect(await claimFlashSale(ctx, id, claim("SILVER"), start)).toMatchObject({ ok: true });
    expect(await claimFlashSale(ctx, id, claim("NEW"), start)).toMatchObject({ ok: true });
    expect((await getFlashSale(ctx, id, start)).sold).toBe(4);
  });

  it("lets in early a customer a paid membership lifts now, and not one whose membership has ended", async () => {
    const { ctx, id, start } = await earlySale();
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    // SILVER's gold membership, written as an enrolment writes it (an enrolment also recomputes,
    // which would score these made-up customers from their orders).
    const [silver] = await getDb()
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.storeId, ctx.store.id), eq(customers.externalId, "SILVER")));
    await getDb()
      .insert(customerMemberships)
      .values({ storeId: ctx.store.id, customerId: silver!.id, planId: plan.id, tier: "gold", feePaid: 9900, startsAt: new Date(), endsAt: at(start, 24 * HOUR) });
    // The last recompute lifted LAPSED to gold; the membership has ended since.
    const lapsed = await makeTieredCustomer(ctx, "LAPSED", "gold");
    await getDb().update(customerScores).set({ scoreTier: "silver" }).where(and(eq(customerScores.storeId, ctx.store.id), eq(customerScores.customerId, lapsed)));
    const early = at(start, -10 * MINUTE);
    expect(await claimFlashSale(ctx, id, claim("SILVER"), early)).toMatchObject({ ok: true });
    expect(await claimFlashSale(ctx, id, claim("LAPSED"), early)).toMatchObject({ ok: false, code: "not_eligible" });
    const sale = await getFlashSale(ctx, id);
    expect((await reminderList(ctx, sale, { limit: 10 })).rows.map((r) => r.externalId)).toEqual(["CROWN", "GOLD", "SILVER"]);
    expect(await reminderCount(ctx, sale)).toBe(3);
  });

  it("accepts a claim in the last instant and refuses one exactly at the end with ended", async () => {
    const { ctx, id, end } = await earlySale();
    expect(await claimFlashSale(ctx, id, claim("SILVER"), at(end, -1))).toMatchObject({ ok: true });
    expect(await claimFlashSale(ctx, id, claim("GOLD"), end)).toMatchObject({ ok: false, code: "ended" });
  });

  it("answers sold_out and limit_reached, taking nothing", async () => {
    const { ctx, id, start } = await earlySale({ quantity: 3, limit: 2 });
    expect(await claimFlashSale(ctx, id, claim("GOLD", 2), start)).toMatchObject({ ok: true, quantity: 2 });
    expect(await claimFlashSale(ctx, id, claim("GOLD", 1), start)).toMatchObject({ ok: false, code: "limit_reached" });
    expect(await claimFlashSale(ctx, id, claim("CROWN", 3), start)).toMatchObject({
      ok: false,
      code: "limit_reached",
      message: "The per-customer limit of this flash sale is 2 units; this customer already holds 0 and asked for 3 more.",
    });
    const partial = await claimFlashSale(ctx, id, claim("CROWN", 2), start);
    expect(partial).toMatchObject({ ok: false, code: "sold_out", message: "Only 1 unit of this flash sale is left; this claim asked for 2." });
    expect(await claimFlashSale(ctx, id, claim("CROWN", 1), start)).toMatchObject({ ok: true });
    expect(await claimFlashSale(ctx, id, claim("SILVER", 1), start)).toMatchObject({ ok: false, code: "sold_out" });
    expect(await getFlashSale(ctx, id, start)).toMatchObject({ sold: 3, remaining: 0, status: "sold_out" });
  });

  it("takes a claim across stock slots when no single slot holds enough", async () => {
    // 16 units lie one to a slot: a claim of 2 must gather them from two slots.
    const { ctx, id, start } = await earlySale({ quantity: 16, limit: 2 });
    expect(await claimFlashSale(ctx, id, claim("GOLD", 2), start)).toMatchObject({ ok: true, quantity: 2 });
    expect(await getFlashSale(ctx, id, start)).toMatchObject({ sold: 2, remaining: 14 });
  });

  it("refuses claims on a cancelled sale with ended", async () => {
    const ctx = await makeStore("claim");
    const product = await makeProduct(ctx);
    const start = new Date(Date.now() + HOUR);
    const { id } = await createFlashSale(ctx, product.id, draft(start));
    const { cancelFlashSale } = await import("./commands");
    await cancelFlashSale(ctx, id);
    expect(await claimFlashSale(ctx, id, claim("ANY"), start)).toMatchObject({ ok: false, code: "ended" });
  });

  it("names a start in the hour the store's clock repeats by its offset, which of the two 01:30s it is", async () => {
    const ctx = await makeNewYorkStore("claim-ny");
    const product = await makeProduct(ctx);
    // The second 01:30 of the night New York goes back (7 November 2027, EST); the first is an hour before.
    const { id } = await createFlashSale(ctx, product.id, draft(new Date("2027-11-07T06:30:00Z")));
    const early = await claimFlashSale(ctx, id, claim("NEW"), new Date("2027-11-07T05:45:00Z"));
    expect(early).toMatchObject({ ok: false, message: "This flash sale has not started yet: it starts at 2027-11-07 01:30-05:00 (America/New_York)." });
  });
});

describe("idempotency", () => {
  it("answers a retried key with the first result and takes nothing more, even after the sale sold out", async () => {
    const { ctx, id, start } = await earlySale({ quantity: 2, limit: 2 });
    const first = await claimFlashSale(ctx, id, claim("GOLD", 2, "retry-me"), start);
    expect(first).toMatchObject({ ok: true, replayed: false });
    const again = await claimFlashSale(ctx, id, claim("GOLD", 2, "retry-me"), at(start, MINUTE));
    expect(again).toEqual({ ...first, replayed: true });
    expect((await saleRow(ctx, id)).sold).toBe(2);
    await expect(claimFlashSale(ctx, id, claim("CROWN", 2, "retry-me"), start)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("what a claim leaves behind", () => {
  it("records the price paid and the tier, counts buyers by tier, and links the order that arrives", async () => {
    const { ctx, id, start, product } = await earlySale();
    const goldId = await makeTieredCustomer(ctx, "G2", "gold");
    await claimFlashSale(ctx, id, claim("G2", 2), at(start, -MINUTE));
    await claimFlashSale(ctx, id, claim("GOLD", 1), at(start, -MINUTE));
    await claimFlashSale(ctx, id, claim("SILVER", 1), at(start, MINUTE));
    expect(await buyersByTier(ctx, { saleId: id })).toEqual([
      { tier: "gold", buyers: 2, units: 3, revenue: 3 * 7_900 },
      { tier: "silver", buyers: 1, units: 1, revenue: 7_900 },
    ]);

    let history = await customerFlashClaims(ctx, goldId);
    expect(history).toMatchObject([{ saleId: id, quantity: 2, unitPrice: 7_900, regularPrice: 10_000, tier: "gold", order: null }]);

    // The platform's order for the claim arrives (an unrelated earlier order does not count).
    const order = async (externalId: string, placedAt: Date, total: number) => {
      const [row] = await getDb()
        .insert(orders)
        .values({ storeId: ctx.store.id, externalId, customerId: goldId, placedAt, status: "paid", total })
        .returning({ id: orders.id });
      return row!.id;
    };
    const before = await order("O-before", at(start, -2 * HOUR), 10_000);
    const after = await order("O-flash", at(start, 5 * MINUTE), 15_800);
    await getDb().insert(orderItems).values([
      { storeId: ctx.store.id, orderId: before, lineNo: 1, productId: product.id, quantity: 1, unitPrice: 10_000 },
      { storeId: ctx.store.id, orderId: after, lineNo: 1, productId: product.id, quantity: 2, unitPrice: 7_900 },
    ]);
    history = await customerFlashClaims(ctx, goldId);
    expect(history[0]!.order?.id).toBe(after);
  });

  it("gives the units left back to the stock once, when the end is observed", async () => {
    const { ctx, id, start, end, product } = await earlySale({ quantity: 10, stock: 30 });
    expect(await productStock(ctx, product.id)).toBe(20);
    await claimFlashSale(ctx, id, claim("SILVER", 2), start);
    expect(await settleEndedFlashSales(getDb(), ctx.store.id, at(end, -1))).toBe(0);
    const [a, b] = await Promise.all([
      settleEndedFlashSales(getDb(), ctx.store.id, end),
      settleEndedFlashSales(getDb(), ctx.store.id, end),
    ]);
    expect(a + b).toBe(1);
    expect(await productStock(ctx, product.id)).toBe(28);
    expect(await saleRow(ctx, id)).toMatchObject({ returnedUnits: 8, sold: 2 });
  });

  it("a claim arriving after the end settles the sale", async () => {
    const { ctx, id, end, product } = await earlySale({ quantity: 10, stock: 10 });
    expect(await claimFlashSale(ctx, id, claim("GOLD"), end)).toMatchObject({ code: "ended" });
    expect(await productStock(ctx, product.id)).toBe(10);
  });
});

describe("the flash offer for pricing", () => {
  it("is the live price for an eligible customer at that time, and nothing when sold out or not open to them", async () => {
    const { ctx, id, start, end, product } = await earlySale({ quantity: 1 });
    const gold = { tier: "gold" as const, isHighValue: true };
    const silver = { tier: "silver" as const, isHighValue: false };
    expect(await offerFor(ctx.store.id, product.id, gold, at(start, -31 * MINUTE))).toBeNull();
    expect(await offerFor(ctx.store.id, product.id, gold, at(start, -30 * MINUTE))).toEqual({ saleId: id, price: 7_900, endsAt: end });
    expect(await offerFor(ctx.store.id, product.id, silver, at(start, -1))).toBeNull();
    expect(await offerFor(ctx.store.id, product.id, silver, start)).toMatchObject({ saleId: id });
    expect(await offerFor(ctx.store.id, product.id, silver, end)).toBeNull();
    await claimFlashSale(ctx, id, claim("GOLD"), start);
    expect(await offerFor(ctx.store.id, product.id, silver, start)).toBeNull();
  });

  it("looks up several products at once: each product's open offer, none for a product without one", async () => {
    const { ctx, id, start, end, product } = await earlySale();
    const plain = await makeProduct(ctx);
    const gold = { id: null, tier: "gold" as const, isHighValue: true };
    const offers = await findEligibleFlashOffers(getDb(), ctx.store.id, [product.id, plain.id], gold, start);
    expect(offers.open.get(product.id)).toEqual({ saleId: id, price: 7_900, endsAt: end });
    expect(offers.open.has(plain.id)).toBe(false);
    expect((await findEligibleFlashOffers(getDb(), ctx.store.id, [product.id, plain.id], gold, end)).open.size).toBe(0);
  });
});

describe("the reminder list", () => {
  it("holds the customers at or above the early-access tier, best score first", async () => {
    const { ctx, id } = await earlySale();
    const sale = await getFlashSale(ctx, id);
    const list = await reminderList(ctx, sale, { limit: 1 });
    expect(list.rows.map((r) => r.externalId)).toEqual(["CROWN"]);
    const rest = await reminderList(ctx, sale, { limit: 5, after: list.next });
    expect(rest.rows.map((r) => r.externalId)).toEqual(["GOLD"]);
    expect(rest.next).toBeNull();
    expect(await reminderCount(ctx, sale)).toBe(2);
  });

  it("is the high-value customers for a sale without early access", async () => {
    const ctx = await makeStore("claim");
    const product = await makeProduct(ctx);
    const { id } = await createFlashSale(ctx, product.id, draft(new Date(Date.now() + HOUR)));
    await makeTieredCustomer(ctx, "HV", "gold", true);
    await makeTieredCustomer(ctx, "CROWN-NOT-HV", "crown", false);
    const sale = await getFlashSale(ctx, id);
    expect((await reminderList(ctx, sale)).rows.map((r) => r.externalId)).toEqual(["HV"]);
  });
});
