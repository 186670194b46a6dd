import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeProduct } from "@/lib/pricing/pricing-test-data";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { apiRefusal } from "@/tests/refusal";
import { GET as listCustomers } from "./customers/route";
import { POST as postImport } from "./imports/route";
import { GET as getPrice } from "./products/[externalId]/price/route";
import { GET as listProducts, POST as postProducts } from "./products/route";
import { GET as getRules, PUT as putRules } from "./scoring-rules/route";

// Every route of the API, as Next.js loads it, and the methods it serves (its OPTIONS' Allow).
const routes = import.meta.glob<Record<string, unknown>>("./**/route.ts");
const TAKE_A_QUERY = ["./customers/route.ts", "./imports/route.ts", "./products/route.ts", "./products/[externalId]/price/route.ts"];
type Handler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function servedMethods(route: Record<string, unknown>): Promise<string[]> {
  const options = await (route.OPTIONS as Handler)(new Request("http://laoke.test/api/v1/x", { method: "OPTIONS" }), { params: Promise.resolve({}) });
  return (options.headers.get("allow") ?? "").split(", ").filter((method) => method !== "HEAD" && method !== "OPTIONS");
}

// A query parameter a route does not take is refused by name (400), not ignored: `?teir=gold`
// answered every customer, and `?skip_invalid=true` imported a file that then failed whole.

