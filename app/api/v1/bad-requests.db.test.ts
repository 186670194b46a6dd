import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { makeProduct } from "@/lib/flash-sales/test-helpers";
import { makeStore } from "@/tests/factories";
import { apiRefusal } from "@/tests/refusal";
import { snapshotStore } from "@/tests/store-data";
import { GET as getCustomer } from "./customers/[externalId]/route";
import { GET as listCustomers } from "./customers/route";
import { GET as getDispute } from "./disputes/[id]/route";
import { POST as postDispute } from "./disputes/route";
import { POST as postClaim } from "./flash-sales/[id]/claims/route";
import { GET as getSale } from "./flash-sales/[id]/route";
import { POST as postSale } from "./flash-sales/route";
import { GET as getImport } from "./imports/[id]/route";
import { POST as postImport } from "./imports/route";
import { POST as postOrders } from "./orders/route";
import { PUT as putMemberPrices } from "./products/[externalId]/member-prices/route";
import { GET as getPrice } from "./products/[externalId]/price/route";
import { POST as postProducts } from "./products/route";
import { POST as postReturns } from "./returns/route";
import { POST as postReviews } from "./reviews/route";
import { GET as getRules, PUT as putRules } from "./scoring-rules/route";
import { POST as postRecompute } from "./scores/recompute/route";
import { POST as postShares } from "./shares/route";

// Every /api/v1 route, sent what a careless script sends: no token, another store's token, broken
// JSON, an array or null for the object, a form body, a body over the limit, 1,001 records,
// strings where numbers go, negative quantities, times without a zone or far ahead. Each answer
// is the error format with the status of lib/validation/malformed.ts's rule, names where the
// problem is, and nothing of either store is written.

type Handler = (request: Request, route: { params: Promise<any> }) => Promise<Response>;

const others = ["flash_sales", "flash_sale_claims", "disputes", "member_prices", "scoring_rules", "score_runs", "imports", "points_entries"] as const;

/** Every row of the store's records and the count of everything else a request could write. */
async function written(storeId: number) {
  const counts: Record<string, number> = {};
  for (const table of others) {
    const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where store_id = ${storeId}`);
    counts[table] = rows[0]!.n;
  }
  return { records: await snapshotStore(storeId), counts };
}

async function setUp() {
  const ctx = await makeStore("bad");
  const other = await makeStore("bad");
  const product = await makeProduct(ctx, { price: 10_000, floorPrice: 5_000, stock: 10 });
  const token = (await createApiToken(ctx, "script")).token;
  const otherToken = (await createApiToken(other, "script")).token;
  const send = async (handler: Handler, options: { method?: string; path?: string; params?: object; body?: string | null; headers?: Record<string, string>; token?: string | null }) => {
    const bearer = options.token === undefined ? token : options.token;
    const request = new Request(`http://laoke.test${options.path ?? "/api/v1/x"}`, {
      method: options.method ?? "POST",
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), "content-type": "application/json", ...options.headers },
      body: options.body ?? undefined,
    });
    const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
    return { status: response.status, body: (await response.json()) as any };
  };
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const sale = await send(postSale, { body: JSON.stringify({ productExternalId: product.externalId, price: 8_000, quantity: 5, startsAt: iso(now - 60_000), endsAt: iso(now + 3_600_000) }) });
  expect(sale.status).toBe(201);
  const before = async () => ({ mine: await written(ctx.store.id), theirs: await written(other.store.id) });
  return { ctx, other, product, send, saleId: String(sale.body.id), otherToken, before };
}

