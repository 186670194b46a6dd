import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { apiRefusal } from "@/tests/refusal";
import { storeData } from "@/tests/store-data";
import { GET as getCustomer } from "../customers/[externalId]/route";
import { GET as listCustomers } from "../customers/route";
import { GET as getPrice } from "../products/[externalId]/price/route";
import { endFlashSaleEarly } from "@/lib/flash-sales/commands";
import { makeProduct, makeTieredCustomer, productStock } from "@/lib/flash-sales/test-helpers";
import { storeDateTime } from "@/lib/store-time";
import { POST as postClaim } from "./[id]/claims/route";
import { GET as getSale } from "./[id]/route";
import { POST as postSale } from "./route";

// §8: POST /api/v1/flash-sales (422 with reasons), GET /api/v1/flash-sales/{id}, and claims.

const iso = (ms: number) => new Date(ms).toISOString();

async function setUp() {
  const ctx = await makeStore("fsapi");
  const product = await makeProduct(ctx, { price: 10_000, floorPrice: 6_000, stock: 50 });
  return { ctx, product, call: await apiClient(ctx) };
}

describe("the flash sales API", () => {
  it("creates a sale (times local to the store or with an offset), reads it, and refuses an overlap with 422 and reasons", async () => {
    const { ctx, product, call } = await setUp();
    const created = await call(postSale, {
      body: { productExternalId: product.externalId, price: 7_900, quantity: 20, perCustomerLimit: 2, startsAt: "2031-03-01T10:00", endsAt: "2031-03-01T12:00:00+08:00", earlyAccess: { tier: "gold", minutes: 30 } },
    });
    expect(created.status).toBe(201);
    // Asia/Shanghai is UTC+8: 10:00 local is 02:00Z.
    expect(created.body).toMatchObject({
      productExternalId: product.externalId, price: 7_900, quantity: 20, sold: 0, remaining: 20, status: "scheduled",
      startsAt: "2031-03-01T02:00:00.000Z", endsAt: "2031-03-01T04:00:00.000Z",
      earlyAccess: { tier: "gold", minutes: 30, opensAt: "2031-03-01T01:30:00.000Z" },
    });

    const read = await call(getSale, { params: { id: String(created.body.id) } });
    expect(read).toMatchObject({ status: 200, body: { id: created.body.id, sold: 0, remaining: 20, status: "scheduled" } });

    const overlap = await call(postSale, {
      body: { productExternalId: product.externalId, price: 9_999_999, quantity: 99, startsAt: "2031-03-01T11:00", endsAt: "2031-03-01T13:00" },
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.error.code).toBe("invalid");
    expect(overlap.body.error.details.map((d: { path: string; rule: string }) => [d.path, d.rule])).toEqual([
      ["price", "priceGuard"],
      ["quantity", "quantityAboveStock"],
      ["startsAt", "overlap"],
    ]);
    // The rule apart from the message, which is the sentence alone.
    // Times in the store's wall clock, its zone named, as every time of the API's sentences.
    expect(overlap.body.error.details[2].message).toMatch(/^Another sale of this product \(#\d+, 2031-03-01 09:30 – 2031-03-01 12:00 Asia\/Shanghai\) overlaps this time\.$/);
    expect(overlap.body.error.message).toContain("overlaps this time");

    // No such day is a malformed time (400), as one without its zone is in a record; a day past
    // the years the store takes is a rule broken (422). Neither is saved.
    const sale = { productExternalId: product.externalId, price: 7_000, quantity: 1 };
    const noSuchDay = await call(postSale, { body: { ...sale, startsAt: "2031-02-30T10:00", endsAt: "2031-03-02T12:00" } });
    expect(apiRefusal(noSuchDay)).toEqual({ status: 400, code: "invalid_request", paths: ["startsAt"] });
    expect(noSuchDay.body.error.message).toBe('startsAt: "2031-02-30T10:00" is not a time like 2026-06-30 14:05:00, 2026/6/30 14:05 or 2026-06-30T14:05:00+08:00');
    const farAhead = await call(postSale, { body: { ...sale, startsAt: "2200-03-01T10:00", endsAt: "2200-03-01T12:00" } });
    expect(apiRefusal(farAhead)).toEqual({ status: 422, code: "invalid", paths: ["startsAt"] });
    const { rows } = await getDb().execute(sql`select count(*)::int as n from flash_sales where store_id = ${ctx.store.id}`);
    expect(rows[0]!.n).toBe(1);

    const unknown = await call(postSale, { body: { productExternalId: "nope", price: 1, quantity: 1, startsAt: "2031-03-01T10:00", endsAt: "2031-03-01T11:00" } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0].path).toBe("productExternalId");
    expect(ctx.store.timezone).toBe("Asia/Shanghai");
  });

  it("takes claims with 201, answers a retried key with the first claim, and the 409 codes", async () => {
    const { ctx, product, call } = await setUp();
    const now = Date.now();
    const live = await call(postSale, {
      body: { productExternalId: product.externalId, price: 8_000, quantity: 2, perCustomerLimit: 1, startsAt: iso(now - 60_000), endsAt: iso(now + 3_600_000) },
    });
    const id = String(live.body.id);
    const ok = await call(postClaim, { params: { id }, body: { customerExternalId: "B1", quantity: 1, idempotencyKey: "a" } });
    expect(ok).toEqual({ status: 201, body: { claimId: expect.any(Number), quantity: 1, price: 8_000 } });
    const again = await call(postClaim, { params: { id }, body: { customerExternalId: "B1", quantity: 1, idempotencyKey: "a" } });
    expect(again).toEqual(ok);
    // The same key with another body (here another customer) is refused, as the README says.
    const reused = await call(postClaim, { params: { id }, body: { customerExternalId: "B2", quantity: 1, idempotencyKey: "a" } });
    expect(reused).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    const limit = await call(postClaim, { params: { id }, body: { customerExternalId: "B1", quantity: 1, idempotencyKey: "b" } });
    expect(limit).toMatchObject({ status: 409, body: { error: { code: "limit_reached" } } });
    // Each refusal names what stood in the way, with its numbers and times.
    expect(limit.body.error.message).toBe("The per-customer limit of this flash sale is 1 unit; this customer already holds 1 and asked for 1 more.");
    await call(postClaim, { params: { id }, body: { customerExternalId: "B2", quantity: 1, idempotencyKey: "c" } });
    const soldOut = await call(postClaim, { params: { id }, body: { customerExternalId: "B3", quantity: 1, idempotencyKey: "d" } });
    expect(soldOut).toMatchObject({ status: 409, body: { error: { code: "sold_out" } } });
    expect(soldOut.body.error.message).toBe("This flash sale is sold out: all 2 units have been claimed.");
    expect((await call(getSale, { params: { id } })).body).toMatchObject({ sold: 2, remaining: 0, status: "sold_out" });

    const other = await makeProduct(ctx, { price: 10_000, floorPrice: 6_000 });
    const early = await call(postSale, {
      body: { productExternalId: other.externalId, price: 8_000, quantity: 5, startsAt: iso(now + 600_000), endsAt: iso(now + 3_600_000), earlyAccess: { tier: "diamond", minutes: 20 } },
    });
    await makeTieredCustomer(ctx, "SILVER-1", "silver");
    const notEligible = await call(postClaim, { params: { id: String(early.body.id) }, body: { customerExternalId: "SILVER-1", idempotencyKey: "e" } });
    expect(notEligible).toMatchObject({ status: 409, body: { error: { code: "not_eligible" } } });
    expect(notEligible.body.error.message).toBe(
      `Early access is for customers of tier diamond and above; this customer is silver and can claim once the sale starts at ${storeDateTime(new Date(now + 600_000), "Asia/Shanghai")} (Asia/Shanghai).`,
    );

    const later = await makeProduct(ctx, { price: 10_000, floorPrice: 6_000 });
    const scheduled = await call(postSale, {
      body: { productExternalId: later.externalId, price: 8_000, quantity: 5, startsAt: iso(now + 3_600_000), endsAt: iso(now + 7_200_000) },
    });
    const notStarted = await call(postClaim, { params: { id: String(scheduled.body.id) }, body: { customerExternalId: "B1", idempotencyKey: "f" } });
    expect(notStarted).toMatchObject({ status: 409, body: { error: { code: "not_started" } } });
    expect(notStarted.body.error.message).toBe(`This flash sale has not started yet: it starts at ${storeDateTime(new Date(now + 3_600_000), "Asia/Shanghai")} (Asia/Shanghai).`);

    // A quantity it reads but no claim may be (0): a rule broken, 422; one that is not a number is malformed, 400.
    const bad = await call(postClaim, { params: { id }, body: { customerExternalId: "B1", quantity: 0, idempotencyKey: "g" } });
    expect(apiRefusal(bad)).toEqual({ status: 422, code: "invalid", paths: ["quantity"] });
    const text = await call(postClaim, { params: { id }, body: { customerExternalId: "B1", quantity: "2", idempotencyKey: "h" } });
    expect(apiRefusal(text)).toEqual({ status: 400, code: "invalid_request", paths: ["quantity"] });
  });

  it("refuses a misspelt key with 400 naming it, instead of quietly using the default", async () => {
    const { product, call } = await setUp();
    const now = Date.now();
    const sale = { productExternalId: product.externalId, price: 8_000, quantity: 5, startsAt: iso(now - 60_000), endsAt: iso(now + 3_600_000) };
    const misspelt = await call(postSale, { body: { ...sale, perCustomerlimit: 3 } });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error.code).toBe("invalid_request");
    expect(misspelt.body.error.details).toEqual([{ path: "", message: expect.stringContaining('"perCustomerlimit"') }]);
    const nested = await call(postSale, { body: { ...sale, earlyAccess: { tier: "gold", minutes: 30, minuts: 30 } } });
    expect(nested.status).toBe(400);
    expect(nested.body.error.details).toEqual([{ path: "earlyAccess", message: expect.stringContaining('"minuts"') }]);

    const created = await call(postSale, { body: { ...sale, perCustomerLimit: 3 } });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const claim = await call(postClaim, { params: { id }, body: { customerExternalId: "B1", quantiy: 2, idempotencyKey: "k" } });
    expect(claim.status).toBe(400);
    expect(claim.body.error.details).toEqual([{ path: "", message: expect.stringContaining('"quantiy"') }]);
    expect((await call(getSale, { params: { id } })).body.sold).toBe(0);
  });

  it("a buyer new to the store: a refused claim records no customer; an accepted one makes them a customer at once", async () => {
    const { ctx, product, call } = await setUp();
    await storeData(ctx).order("OLD-1", "2026-05-01T00:00:00Z", 5_000);
    await recomputeScores(ctx.store.id);
    const now = Date.now();
    const customer = (externalId: string) => call(getCustomer, { params: { externalId }, path: `/api/v1/customers/${externalId}` });
    const listed = async () =>
      ((await call(listCustomers, { path: "/api/v1/customers" })).body.customers as { externalId: string }[]).map((c) => c.externalId).sort();

    const scheduled = await call(postSale, {
      body: { productExternalId: product.externalId, price: 8_000, quantity: 5, startsAt: iso(now + 3_600_000), endsAt: iso(now + 7_200_000) },
    });
    const early = await call(postClaim, { params: { id: String(scheduled.body.id) }, body: { customerExternalId: "NEW-1", customerName: "新买家", idempotencyKey: "n1" } });
    expect(early).toMatchObject({ status: 409, body: { error: { code: "not_started" } } });
    const other = await makeProduct(ctx, { price: 10_000, floorPrice: 6_000 });
    const live = await call(postSale, {
      body: { productExternalId: other.externalId, price: 8_000, quantity: 1, perCustomerLimit: 1, startsAt: iso(now - 60_000), endsAt: iso(now + 3_600_000) },
    });
    const liveId = String(live.body.id);
    const tooMany = await call(postClaim, { params: { id: liveId }, body: { customerExternalId: "NEW-2", quantity: 2, idempotencyKey: "n2" } });
    expect(tooMany).toMatchObject({ status: 409, body: { error: { code: "limit_reached" } } });
    expect((await customer("NEW-1")).status).toBe(404);
    expect((await customer("NEW-2")).status).toBe(404);
    expect(await listed()).toEqual(["OLD-1"]);

    const accepted = await call(postClaim, { params: { id: liveId }, body: { customerExternalId: "NEW-3", customerName: "新买家", idempotencyKey: "n3" } });
    expect(accepted.status).toBe(201);
    const found = await customer("NEW-3");
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ externalId: "NEW-3", name: "新买家", score: null, tier: "ordinary", orders: 0, isRepeat: false, isHighValue: false });
    expect(await listed()).toEqual(["NEW-3", "OLD-1"]);
    // Sold out now: another new buyer is refused and recorded nowhere.
    const soldOut = await call(postClaim, { params: { id: liveId }, body: { customerExternalId: "NEW-4", idempotencyKey: "n4" } });
    expect(soldOut).toMatchObject({ status: 409, body: { error: { code: "sold_out" } } });
    expect((await customer("NEW-4")).status).toBe(404);

    // The next recompute scores the new customer like any other.
    const run = await recomputeScores(ctx.store.id);
    expect(run.customers).toBe(2);
    expect((await customer("NEW-3")).body).toMatchObject({ score: null, tier: "ordinary" });
    expect(await listed()).toEqual(["NEW-3", "OLD-1"]);
  });

  it("stops answering the flash price to a customer who bought up to the limit, and still answers it to one below it", async () => {
    const { product, call } = await setUp();
    const now = Date.now();
    const sale = await call(postSale, {
      body: { productExternalId: product.externalId, price: 8_000, quantity: 10, perCustomerLimit: 2, startsAt: iso(now - 60_000), endsAt: iso(now + 3_600_000) },
    });
    const id = String(sale.body.id);
    const price = (customer: string) =>
      call(getPrice, { path: `/api/v1/products/${product.externalId}/price?customer=${customer}`, params: { externalId: product.externalId } });

    expect((await call(postClaim, { params: { id }, body: { customerExternalId: "C", quantity: 2, idempotencyKey: "c1" } })).status).toBe(201);
    expect((await call(postClaim, { params: { id }, body: { customerExternalId: "C", quantity: 1, idempotencyKey: "c2" } })).body.error.code).toBe("limit_reached");
    const spent = await price("C");
    expect(spent.body).toMatchObject({ price: 10_000, source: "regular", flash: null });
    expect(spent.body.reasons).toContain(
      "The customer already holds the flash sale's limit of 2 per customer, so its price of ¥80.00 is no longer open to them.",
    );

    expect((await call(postClaim, { params: { id }, body: { customerExternalId: "D", quantity: 1, idempotencyKey: "d1" } })).status).toBe(201);
    expect((await price("D")).body).toMatchObject({ price: 8_000, source: "flash", flash: { saleId: sale.body.id, price: 8_000 } });
  });

  it("takes a new sale's units from a stock that has those of a sale that ended on its own back, no page opened between", async () => {
    const { ctx, call } = await setUp();
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 6_000, stock: 235 });
    const now = Date.now();
    const sale = (quantity: number, from: number) => ({
      productExternalId: product.externalId, price: 8_000, quantity, startsAt: iso(from), endsAt: iso(from + 3_600_000),
    });
    const first = await call(postSale, { body: sale(200, now + 3_600_000) });
    expect(await productStock(ctx, product.id)).toBe(35);
    // The clock moves past its end.
    await getDb().execute(sql`
      update flash_sales set starts_at = starts_at - interval '3 hours', ends_at = ends_at - interval '3 hours'
       where store_id = ${ctx.store.id} and id = ${first.body.id}`);
    const next = await call(postSale, { body: sale(100, now + 7_200_000) });
    expect(next.status).toBe(201);
    expect(await productStock(ctx, product.id)).toBe(135);
    expect((await call(getSale, { params: { id: String(first.body.id) } })).body).toMatchObject({ status: "ended", endedEarly: false, returnedUnits: 200 });
  });

  it("says a sale its owner ended early was ended early, at the moment it was, its start kept", async () => {
    const { ctx, call, product } = await setUp();
    const startsAt = iso(Date.now() - 60_000);
    const created = await call(postSale, {
      body: { productExternalId: product.externalId, price: 8_000, quantity: 2, startsAt, endsAt: iso(Date.now() + 3_600_000) },
    });
    const endedAt = new Date();
    await endFlashSaleEarly(ctx, created.body.id, endedAt);
    expect((await call(getSale, { params: { id: String(created.body.id) } })).body).toMatchObject({
      status: "ended", endedEarly: true, startsAt, endsAt: endedAt.toISOString(), sold: 0, returnedUnits: 2,
    });
  });

  it("keeps each store's sales to itself", async () => {
    const { call, product } = await setUp();
    const sale = await call(postSale, {
      body: { productExternalId: product.externalId, price: 8_000, quantity: 2, startsAt: iso(Date.now() - 60_000), endsAt: iso(Date.now() + 3_600_000) },
    });
    const stranger = await apiClient(await makeStore("fsapi-other"));
    const id = String(sale.body.id);
    expect((await stranger(getSale, { params: { id } })).status).toBe(404);
    const claim = await stranger(postClaim, { params: { id }, body: { customerExternalId: "X", idempotencyKey: "x" } });
    expect(claim.status).toBe(404);
    expect((await call(getSale, { params: { id } })).body.sold).toBe(0);
  });
});