describe("query parameters the API does not take", () => {
  it("GET /api/v1/customers refuses a misspelt filter by name, and still reads blank known ones as no filter", async () => {
    const ctx = await makeStore("strictq");
    const call = await apiClient(ctx);
    const misspelt = await call(listCustomers, { path: "/api/v1/customers?teir=gold&limit=10" });
    expect(apiRefusal(misspelt)).toEqual({ status: 400, code: "invalid_request", paths: ["teir"] });
    expect(misspelt.body.error.message).toMatch(/^Unknown query parameter "teir"; this route takes tier, highValue, .*cursor/);

    const two = await call(listCustomers, { path: "/api/v1/customers?teir=gold&sortBy=score&teir=silver" });
    expect(apiRefusal(two)).toEqual({ status: 400, code: "invalid_request", paths: ["teir", "sortBy"] });

    expect(await call(listCustomers, { path: "/api/v1/customers?tier=&q=&limit=10" })).toMatchObject({ status: 200, body: { customers: [] } });
    // A value it cannot read is still the same 400, at its parameter; one it reads but does not
    // allow (more rows than a page holds) is a rule broken, 422, as in a body.
    expect(apiRefusal(await call(listCustomers, { path: "/api/v1/customers?limit=ten" }))).toEqual({ status: 400, code: "invalid_request", paths: ["limit"] });
    expect(apiRefusal(await call(listCustomers, { path: "/api/v1/customers?limit=501" }))).toEqual({ status: 422, code: "invalid", paths: ["limit"] });
  });

  // z.coerce.number() read a number as JavaScript's Number() does: `limit=%20` was 0 (a 422 "too
  // small" for a space), `limit=0x10` 16 rows, `limit=1e2` 100 and `limit=1e400` "received Infinity".
  it("reads every number of a query in decimal digits alone, naming the parameter and what it allows", async () => {
    const ctx = await makeStore("strictq");
    const call = await apiClient(ctx);
    for (const limit of ["%20", "0x10", "1e2", "1e400", "%2B5", "5.0", "-1"]) {
      const refused = await call(listCustomers, { path: `/api/v1/customers?limit=${limit}` });
      expect(apiRefusal(refused), limit).toEqual({ status: 400, code: "invalid_request", paths: ["limit"] });
      expect(refused.body.error.message, limit).toBe(
        "The request's query does not match what this route takes: limit: must be a whole number from 1 to 500, written in decimal digits",
      );
      expect(apiRefusal(await call(listProducts, { path: `/api/v1/products?limit=${limit}` })), limit).toEqual({ status: 400, code: "invalid_request", paths: ["limit"] });
    }
    // Digits past the range, however many, break the rule (422), still named with what it allows.
    for (const limit of ["0", "501", "99999999999999999999999"]) {
      const refused = await call(listProducts, { path: `/api/v1/products?limit=${limit}` });
      expect(apiRefusal(refused), limit).toEqual({ status: 422, code: "invalid", paths: ["limit"] });
      expect(refused.body.error.message).toBe("The request's query breaks a rule of this route: limit: must be a whole number from 1 to 500");
    }
    const band = await call(listCustomers, { path: "/api/v1/customers?minScore=0x10" });
    expect(apiRefusal(band)).toEqual({ status: 400, code: "invalid_request", paths: ["minScore"] });
    expect(band.body.error.message).toContain("minScore: must be a number from 0 to 100, written in decimal digits");
    expect(await call(listCustomers, { path: "/api/v1/customers?limit=007&minScore=12.5&maxScore=100" })).toMatchObject({ status: 200, body: { customers: [] } });
    expect(await call(listProducts, { path: "/api/v1/products?limit=500" })).toMatchObject({ status: 200, body: { products: [] } });
  });

  it("GET /api/v1/products/{id}/price refuses an unknown parameter by name", async () => {
    const ctx = await makeStore("strictq");
    const product = await makeProduct(ctx, 10_000);
    const call = await apiClient(ctx);
    const at = (query: string) => call(getPrice, { path: `/api/v1/products/${product.externalId}/price?${query}`, params: { externalId: product.externalId } });
    const refused = await at("customerId=C1");
    expect(apiRefusal(refused)).toEqual({ status: 400, code: "invalid_request", paths: ["customerId"] });
    expect(refused.body.error.message).toBe('Unknown query parameter "customerId"; this route takes customer, at.');
    expect(await at("at=2030-01-01T00:00:00Z")).toMatchObject({ status: 200, body: { price: 10_000, source: "regular" } });
    // PRODUCT.md §8 writes the route `…/price?customer=`: left blank, as a template sends it for
    // no customer, it is the price without one (it was a 422 "too small"), as on the customers list.
    expect(await at("customer=&at=")).toMatchObject({ status: 200, body: { price: 10_000, source: "regular", customer: null } });
    // A time without its zone is malformed (400); one past the years the store takes breaks a rule (422).
    expect(apiRefusal(await at("at=2030-01-01T00:00:00"))).toEqual({ status: 400, code: "invalid_request", paths: ["at"] });
    const farAhead = await at("at=9999-01-01T00:00:00Z");
    expect(apiRefusal(farAhead)).toEqual({ status: 422, code: "invalid", paths: ["at"] });
    expect(farAhead.body.error.message).toBe("The request's query breaks a rule of this route: at: must be in the years 2000 to 2099");
  });

  it("POST /api/v1/imports refuses an unknown parameter by name before it takes the file", async () => {
    const ctx = await makeStore("strictq");
    const call = await apiClient(ctx);
    const refused = await call(postImport, { path: "/api/v1/imports?kind=orders&skip_invalid=true", body: "orderExternalId\n" });
    expect(apiRefusal(refused)).toEqual({ status: 400, code: "invalid_request", paths: ["skip_invalid"] });
    expect(refused.body.error.message).toContain("this route takes kind, format, skipInvalid, fileName");
    const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from imports where store_id = ${ctx.store.id}`);
    expect(rows[0]!.n).toBe(0);
  });

  it("refuses a parameter given twice by name, instead of reading one of its values", async () => {
    const ctx = await makeStore("strictq");
    const call = await apiClient(ctx);
    const twice = await call(listCustomers, { path: "/api/v1/customers?tier=gold&limit=10&tier=silver" });
    expect(apiRefusal(twice)).toEqual({ status: 400, code: "invalid_request", paths: ["tier"] });
    expect(twice.body.error.message).toBe('Each query parameter is taken once; "tier" is given 2 times.');
    const kinds = await call(postImport, { path: "/api/v1/imports?kind=orders&kind=returns", body: "orderExternalId\n" });
    expect(apiRefusal(kinds)).toEqual({ status: 400, code: "invalid_request", paths: ["kind"] });
    const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from imports where store_id = ${ctx.store.id}`);
    expect(rows[0]!.n).toBe(0);
  });

  const served = Object.keys(routes).filter((file) => !file.includes("[[...path]]"));

  it("finds the API's routes", () => {
    expect(served.length).toBeGreaterThanOrEqual(18);
    for (const file of TAKE_A_QUERY) expect(served).toContain(file);
  });

  // Whatever the route's path parameters and body: the query is refused before either is looked at.
  it.each(served.map((file) => [file.replace("./", "app/api/v1/"), file]))("%s refuses a query parameter it does not take, on every method it serves", async (_, file) => {
    const ctx = await makeStore("strictq");
    const call = await apiClient(ctx);
    const route = await routes[file]!();
    const methods = await servedMethods(route);
    expect(methods.length).toBeGreaterThan(0);
    for (const method of methods) {
      const refused = await call(route[method] as Handler, { method, path: "/api/v1/x?verbose=1", params: { externalId: "P1", id: "1" } });
      expect(apiRefusal(refused), `${method} ${file}`).toEqual({ status: 400, code: "invalid_request", paths: ["verbose"] });
      if (!TAKE_A_QUERY.includes(file)) expect(refused.body.error.message).toBe('Unknown query parameter "verbose"; this route takes no query parameters.');
    }
  });

  it("a write sent with a parameter it does not take changes nothing", async () => {
    const ctx = await makeStore("strictq");
    const call = await apiClient(ctx);
    const products = { products: [{ externalId: "P-dry", name: "Dry run", price: 1000 }] };
    expect(apiRefusal(await call(postProducts, { path: "/api/v1/products?dryRun=true", body: products }))).toEqual({
      status: 400,
      code: "invalid_request",
      paths: ["dryRun"],
    });
    const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from products where store_id = ${ctx.store.id}`);
    expect(rows[0]!.n).toBe(0);

    const before = await call(getRules, { path: "/api/v1/scoring-rules" });
    const put = await call(putRules, { method: "PUT", path: "/api/v1/scoring-rules?recompute=false", body: { hysteresis: 2 } });
    expect(apiRefusal(put)).toEqual({ status: 400, code: "invalid_request", paths: ["recompute"] });
    expect(await call(getRules, { path: "/api/v1/scoring-rules" })).toEqual(before);
    expect(before.body.hysteresis).toBe(5);
  });
});
