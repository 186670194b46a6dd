import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { legalThresholdOf, setLegalThreshold } from "@/lib/disputes/settings";
import { makeProduct } from "@/lib/flash-sales/test-helpers";
import { enrolCustomer } from "@/lib/memberships/enrolments";
import { createPlan, feeOf } from "@/lib/memberships/plans";
import { MAX_MONEY_MINOR } from "@/lib/money";
import { makeCustomer } from "@/lib/pricing/pricing-test-data";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { apiRefusal, refusal } from "@/tests/refusal";
import { POST as postDispute } from "./disputes/route";
import { POST as postSale } from "./flash-sales/route";
import { PUT as putMemberPrices } from "./products/[externalId]/member-prices/route";
import { POST as postOrders } from "./orders/route";
import { POST as postProducts } from "./products/route";

// One bound for every amount the store keeps (MAX_MONEY_MINOR, ¥100,000,000.00): a price, a fee,
// an amount at stake or a threshold past it is refused at its field, and nothing is stored.

const ABOVE = MAX_MONEY_MINOR + 1;
const limit = "¥100,000,000.00";

async function count(table: "products" | "member_prices" | "flash_sales" | "disputes" | "customer_memberships" | "dispute_settings", storeId: number) {
  const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where store_id = ${storeId}`);
  return rows[0]!.n;
}

async function setUp() {
  const ctx = await makeStore("bound");
  // A regular price at the bound itself: the price guard alone would let any member price up to it through.
  const product = await makeProduct(ctx, { price: MAX_MONEY_MINOR, floorPrice: 0, stock: 10 });
  return { ctx, product, call: await apiClient(ctx) };
}

describe("the bound of every amount, through the API", () => {
  it("refuses a member price above it at prices.<tier> (422), keeps the set as it was, and takes the bound itself", async () => {
    const { ctx, product, call } = await setUp();
    const put = (prices: unknown[]) =>
      call(putMemberPrices, { method: "PUT", params: { externalId: product.externalId }, body: { prices } });

    const refused = await put([{ tier: "silver", percentOff: 10 }, { tier: "gold", price: ABOVE }]);
    expect(apiRefusal(refused)).toEqual({ status: 422, code: "invalid", paths: ["prices.gold"] });
    expect(refused.body.error.message).toBe(`The amount is above the limit of ${limit}.`);
    expect(await count("member_prices", ctx.store.id)).toBe(0);

    const atBound = await put([{ tier: "gold", price: MAX_MONEY_MINOR }]);
    expect(atBound).toMatchObject({ status: 200, body: { prices: [{ tier: "gold", price: MAX_MONEY_MINOR }] } });
  });

  it("refuses a flash price above it with the rule priceAboveMax (422) alone, and sets no units aside", async () => {
    const { ctx, product, call } = await setUp();
    const refused = await call(postSale, {
      body: { productExternalId: product.externalId, price: ABOVE, quantity: 1, startsAt: "2031-03-01T10:00", endsAt: "2031-03-01T12:00" },
    });
    expect(apiRefusal(refused)).toEqual({ status: 422, code: "invalid", paths: ["price"] });
    // Past the bound is past the regular price too; the bound is what the client must hear.
    expect(refused.body.error.details).toEqual([{ path: "price", rule: "priceAboveMax", message: `The amount is above the limit of ${limit}.` }]);
    expect(await count("flash_sales", ctx.store.id)).toBe(0);
  });

  it("refuses an amount at stake above it at amountAtStake (422) and files nothing, where the bound itself is filed", async () => {
    const { ctx, call } = await setUp();
    const dispute = { type: "unfair_platform_treatment", title: "Frozen funds", description: "The platform froze a month of takings without a reason." };
    const refused = await call(postDispute, { body: { ...dispute, amountAtStake: ABOVE } });
    expect(apiRefusal(refused)).toEqual({ status: 422, code: "invalid", paths: ["amountAtStake"] });
    expect(await count("disputes", ctx.store.id)).toBe(0);

    expect((await call(postDispute, { body: { ...dispute, amountAtStake: MAX_MONEY_MINOR } })).status).toBe(201);
  });
});

// zod's whole numbers stop at 2^53: an amount past it was refused first as "Too big: expected int
// to be <=9007199254740991", a cap the product does not have, before (or instead of) its own.
describe("an amount past 2^53 is refused at the product's bound, not at 2^53", () => {
  const PAST_2_53 = 2 ** 60;

  it("an upsert names the bound in minor units, once", async () => {
    const { ctx, call } = await setUp();
    const refused = await call(postProducts, { body: { products: [{ externalId: "P-big", name: "Big", price: PAST_2_53 }] } });
    expect(apiRefusal(refused)).toEqual({ status: 422, code: "invalid", paths: ["products.0.price"] });
    expect(refused.body.error.message).toBe(`The request's body breaks a rule of this route: products.0.price: must be at most ${MAX_MONEY_MINOR} minor units`);
    const order = { externalId: "O-big", customer: { externalId: "C-big" }, placedAt: "2026-01-02T10:00:00Z", status: "paid" };
    const line = await call(postOrders, { body: { orders: [{ ...order, items: [{ productExternalId: "P1", quantity: 1, unitPrice: PAST_2_53 }] }] } });
    expect(line.body.error.details).toEqual([{ path: "orders.0.items.0.unitPrice", message: `must be at most ${MAX_MONEY_MINOR} minor units` }]);
    const stock = await call(postProducts, { body: { products: [{ externalId: "P-big", name: "Big", price: 1, stock: PAST_2_53 }] } });
    expect(stock.body.error.details).toEqual([{ path: "products.0.stock", message: "must be at most 1000000000" }]);
    expect(await count("products", ctx.store.id)).toBe(1); // setUp's own
  });

  it("a member price, a flash price and an amount at stake name the store's bound in its currency", async () => {
    const { product, call } = await setUp();
    const member = await call(putMemberPrices, { method: "PUT", params: { externalId: product.externalId }, body: { prices: [{ tier: "gold", price: PAST_2_53 }] } });
    expect(apiRefusal(member)).toEqual({ status: 422, code: "invalid", paths: ["prices.gold"] });
    expect(member.body.error.message).toBe(`The amount is above the limit of ${limit}.`);
    const sale = await call(postSale, {
      body: { productExternalId: product.externalId, price: PAST_2_53, quantity: 1, startsAt: "2031-03-01T10:00", endsAt: "2031-03-01T12:00" },
    });
    expect(sale.body.error.details).toEqual([{ path: "price", rule: "priceAboveMax", message: `The amount is above the limit of ${limit}.` }]);
    const dispute = { type: "unfair_platform_treatment", title: "Frozen funds", description: "The platform froze a month of takings without a reason." };
    const filed = await call(postDispute, { body: { ...dispute, amountAtStake: PAST_2_53 } });
    expect(apiRefusal(filed)).toEqual({ status: 422, code: "invalid", paths: ["amountAtStake"] });
    expect(filed.body.error.message).toBe(`The amount is above the limit of ${limit}.`);
    // A fraction is still the malformed request it was (400), said once.
    const fraction = await call(postProducts, { body: { products: [{ externalId: "P-frac", name: "Frac", price: 10.5 }] } });
    expect(fraction.status).toBe(400);
    expect(fraction.body.error.details).toEqual([{ path: "products.0.price", message: "must be a whole number" }]);
  });
});

