import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { cancelFlashSale, createFlashSale } from "@/lib/flash-sales/commands";
import { draft, HOUR } from "@/lib/flash-sales/test-helpers";
import { setMemberPrices } from "@/lib/pricing/member-prices";
import { GET as getProducts, POST as postProducts } from "./route";

// POST /api/v1/products: an upsert by externalId, at most 1,000 a request, all or nothing.

async function client() {
  const ctx = await makeStore("papi");
  return { ctx, call: await apiClient(ctx) };
}

async function products(storeId: number) {
  const { rows } = await getDb().execute(sql`
    select external_id, name, price::int, floor_price::int, stock from products where store_id = ${storeId} order by external_id`);
  return rows;
}

describe("POST /api/v1/products", () => {
  it("creates, repeats without change, and updates what changed (keeping fields left out)", async () => {
    const { ctx, call } = await client();
    const body = {
      products: [
        { externalId: "P1", name: "保温杯", price: 5990, floorPrice: 4990, stock: 10 },
        { externalId: "P2", name: "茶叶", price: 12000 },
      ],
    };
    expect((await call(postProducts, { body })).body).toEqual({ created: 2, updated: 0, unchanged: 0, customersCreated: 0, customersUpdated: 0, productsCreated: 2 });
    expect((await call(postProducts, { body })).body).toEqual({ created: 0, updated: 0, unchanged: 2, customersCreated: 0, customersUpdated: 0, productsCreated: 0 });

    const edited = await call(postProducts, { body: { products: [{ externalId: "P1", name: "保温杯 500ml", price: 6990 }, body.products[1]] } });
    expect(edited.body).toEqual({ created: 0, updated: 1, unchanged: 1, customersCreated: 0, customersUpdated: 0, productsCreated: 0 });
    expect(await products(ctx.store.id)).toEqual([
      { external_id: "P1", name: "保温杯 500ml", price: 6990, floor_price: 4990, stock: 10 },
      { external_id: "P2", name: "茶叶", price: 12000, floor_price: null, stock: 0 },
    ]);
  });

  it("clears a floor sent as null, under the page's rules, and keeps one left out", async () => {
    const { ctx, call } = await client();
    await call(postProducts, { body: { products: [{ externalId: "P1", name: "a", price: 1000, floorPrice: 800 }, { externalId: "P2", name: "b", price: 500, floorPrice: 400 }] } });

    const cleared = await call(postProducts, { body: { products: [{ externalId: "P1", name: "a", price: 1000, floorPrice: null }, { externalId: "P2", name: "b", price: 500 }] } });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    // Cleared, the floor no longer holds a lower price back; a new product may come without one.
    const lower = await call(postProducts, { body: { products: [{ externalId: "P1", name: "a", price: 300 }, { externalId: "P3", name: "c", price: 90, floorPrice: null }] } });
    expect(lower.status).toBe(200);
    expect(await products(ctx.store.id)).toEqual([
      { external_id: "P1", name: "a", price: 300, floor_price: null, stock: 0 },
      { external_id: "P2", name: "b", price: 500, floor_price: 400, stock: 0 },
      { external_id: "P3", name: "c", price: 90, floor_price: null, stock: 0 },
    ]);
    // A null floor twice is no change.
    expect((await call(postProducts, { body: { products: [{ externalId: "P1", name: "a", price: 300, floorPrice: null }] } })).body).toMatchObject({ unchanged: 1 });
  });

  it("warns of the member prices that new prices leave outside them, once, saving the prices", async () => {
    const { ctx, call } = await client();
    await call(postProducts, { body: { products: [{ externalId: "P1", name: "a", price: 1000, floorPrice: 500 }, { externalId: "P 2", name: "b", price: 2000 }] } });
    await setMemberPrices(ctx, { externalId: "P1" }, [{ tier: "silver", price: 900 }, { tier: "gold", price: 950 }, { tier: "diamond", percentOff: 10 }]);
    await setMemberPrices(ctx, { externalId: "P 2" }, [{ tier: "silver", price: 1500 }]);

    // A percent off follows the regular price down; the fixed prices above it, or under a raised floor, drop out.
    const lowered = await call(postProducts, { body: { products: [{ externalId: "P1", name: "a", price: 920 }, { externalId: "P 2", name: "b", price: 2000, floorPrice: 1600 }] } });
    expect(lowered.status).toBe(200);
    expect(lowered.body).toEqual({
      created: 0,
      updated: 2,
      unchanged: 0,
      customersCreated: 0,
      customersUpdated: 0,
      productsCreated: 0,
      warnings: [
        "products.0: the gold member price of 950 is above the new regular price of 920, so it is no longer used; change or clear it (PUT /api/v1/products/P1/member-prices).",
        "products.1: the silver member price of 1500 is below the new floor price of 1600, so it is no longer used; change or clear it (PUT /api/v1/products/P%202/member-prices).",
      ],
    });
    expect((await products(ctx.store.id)).map((r) => r.price)).toEqual([2000, 920]);
    // Already out, it is not news: no warnings key at all.
    const again = await call(postProducts, { body: { products: [{ externalId: "P1", name: "a", price: 910 }] } });
    expect(again.body).toEqual({ created: 0, updated: 1, unchanged: 0, customersCreated: 0, customersUpdated: 0, productsCreated: 0 });
  });

  it("takes 1,000 products and refuses 1,001 as too large (413)", async () => {
    const { ctx, call } = await client();
    const list = Array.from({ length: 1001 }, (_, i) => ({ externalId: `P${i}`, name: `商品 ${i}`, price: 100 + i }));
    const tooMany = await call(postProducts, { body: { products: list } });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error).toMatchObject({ code: "too_large", details: [{ path: "products", message: expect.any(String) }] });
    const ok = await call(postProducts, { body: { products: list.slice(0, 1000) } });
    expect(ok.body).toMatchObject({ created: 1000, unchanged: 0 });
    expect(await products(ctx.store.id)).toHaveLength(1000);
  });

  it("refuses a key beside the batch instead of ignoring it, and stores nothing", async () => {
    const { ctx, call } = await client();
    const refused = await call(postProducts, { body: { products: [{ externalId: "P1", name: "茶叶", price: 100 }], skipInvalid: true } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "invalid_request", details: [{ path: "", message: expect.stringContaining("skipInvalid") }] });
    expect(await products(ctx.store.id)).toEqual([]);
  });

  it("saves nothing of a request with one bad product", async () => {
    const { ctx, call } = await client();
    const floorAbovePrice = await call(postProducts, {
      body: { products: [{ externalId: "P1", name: "a", price: 100 }, { externalId: "P2", name: "b", price: 100, floorPrice: 200 }] },
    });
    // Fields that do not agree: a rule broken (422), as the duplicate below is.
    expect(floorAbovePrice.status).toBe(422);
    expect(floorAbovePrice.body.error.details).toEqual([{ path: "products.1.floorPrice", message: "floorPrice must not be above price" }]);
    const twice = await call(postProducts, {
      body: { products: [{ externalId: "P1", name: "a", price: 100 }, { externalId: "P1", name: "b", price: 100 }] },
    });
    expect(twice.status).toBe(422);
    expect(twice.body.error.details).toEqual([{ path: "products.1.externalId", message: "already appears at index 0" }]);
    expect(await products(ctx.store.id)).toEqual([]);
  });

  it("refuses a new price below the stored floor price when no floor comes with it, saving nothing", async () => {
    const { ctx, call } = await client();
    const setup = { products: [{ externalId: "P1", name: "a", price: 1000, floorPrice: 800 }, { externalId: "P2", name: "b", price: 300 }] };
    await call(postProducts, { body: setup });
    const before = await products(ctx.store.id);

    const refused = await call(postProducts, {
      body: {
        products: [
          { externalId: "P2", name: "b", price: 400 },
          { externalId: "P3", name: "c", price: 50 },
          { externalId: "P1", name: "a", price: 500 },
        ],
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toEqual({
      code: "invalid",
      message: "1 product has a price below its floor price; nothing was saved.",
      details: [{ path: "products.2.price", message: "is below the stored floor price of 800; send a floorPrice not above it" }],
    });
    expect(await products(ctx.store.id)).toEqual(before);

    // With a new floor, or a price still at or above the floor, it is saved.
    const lowered = await call(postProducts, {
      body: { products: [{ externalId: "P1", name: "a", price: 500, floorPrice: 450 }, { externalId: "P2", name: "b", price: 400 }] },
    });
    expect(lowered.status).toBe(200);
    expect((await call(postProducts, { body: { products: [{ externalId: "P1", name: "a", price: 450 }] } })).status).toBe(200);
    expect(await products(ctx.store.id)).toEqual([
      { external_id: "P1", name: "a", price: 450, floor_price: 450, stock: 0 },
      { external_id: "P2", name: "b", price: 400, floor_price: null, stock: 0 },
    ]);
  });

  it("refuses prices that would leave a flash sale not yet over outside the floor and the regular price", async () => {
    const { ctx, call } = await client();
    await call(postProducts, { body: { products: [{ externalId: "P1", name: "a", price: 10000, floorPrice: 6000, stock: 100 }] } });
    const [{ id }] = (await getDb().execute<{ id: number }>(sql`select id::int from products where store_id = ${ctx.store.id}`)).rows as [{ id: number }];
    const sale = await createFlashSale(ctx, id, draft(new Date(Date.now() + HOUR), { price: 6500 }));
    const before = await products(ctx.store.id);

    // A sale's price is strictly under the regular price: 6500 as the regular price is refused too.
    for (const change of [{ floorPrice: 7000, price: 10000 }, { price: 6400 }, { price: 6500 }]) {
      const refused = await call(postProducts, { body: { products: [{ externalId: "P1", name: "a", ...change }] } });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: "conflict",
        details: [{ path: "products.0.price", message: "would leave its flash sale's price of 6500 outside the floor and regular prices; end or cancel the sale first" }],
      });
    }
    expect(await products(ctx.store.id)).toEqual(before);

    // Once the sale is cancelled, the prices move.
    await cancelFlashSale(ctx, sale.id);
    expect((await call(postProducts, { body: { products: [{ externalId: "P1", name: "a", price: 10000, floorPrice: 7000 }] } })).status).toBe(200);
  });
});

