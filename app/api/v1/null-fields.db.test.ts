import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeProduct } from "@/lib/flash-sales/test-helpers";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { apiRefusal } from "@/tests/refusal";
import { POST as postDispute } from "./disputes/route";
import { POST as postClaim } from "./flash-sales/[id]/claims/route";
import { POST as postSale } from "./flash-sales/route";
import { POST as postOrders } from "./orders/route";
import { PUT as putMemberPrices } from "./products/[externalId]/member-prices/route";
import { GET as listProducts, POST as postProducts } from "./products/route";
import { POST as postReturns } from "./returns/route";
import { POST as postReviews } from "./reviews/route";
import { POST as recompute } from "./scores/recompute/route";
import { POST as postShares } from "./shares/route";

// One rule for null in a body: an optional field sent as null is one not given (a field with a
// default takes it), as ERPs' serializers write a value they do not have; it was refused as
// "expected string, received null". The one exception is the spec's own: a product's
// `floorPrice: null` clears its floor.

async function rows(query: ReturnType<typeof sql>) {
  return (await getDb().execute<Record<string, unknown>>(query)).rows;
}

describe("null for an optional field of the API's bodies", () => {
  it("is not given in every upsert kind, and a second send without the fields changes nothing", async () => {
    const ctx = await makeStore("nulls");
    const call = await apiClient(ctx);
    const order = { externalId: "O1", customer: { externalId: "C1", name: "王芳" }, placedAt: "2026-05-01T10:00:00+08:00", status: "paid" };
    const line = { productExternalId: "P1", quantity: 1, unitPrice: 5990 };
    expect(await call(postOrders, { body: { orders: [{ ...order, items: [{ ...line, productName: "保温杯" }] }] } })).toMatchObject({ status: 200, body: { created: 1 } });

    // The customer keeps the name it has, the product its name, the order is not a group buy.
    const nulled = await call(postOrders, {
      body: { orders: [{ ...order, customer: { externalId: "C1", name: null }, groupBuy: null, items: [{ ...line, productName: null }] }] },
    });
    expect(nulled).toMatchObject({ status: 200, body: { created: 0, updated: 0, unchanged: 1, customersUpdated: 0 } });
    const [customer] = await rows(sql`select name from customers where store_id = ${ctx.store.id} and external_id = 'C1'`);
    expect(customer).toEqual({ name: "王芳" });

    const ret = { externalId: "R1", customerExternalId: "C1", orderExternalId: null, type: "return_refund", amount: 100, requestedAt: "2026-05-03T10:00:00+08:00", status: "requested" };
    expect(await call(postReturns, { body: { returns: [ret] } })).toMatchObject({ status: 200, body: { created: 1 } });
    const review = { externalId: "V1", customerExternalId: "C1", orderExternalId: null, productExternalId: null, rating: 5, hasPhotos: null, likes: null, createdAt: "2026-05-04T10:00:00+08:00" };
    expect(await call(postReviews, { body: { reviews: [review] } })).toMatchObject({ status: 200, body: { created: 1 } });
    const share = { externalId: "S1", customerExternalId: "C1", productExternalId: null, sharedAt: "2026-05-05T10:00:00+08:00", conversions: null };
    expect(await call(postShares, { body: { shares: [share] } })).toMatchObject({ status: 200, body: { created: 1 } });

    const [r] = await rows(sql`select order_id from returns where store_id = ${ctx.store.id}`);
    expect(r).toEqual({ order_id: null });
    const [v] = await rows(sql`select order_id, product_id, has_photos, likes from reviews where store_id = ${ctx.store.id}`);
    expect(v).toEqual({ order_id: null, product_id: null, has_photos: false, likes: 0 });
    const [s] = await rows(sql`select product_id, conversions from shares where store_id = ${ctx.store.id}`);
    expect(s).toEqual({ product_id: null, conversions: 0 });

    // The same records with the fields left out are the ones already stored.
    const { orderExternalId: _o, ...retLeftOut } = ret;
    expect(await call(postReturns, { body: { returns: [retLeftOut] } })).toMatchObject({ status: 200, body: { created: 0, unchanged: 1 } });
    expect(await call(postShares, { body: { shares: [{ externalId: "S1", customerExternalId: "C1", sharedAt: share.sharedAt }] } })).toMatchObject({
      status: 200,
      body: { created: 0, unchanged: 1 },
    });
    // A required field is still required: null is not a value for it.
    const noName = await call(postProducts, { body: { products: [{ externalId: "P9", name: null, price: 100 }] } });
    expect(apiRefusal(noName)).toEqual({ status: 400, code: "invalid_request", paths: ["products.0.name"] });
  });

  it("keeps a product's stock for stock: null, and clears its floor for floorPrice: null, as the spec says", async () => {
    const ctx = await makeStore("nulls");
    const call = await apiClient(ctx);
    const product = { externalId: "P1", name: "保温杯", price: 1000 };
    expect((await call(postProducts, { body: { products: [{ ...product, floorPrice: 500, stock: 7 }] } })).status).toBe(200);
    expect(await call(postProducts, { body: { products: [{ ...product, floorPrice: null, stock: null }] } })).toMatchObject({ status: 200, body: { updated: 1 } });
    expect((await call(listProducts, { path: "/api/v1/products" })).body.products).toMatchObject([{ externalId: "P1", floorPrice: null, stock: 7 }]);
  });

  it("is not given in the other bodies: a member price, a recompute, a dispute, a flash sale and a claim", async () => {
    const ctx = await makeStore("nulls");
    const call = await apiClient(ctx);
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 6_000, stock: 50 });
    const prices = await call(putMemberPrices, { method: "PUT", params: { externalId: product.externalId }, body: { prices: [{ tier: "gold", price: null, percentOff: 10 }] } });
    expect(prices).toMatchObject({ status: 200, body: { prices: [{ tier: "gold", percentOff: 10, price: 9_000 }] } });
    expect((await call(recompute, { body: { asOf: null } })).status).toBe(200);

    const facts = { type: "unfair_platform_treatment", title: "Frozen funds", amountAtStake: null, orderExternalId: null, counterparty: null, draft: null };
    // A description of null is none: the submission it defaults to needs one, as when it is left out.
    const undescribed = await call(postDispute, { body: { ...facts, description: null } });
    expect(apiRefusal(undescribed)).toEqual({ status: 422, code: "invalid", paths: ["description"] });
    const dispute = await call(postDispute, { body: { ...facts, description: "The platform froze a month of takings without a reason." } });
    expect(dispute).toMatchObject({ status: 201, body: { status: "submitted" } });
    const [filed] = await rows(sql`select amount_at_stake::int as amount, order_id from disputes where store_id = ${ctx.store.id}`);
    expect(filed).toEqual({ amount: 0, order_id: null });

    const now = Date.now();
    const sale = await call(postSale, {
      body: { productExternalId: product.externalId, price: 8_000, quantity: 5, perCustomerLimit: null, earlyAccess: null, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() },
    });
    expect(sale).toMatchObject({ status: 201, body: { perCustomerLimit: 1 } });
    const claim = await call(postClaim, { params: { id: String(sale.body.id) }, body: { customerExternalId: "B1", customerName: null, quantity: null, idempotencyKey: "k1" } });
    expect(claim).toMatchObject({ status: 201, body: { quantity: 1, price: 8_000 } });
  });
});