describe("the bound of every amount, where only the pages reach", () => {
  it("refuses a plan's fee or a fee paid above it at that field, enrolling no one", async () => {
    const { ctx } = await setUp();
    expect(feeOf(ctx, "100,000,000.00", "fee")).toBe(MAX_MONEY_MINOR);
    const fee = await refusal(Promise.resolve().then(() => feeOf(ctx, "100000000.01", "fee")));
    expect(fee).toMatchObject({ code: "invalid", key: "errors.moneyAboveMax", details: [{ path: "fee" }] });

    const plan = await createPlan(ctx, { name: "Gold card", fee: 9_900, lengthDays: 30, tier: "gold" });
    await makeCustomer(ctx, "buyer-1");
    const feePaid = await refusal(enrolCustomer(ctx, { planId: plan.id, customer: "buyer-1", feePaid: "100000001" }));
    expect(feePaid).toMatchObject({ code: "invalid", key: "errors.moneyAboveMax", details: [{ path: "feePaid" }] });
    expect(await count("customer_memberships", ctx.store.id)).toBe(0);
  });

  it("refuses a legal threshold above it, keeping the one in force; the bound itself is taken", async () => {
    const { ctx } = await setUp();
    const error = await refusal(setLegalThreshold(ctx, ABOVE, "zh-CN"));
    // Named in the reader's locale.
    expect(error).toMatchObject({ code: "invalid", status: 422, values: { max: "¥100,000,000.00" }, details: [{ path: "legalThreshold" }] });
    expect(await count("dispute_settings", ctx.store.id)).toBe(0);
    await setLegalThreshold(ctx, MAX_MONEY_MINOR);
    expect(await legalThresholdOf(getDb(), ctx.store.id)).toBe(MAX_MONEY_MINOR);
  });
});