describe("GET /api/v1/products", () => {
  it("reads the products back by external id, a page at a time by cursor, with their member prices", async () => {
    const { ctx, call } = await client();
    const other = await client();
    await other.call(postProducts, { body: { products: [{ externalId: "A0", name: "另一家的杯子", price: 100 }] } });
    const list = Array.from({ length: 5 }, (_, i) => ({ externalId: `P${i}`, name: i % 2 ? `保温杯 ${i}` : `茶叶 ${i}`, price: 1000 + i, stock: i }));
    await call(postProducts, { body: { products: list } });
    await call(postProducts, { body: { products: [{ externalId: "P0", name: "茶叶 0", price: 1000, floorPrice: 800 }] } });
    await setMemberPrices(ctx, { externalId: "P0" }, [{ tier: "silver", price: 950 }, { tier: "gold", percentOff: 10 }]);
    // Its regular price lowered since: the silver price stays stored, not used.
    await call(postProducts, { body: { products: [{ externalId: "P0", name: "茶叶 0", price: 940 }] } });

    const first = await call(getProducts, { path: "/api/v1/products?limit=2" });
    expect(first.status).toBe(200);
    expect(first.body.products).toEqual([
      {
        externalId: "P0",
        name: "茶叶 0",
        price: 940,
        floorPrice: 800,
        stock: 0,
        memberPrices: [
          { tier: "silver", price: 950, used: false },
          { tier: "gold", percentOff: 10, price: 846, used: true },
        ],
      },
      { externalId: "P1", name: "保温杯 1", price: 1001, floorPrice: null, stock: 1, memberPrices: [] },
    ]);
    const seen = [...first.body.products];
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const next = await call(getProducts, { path: `/api/v1/products?limit=2&cursor=${cursor}` });
      seen.push(...next.body.products);
      cursor = next.body.nextCursor;
    }
    expect(seen.map((p) => p.externalId)).toEqual(["P0", "P1", "P2", "P3", "P4"]);

    const found = await call(getProducts, { path: `/api/v1/products?q=${encodeURIComponent("保温杯")}` });
    expect(found.body).toEqual({ products: [expect.objectContaining({ externalId: "P1" }), expect.objectContaining({ externalId: "P3" })], nextCursor: null });
    expect((await call(getProducts, { path: "/api/v1/products?q=p4" })).body.products.map((p: { externalId: string }) => p.externalId)).toEqual(["P4"]);
  });

  it("pages through products whose ids are as long as ids may be, in Chinese", async () => {
    const { call } = await client();
    const ids = ["甲", "乙", "丙"].map((c) => c.repeat(200));
    expect((await call(postProducts, { body: { products: ids.map((externalId) => ({ externalId, name: "杯", price: 100 })) } })).status).toBe(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await call(getProducts, { path: `/api/v1/products?limit=1${cursor ? `&cursor=${cursor}` : ""}` });
      expect(page.status).toBe(200);
      seen.push(...page.body.products.map((p: { externalId: string }) => p.externalId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it("refuses a cursor it did not give out and a limit past 500, as the customers list does", async () => {
    const { call } = await client();
    const forged = await call(getProducts, { path: "/api/v1/products?cursor=bm90LWEtY3Vyc29y" });
    expect(forged.status).toBe(400);
    expect(forged.body.error).toMatchObject({ code: "invalid_request", message: "The cursor is not one this list gave out." });
    // Well formed but holding what no product's id holds: a NUL reached the database (500).
    for (const text of ["P\u0000", "x".repeat(201), "P\u202E"]) {
      const cursor = Buffer.from(JSON.stringify([text, 1])).toString("base64url");
      const refused = await call(getProducts, { path: `/api/v1/products?cursor=${cursor}` });
      expect(refused).toMatchObject({ status: 400, body: { error: { code: "invalid_request", message: "The cursor is not one this list gave out." } } });
    }
    expect((await call(getProducts, { path: "/api/v1/products?limit=501" })).status).toBe(422);
    expect((await call(getProducts, { path: "/api/v1/products?sort=name" })).status).toBe(400);
  });
});
