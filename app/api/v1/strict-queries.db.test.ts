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
    // A value it cannot read is still the same 400, at its parameter.
    expect(apiRefusal(await call(listCustomers, { path: "/api/v1/customers?limit=501" }))).toEqual({ status: 400, code: "invalid_request", paths: ["limit"] });
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
});