function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parses`);
}

const order = (over: object = {}, item: object = {}) => ({
  externalId: "O1",
  customer: { externalId: "C1" },
  placedAt: "2026-05-01T10:00:00+08:00",
  status: "paid",
  items: [{ productExternalId: "P1", quantity: 1, unitPrice: 100, ...item }],
  ...over,
});
const records = {
  products: { externalId: "P1", name: "保温杯", price: 100 },
  orders: order(),
  returns: { externalId: "R1", customerExternalId: "C1", type: "refund_only", amount: 100, requestedAt: "2026-05-01T10:00:00Z", status: "completed" },
  reviews: { externalId: "V1", customerExternalId: "C1", rating: 5, createdAt: "2026-05-01T10:00:00Z" },
  shares: { externalId: "S1", customerExternalId: "C1", sharedAt: "2026-05-01T10:00:00Z" },
};
const batchRoutes = { products: postProducts, orders: postOrders, returns: postReturns, reviews: postReviews, shares: postShares };

/** The JSON-body routes, each with a body it would take; `takesNothing`: an empty body is a request of its own. */
function bodyRoutes(product: { externalId: string }, saleId: string) {
  return [
    ...Object.entries(batchRoutes).map(([kind, handler]) => ({ name: `POST /${kind}`, handler, method: "POST", params: {}, body: { [kind]: [records[kind as keyof typeof records]] }, takesNothing: false })),
    { name: "POST /scores/recompute", handler: postRecompute, method: "POST", params: {}, body: { asOf: "2026-05-02T00:00:00Z" }, takesNothing: true },
    { name: "POST /disputes", handler: postDispute, method: "POST", params: {}, body: { type: "fake_return", title: "Empty box", description: "The box came back empty.", amountAtStake: 100 }, takesNothing: false },
    { name: "POST /flash-sales", handler: postSale, method: "POST", params: {}, body: { productExternalId: product.externalId, price: 8_000, quantity: 1, startsAt: "2031-03-01T10:00", endsAt: "2031-03-01T12:00" }, takesNothing: false },
    { name: "POST /flash-sales/{id}/claims", handler: postClaim, method: "POST", params: { id: saleId }, body: { customerExternalId: "B1", quantity: 1, idempotencyKey: "k1" }, takesNothing: false },
    { name: "PUT /scoring-rules", handler: putRules, method: "PUT", params: {}, body: { hysteresis: 3 }, takesNothing: true },
    { name: "PUT /products/{externalId}/member-prices", handler: putMemberPrices, method: "PUT", params: { externalId: product.externalId }, body: { prices: [{ tier: "gold", price: 9_000 }] }, takesNothing: false },
  ];
}

describe("bad requests to every /api/v1 route", () => {
  it("refuses a body that is not a JSON object, or over the limit, in the error format, writing nothing", async () => {
    const { product, saleId, send, before } = await setUp();
    const start = await before();
    for (const { name, handler, method, params, body, takesNothing } of bodyRoutes(product, saleId)) {
      const json = JSON.stringify(body);
      const noToken = await send(handler, { method, params, body: json, token: null });
      expect(apiRefusal(noToken), `${name} without a token`).toEqual({ status: 401, code: "unauthorized", paths: [] });
      expect(noToken.body.error.message).toBe("Send a valid API token as `Authorization: Bearer <token>`.");

      const brokenText = json.slice(0, 10);
      const broken = await send(handler, { method, params, body: brokenText });
      expect(apiRefusal(broken), `${name} broken JSON`).toEqual({ status: 400, code: "invalid_json", paths: [""] });
      // Where JSON.parse stopped, in its own words.
      expect(broken.body.error.details[0].message, name).toBe(parseError(brokenText));

      for (const [what, text] of [["an array", JSON.stringify([body])], ["null", "null"], ["a number", "42"]] as const) {
        const refused = await send(handler, { method, params, body: text });
        expect(apiRefusal(refused), `${name} ${what}`).toEqual({ status: 400, code: "invalid_request", paths: [""] });
        expect(refused.body.error.message, `${name} ${what}`).toMatch(/^The request's body does not match what this route takes: Invalid input: expected object, received /);
      }

      if (!takesNothing) {
        const empty = await send(handler, { method, params, body: "" });
        expect(apiRefusal(empty).status, `${name} empty body`).toBe(400);
        expect(empty.body.error.code, name).toBe("invalid_request");
        // The message names the first field the body lacks.
        expect(empty.body.error.message, name).toMatch(/^The request's body does not match what this route takes: \w+: /);
      }

      const form = await send(handler, { method, params, body: "orders=1", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(apiRefusal(form), `${name} form body`).toEqual({ status: 400, code: "invalid_json", paths: [""] });
      expect(form.body.error.message).toBe(
        "The request body is not valid JSON. It was sent as application/x-www-form-urlencoded; send JSON, with Content-Type: application/json.",
      );

      const big = await send(handler, { method, params, body: JSON.stringify({ ...body, pad: "x".repeat(5 * 1024 * 1024) }) });
      expect(apiRefusal(big), `${name} over the limit`).toEqual({ status: 413, code: "too_large", paths: [] });
      expect(big.body.error.message).toBe("The request body is larger than 5242880 bytes.");
    }
    expect(await before()).toEqual(start);
  }, 120_000);

  it("refuses 1,001 records with 413 naming the batch, and a key beside it with 400, writing nothing", async () => {
    const { send, before } = await setUp();
    const start = await before();
    for (const [kind, handler] of Object.entries(batchRoutes)) {
      const one = records[kind as keyof typeof records];
      const many = Array.from({ length: 1001 }, (_, i) => ({ ...one, externalId: `X${i}` }));
      const refused = await send(handler, { body: JSON.stringify({ [kind]: many }) });
      expect(apiRefusal(refused), kind).toEqual({ status: 413, code: "too_large", paths: [kind] });
      expect(refused.body.error.message).toBe(`A request takes at most 1000 ${kind}; send the rest in further requests.`);
      const beside = await send(handler, { body: JSON.stringify({ [kind]: [one], skipInvalid: true }) });
      expect(apiRefusal(beside), kind).toEqual({ status: 400, code: "invalid_request", paths: [""] });
      expect(beside.body.error.message, kind).toContain('"skipInvalid"');
    }
    expect(await before()).toEqual(start);
  }, 60_000);

  it("answers a wrong value at its record's index and field: 400 when malformed, 422 when it breaks a rule, writing nothing", async () => {
    const { product, saleId, send, before } = await setUp();
    const start = await before();
    const yearAhead = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const cases: [string, Handler, string, object, object, number, string][] = [
      ["a string quantity", postOrders, "POST", {}, { orders: [order(), order({ externalId: "O2" }, { quantity: "2" })] }, 400, "orders.1.items.0.quantity"],
      ["a negative quantity", postOrders, "POST", {}, { orders: [order(), order({ externalId: "O2" }, { quantity: -2 })] }, 422, "orders.1.items.0.quantity"],
      ["a time without its zone", postOrders, "POST", {}, { orders: [order({ placedAt: "2026-05-01T10:00:00" })] }, 400, "orders.0.placedAt"],
      ["a time a year ahead", postOrders, "POST", {}, { orders: [order({ placedAt: yearAhead })] }, 422, "orders.0.placedAt"],
      ["a string price", postProducts, "POST", {}, { products: [records.products, { ...records.products, externalId: "P2", price: "100" }] }, 400, "products.1.price"],
      ["a negative stock", postProducts, "POST", {}, { products: [{ ...records.products, stock: -1 }] }, 422, "products.0.stock"],
      ["a negative amount", postReturns, "POST", {}, { returns: [{ ...records.returns, amount: -100 }] }, 422, "returns.0.amount"],
      ["a time without its zone", postReturns, "POST", {}, { returns: [{ ...records.returns, requestedAt: "2026-05-01 10:00" }] }, 400, "returns.0.requestedAt"],
      ["a string rating", postReviews, "POST", {}, { reviews: [{ ...records.reviews, rating: "5" }] }, 400, "reviews.0.rating"],
      ["a time a year ahead", postReviews, "POST", {}, { reviews: [{ ...records.reviews, createdAt: yearAhead }] }, 422, "reviews.0.createdAt"],
      ["negative conversions", postShares, "POST", {}, { shares: [{ ...records.shares, conversions: -1 }] }, 422, "shares.0.conversions"],
      ["a time without its zone", postShares, "POST", {}, { shares: [{ ...records.shares, sharedAt: "2026-05-01T10:00" }] }, 400, "shares.0.sharedAt"],
      ["an asOf without its zone", postRecompute, "POST", {}, { asOf: "2026-05-01T10:00:00" }, 400, "asOf"],
      ["an asOf far ahead", postRecompute, "POST", {}, { asOf: "2099-01-01T00:00:00Z" }, 422, "asOf"],
      ["a string amount at stake", postDispute, "POST", {}, { type: "fake_return", title: "Empty box", description: "It came back empty.", amountAtStake: "100" }, 400, "amountAtStake"],
      ["a negative amount at stake", postDispute, "POST", {}, { type: "fake_return", title: "Empty box", description: "It came back empty.", amountAtStake: -100 }, 422, "amountAtStake"],
      ["a string quantity", postSale, "POST", {}, { productExternalId: product.externalId, price: 8_000, quantity: "1", startsAt: "2031-03-01T10:00", endsAt: "2031-03-01T12:00" }, 400, "quantity"],
      ["a negative quantity", postSale, "POST", {}, { productExternalId: product.externalId, price: 8_000, quantity: -1, startsAt: "2031-03-01T10:00", endsAt: "2031-03-01T12:00" }, 422, "quantity"],
      ["a start in 2200", postSale, "POST", {}, { productExternalId: product.externalId, price: 8_000, quantity: 1, startsAt: "2200-03-01T10:00", endsAt: "2200-03-01T12:00" }, 422, "startsAt"],
      ["a negative quantity", postClaim, "POST", { id: saleId }, { customerExternalId: "B1", quantity: -1, idempotencyKey: "k2" }, 422, "quantity"],
      ["a string hysteresis", putRules, "PUT", {}, { hysteresis: "3" }, 400, "hysteresis"],
      ["a negative hysteresis", putRules, "PUT", {}, { hysteresis: -3 }, 422, "hysteresis"],
      ["a string price", putMemberPrices, "PUT", { externalId: product.externalId }, { prices: [{ tier: "gold", price: "9000" }] }, 400, "prices.0.price"],
      ["a negative price", putMemberPrices, "PUT", { externalId: product.externalId }, { prices: [{ tier: "gold", price: -9_000 }] }, 422, "prices.0.price"],
    ];
    for (const [what, handler, method, params, body, status, path] of cases) {
      const answer = await send(handler, { method, params, body: JSON.stringify(body) });
      const label = `${method} ${what} (${path})`;
      expect(apiRefusal(answer), label).toEqual({ status, code: status === 400 ? "invalid_request" : "invalid", paths: [path] });
      // The message says what is wrong and where, as the detail does.
      expect(answer.body.error.message, label).toContain(`${path}: ${answer.body.error.details[0].message}`);
    }
    // A time without its zone is said to lack it: "Invalid ISO datetime" named nothing missing.
    const withOffset = "must be an ISO 8601 date and time with its offset (or Z), such as 2026-11-01T10:00:00+08:00";
    const zoneless = await send(postOrders, { body: JSON.stringify({ orders: [order({ placedAt: "2026-05-01T10:00:00" })] }) });
    expect(zoneless.body.error.details).toEqual([{ path: "orders.0.placedAt", message: withOffset }]);
    const dateOnly = await send(postRecompute, { body: JSON.stringify({ asOf: "2026-05-01" }) });
    expect(dateOnly.body.error.details).toEqual([{ path: "asOf", message: withOffset }]);
    expect(await before()).toEqual(start);
  }, 60_000);

  it("reads and changes nothing of a store with another store's token", async () => {
    const { product, saleId, send, otherToken, before } = await setUp();
    const mine = await send(postOrders, { body: JSON.stringify({ orders: [order({ customer: { externalId: "MINE-1" } })] }) });
    expect(mine.status).toBe(200);
    const dispute = await send(postDispute, { body: JSON.stringify({ type: "fake_return", title: "Empty box", description: "The box came back empty.", amountAtStake: 100, draft: true }) });
    expect(dispute).toMatchObject({ status: 201, body: { status: "draft" } });
    const imported = await send(postImport, { path: "/api/v1/imports?kind=orders", body: "orderExternalId\n", headers: { "content-type": "text/csv" } });
    expect(imported.status).toBe(202);
    const importPath = { method: "GET", params: { id: String(imported.body.importId) } };
    const unfinished = async () => ["queued", "running"].includes((await send(getImport, importPath)).body.status);
    for (let i = 0; await unfinished(); i++) {
      if (i > 200) throw new Error("the import did not finish");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const start = await before();
    const theirs = { token: otherToken };
    const notFound: [string, Promise<{ status: number; body: any }>][] = [
      ["GET /customers/{externalId}", send(getCustomer, { ...theirs, method: "GET", params: { externalId: "MINE-1" } })],
      ["GET /disputes/{id}", send(getDispute, { ...theirs, method: "GET", params: { id: String(dispute.body.id) } })],
      ["GET /flash-sales/{id}", send(getSale, { ...theirs, method: "GET", params: { id: saleId } })],
      ["GET /imports/{id}", send(getImport, { ...theirs, method: "GET", params: { id: String(imported.body.importId) } })],
      ["GET /products/{externalId}/price", send(getPrice, { ...theirs, method: "GET", params: { externalId: product.externalId } })],
      ["POST /flash-sales/{id}/claims", send(postClaim, { ...theirs, params: { id: saleId }, body: JSON.stringify({ customerExternalId: "B1", quantity: 1, idempotencyKey: "k" }) })],
      ["PUT /products/{externalId}/member-prices", send(putMemberPrices, { ...theirs, method: "PUT", params: { externalId: product.externalId }, body: JSON.stringify({ prices: [{ tier: "gold", price: 9_000 }] }) })],
    ];
    for (const [name, answer] of notFound) expect(apiRefusal(await answer), name).toEqual({ status: 404, code: "not_found", paths: [] });
    const list = await send(listCustomers, { ...theirs, method: "GET", path: "/api/v1/customers" });
    expect(list).toMatchObject({ status: 200, body: { customers: [], nextCursor: null } });
    const sale = await send(postSale, { ...theirs, body: JSON.stringify({ productExternalId: product.externalId, price: 8_000, quantity: 1, startsAt: "2031-03-01T10:00", endsAt: "2031-03-01T12:00" }) });
    expect(apiRefusal(sale)).toEqual({ status: 422, code: "invalid", paths: ["productExternalId"] });
    expect((await send(getRules, { ...theirs, method: "GET" })).status).toBe(200);
    expect(await before()).toEqual(start);
  }, 60_000);
});
