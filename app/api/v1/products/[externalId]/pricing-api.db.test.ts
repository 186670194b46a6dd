import { describe, expect, it } from "vitest";
import { makeCustomer, makeProduct, setScoreTier } from "@/lib/pricing/pricing-test-data";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { PUT as putMemberPrices } from "./member-prices/route";
import { GET as getPrice } from "./price/route";

describe("member prices and the price lookup over the API", () => {
  it("sets member prices, refuses one below the floor naming it, and explains the price for a customer", async () => {
    const ctx = await makeStore("papi");
    const product = await makeProduct(ctx, 10000, 6000);
    const call = await apiClient(ctx);
    const params = { externalId: product.externalId };

    const refused = await call(putMemberPrices, {
      method: "PUT",
      params,
      body: { prices: [{ tier: "silver", price: 9000 }, { tier: "gold", price: 5999 }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("price_below_floor");
    expect(refused.body.error.message).toBe("The price ¥59.99 is below the floor price of ¥60.00.");
    expect(refused.body.error.details).toEqual([{ path: "prices.gold", message: refused.body.error.message, rule: "price_below_floor" }]);

    // Every refused tier at once, each with its reason and rule: not the first alone, then the next on the next try.
    const several = await call(putMemberPrices, {
      method: "PUT",
      params,
      body: { prices: [{ tier: "gold", price: 5999 }, { tier: "ordinary", price: 10001 }, { tier: "silver", price: 9000 }, { tier: "diamond", percentOff: 45 }] },
    });
    expect(several.status).toBe(422);
    expect(several.body.error.code).toBe("invalid");
    expect(several.body.error.details).toEqual([
      { path: "prices.ordinary", message: "The price ¥100.01 is above the regular price of ¥100.00.", rule: "price_above_regular" },
      { path: "prices.gold", message: "The price ¥59.99 is below the floor price of ¥60.00.", rule: "price_below_floor" },
      { path: "prices.diamond", message: "The price ¥55.00 is below the floor price of ¥60.00.", rule: "price_below_floor" },
    ]);
    expect(several.body.error.message).toMatch(/^3 member prices are refused: ordinary: .* gold: .* diamond: /);
    const sameRule = await call(putMemberPrices, { method: "PUT", params, body: { prices: [{ tier: "gold", price: 1 }, { tier: "crown", price: 2 }] } });
    expect(sameRule.body.error.code).toBe("price_below_floor");
    expect(sameRule.body.error.details.map((d: { path: string }) => d.path)).toEqual(["prices.gold", "prices.crown"]);

    const tooDeep = await call(putMemberPrices, { method: "PUT", params, body: { prices: [{ tier: "gold", percentOff: 45 }] } });
    expect(tooDeep.body.error.code).toBe("price_below_floor");
    const both = await call(putMemberPrices, { method: "PUT", params, body: { prices: [{ tier: "gold", percentOff: 10, price: 9000 }] } });
    expect(both.status).toBe(400);

    const saved = await call(putMemberPrices, {
      method: "PUT",
      params,
      body: { prices: [{ tier: "silver", price: 9000 }, { tier: "gold", percentOff: 25 }] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      productExternalId: product.externalId,
      prices: [{ tier: "silver", price: 9000 }, { tier: "gold", percentOff: 25, price: 7500 }],
    });

    const gold = await makeCustomer(ctx, "buyer-gold");
    await setScoreTier(ctx, gold.id, "gold");
    const priced = await call(getPrice, { path: `/api/v1/products/${product.externalId}/price?customer=buyer-gold`, params });
    expect(priced.status).toBe(200);
    expect(priced.body).toMatchObject({ price: 7500, source: "member", tier: "gold" });
    expect(priced.body.reasons).toContain("Best member price for tier gold: ¥75.00 (the gold price).");

    const anonymous = await call(getPrice, { path: `/api/v1/products/${product.externalId}/price`, params });
    expect(anonymous.body).toMatchObject({ price: 10000, source: "regular" });
    const unknown = await call(getPrice, { path: `/api/v1/products/${product.externalId}/price?customer=nobody`, params });
    expect(unknown.status).toBe(404);
  });

  it("keeps products to their store", async () => {
    const a = await makeStore("papi-a");
    const b = await makeStore("papi-b");
    const product = await makeProduct(a, 10000, 6000);
    const callB = await apiClient(b);
    const params = { externalId: product.externalId };
    expect((await callB(putMemberPrices, { method: "PUT", params, body: { prices: [{ tier: "gold", price: 9000 }] } })).status).toBe(404);
    expect((await callB(getPrice, { path: `/api/v1/products/${product.externalId}/price`, params })).status).toBe(404);
  });
});
