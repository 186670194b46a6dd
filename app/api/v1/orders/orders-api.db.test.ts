import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { apiRefusal } from "@/tests/refusal";
import { POST as postProducts } from "../products/route";
import { POST as postOrders } from "./route";

// POST /api/v1/orders (PRODUCT.md §8): an upsert by externalId, at most 1,000 orders a request,
// one transaction; unknown customers and products are created from the order.

async function client() {
  const ctx = await makeStore("oapi");
  return { ctx, call: await apiClient(ctx) };
}

function order(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    customer: { externalId: "C1", name: "王芳" },
    placedAt: "2026-05-01T10:00:00+08:00",
    status: "paid",
    items: [{ productExternalId: "P1", productName: "保温杯", quantity: 2, unitPrice: 5990 }],
    ...overrides,
  };
}

async function rowsOf(storeId: number, query: ReturnType<typeof sql>) {
  return (await getDb().execute(query)).rows;
}

async function tableCounts(storeId: number) {
  const [row] = await rowsOf(storeId, sql`
    select (select count(*)::int from customers where store_id = ${storeId}) as customers,
           (select count(*)::int from products where store_id = ${storeId}) as products,
           (select count(*)::int from orders where store_id = ${storeId}) as orders,
           (select count(*)::int from order_items where store_id = ${storeId}) as items`);
  return row;
}

describe("POST /api/v1/orders", () => {
  it("creates orders, with their unknown customer and products made from the order", async () => {
    const { ctx, call } = await client();
    const { status, body } = await call(postOrders, {
      body: {
        orders: [
          order("O1", { groupBuy: true }),
          order("O2", {
            customer: { externalId: "C2" },
            items: [
              { productExternalId: "P1", productName: "另一个名字", quantity: 1, unitPrice: 4990 },
              { productExternalId: "P2", quantity: 3, unitPrice: 1200 },
            ],
          }),
        ],
      },
    });
    expect(status).toBe(200);
    expect(body).toEqual({ created: 2, updated: 0, unchanged: 0, customersCreated: 2, customersUpdated: 0, productsCreated: 2 });

    const orders = await rowsOf(ctx.store.id, sql`
      select o.external_id, c.external_id as customer, c.name, o.total, o.group_buy, o.status
      from orders o join customers c on c.store_id = o.store_id and c.id = o.customer_id
      where o.store_id = ${ctx.store.id} order by o.external_id`);
    expect(orders.map((o) => ({ ...o, total: Number(o.total) }))).toEqual([
      { external_id: "O1", customer: "C1", name: "王芳", total: 11980, group_buy: true, status: "paid" },
      { external_id: "O2", customer: "C2", name: "", total: 8590, group_buy: false, status: "paid" },
    ]);
    // A product is made from the first line naming it: name from productName (else its id), price from unitPrice.
    const products = await rowsOf(ctx.store.id, sql`
      select external_id, name, price::int, stock from products where store_id = ${ctx.store.id} order by external_id`);
    expect(products).toEqual([
      { external_id: "P1", name: "保温杯", price: 5990, stock: 0 },
      { external_id: "P2", name: "P2", price: 1200, stock: 0 },
    ]);
  });

  it("is idempotent by externalId: a repeat changes nothing, an edited order is updated", async () => {
    const { ctx, call } = await client();
    const body = { orders: [order("O1"), order("O2", { status: "cancelled" }), order("O3")] };
    expect((await call(postOrders, { body })).body).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const before = await tableCounts(ctx.store.id);

    const repeat = await call(postOrders, { body });
    expect(repeat.body).toEqual({ created: 0, updated: 0, unchanged: 3, customersCreated: 0, customersUpdated: 0, productsCreated: 0 });
    expect(await tableCounts(ctx.store.id)).toEqual(before);
    expect(before).toEqual({ customers: 1, products: 1, orders: 3, items: 3 });

    const edited = { orders: [order("O1"), order("O2", { status: "paid" }), order("O3"), order("O4")] };
    expect((await call(postOrders, { body: edited })).body).toEqual({ created: 1, updated: 1, unchanged: 2, customersCreated: 0, customersUpdated: 0, productsCreated: 0 });
    const [o2] = await rowsOf(ctx.store.id, sql`select status from orders where store_id = ${ctx.store.id} and external_id = 'O2'`);
    expect(o2!.status).toBe("paid");

    // Other items at the same total: the header is unchanged, the order is not.
    const items = [{ productExternalId: "P2", productName: "茶叶", quantity: 1, unitPrice: 11980 }];
    const swapped = { orders: [order("O1", { items }), order("O2", { status: "paid" }), order("O3"), order("O4")] };
    expect((await call(postOrders, { body: swapped })).body).toEqual({ created: 0, updated: 1, unchanged: 3, customersCreated: 0, customersUpdated: 0, productsCreated: 1 });
    const o1 = await rowsOf(ctx.store.id, sql`
      select p.external_id, i.quantity, o.total::int as total from order_items i
      join orders o on o.store_id = i.store_id and o.id = i.order_id join products p on p.store_id = i.store_id and p.id = i.product_id
      where i.store_id = ${ctx.store.id} and o.external_id = 'O1'`);
    expect(o1).toEqual([{ external_id: "P2", quantity: 1, total: 11980 }]);
  });

  it("says when a repeated order renamed its customer, though the order itself is unchanged", async () => {
    const { ctx, call } = await client();
    await call(postOrders, { body: { orders: [order("O1")] } });
    const renamed = await call(postOrders, { body: { orders: [order("O1", { customer: { externalId: "C1", name: "王芳芳" } })] } });
    expect(renamed.body).toEqual({ created: 0, updated: 0, unchanged: 1, customersCreated: 0, customersUpdated: 1, productsCreated: 0 });
    const [customer] = await rowsOf(ctx.store.id, sql`select name from customers where store_id = ${ctx.store.id} and external_id = 'C1'`);
    expect(customer!.name).toBe("王芳芳");
    // Without a name the order keeps the one the customer has.
    const nameless = await call(postOrders, { body: { orders: [order("O1", { customer: { externalId: "C1" } })] } });
    expect(nameless.body).toMatchObject({ unchanged: 1, customersUpdated: 0 });
  });

  it("keeps each customer's first and last paid order right when an order moves or stops being paid", async () => {
    const { ctx, call } = await client();
    const times = async () =>
      Object.fromEntries(
        (
          await rowsOf(ctx.store.id, sql`
            select external_id, first_order_at, last_order_at from customers where store_id = ${ctx.store.id} order by external_id`)
        ).map((r) => [
          r.external_id,
          [r.first_order_at, r.last_order_at].map((t) => (t === null ? null : new Date(t as string).toISOString())),
        ]),
      );
    const early = "2026-05-01T02:00:00.000Z";
    const late = "2026-05-03T02:00:00.000Z";
    await call(postOrders, { body: { orders: [order("O1", { placedAt: early }), order("O2", { placedAt: late })] } });
    expect(await times()).toEqual({ C1: [early, late] });
    // O2 moves to C2: C1's last order is O1 now, although this batch does not name C1.
    await call(postOrders, { body: { orders: [order("O2", { placedAt: late, customer: { externalId: "C2" } })] } });
    expect(await times()).toEqual({ C1: [early, early], C2: [late, late] });
    // C2's only order is cancelled: C2 has no paid order left.
    await call(postOrders, { body: { orders: [order("O2", { placedAt: late, customer: { externalId: "C2" }, status: "cancelled" })] } });
    expect(await times()).toEqual({ C1: [early, early], C2: [null, null] });
  });

  it("leaves a product the store already has as the owner set it", async () => {
    const { ctx, call } = await client();
    await call(postProducts, { body: { products: [{ externalId: "P1", name: "Owner's name", price: 9900 }] } });
    const { body } = await call(postOrders, { body: { orders: [order("O1")] } });
    expect(body.productsCreated).toBe(0);
    const [p] = await rowsOf(ctx.store.id, sql`select name, price::int from products where store_id = ${ctx.store.id}`);
    expect(p).toEqual({ name: "Owner's name", price: 9900 });
  });

  it("takes 1,000 orders in a request and refuses 1,001 as too large (413)", async () => {
    const { ctx, call } = await client();
    const orders = Array.from({ length: 1001 }, (_, i) => order(`O${i + 1}`, { customer: { externalId: `C${i % 50}` } }));
    const tooMany = await call(postOrders, { body: { orders } });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error).toMatchObject({
      code: "too_large",
      message: "A request takes at most 1000 orders; send the rest in further requests.",
      details: [{ path: "orders" }],
    });
    expect(await tableCounts(ctx.store.id)).toEqual({ customers: 0, products: 0, orders: 0, items: 0 });

    const thousand = await call(postOrders, { body: { orders: orders.slice(0, 1000) } });
    expect(thousand.status).toBe(200);
    expect(thousand.body).toEqual({ created: 1000, updated: 0, unchanged: 0, customersCreated: 50, customersUpdated: 0, productsCreated: 1 });
    expect(await tableCounts(ctx.store.id)).toEqual({ customers: 50, products: 1, orders: 1000, items: 1000 });
  });

  it("saves nothing of a request with one bad order", async () => {
    const { ctx, call } = await client();
    const badItem = await call(postOrders, {
      body: { orders: [order("O1"), order("O2", { items: [{ productExternalId: "P1", quantity: 0, unitPrice: 100 }] })] },
    });
    // Readable but not a quantity any line holds: a rule broken (422), as every bound is.
    expect(badItem.status).toBe(422);
    expect(badItem.body.error.details).toEqual([{ path: "orders.1.items.0.quantity", message: expect.any(String) }]);
    const textQuantity = await call(postOrders, {
      body: { orders: [order("O1"), order("O2", { items: [{ productExternalId: "P1", quantity: "2", unitPrice: 100 }] })] },
    });
    expect(apiRefusal(textQuantity)).toEqual({ status: 400, code: "invalid_request", paths: ["orders.1.items.0.quantity"] });
    expect(textQuantity.body.error.message).toBe("The request's body does not match what this route takes: orders.1.items.0.quantity: Invalid input: expected number, received string");

    // An amount over the one bound of money: 422, as a flash price or an amount at stake over it is.
    const overBound = await call(postOrders, {
      body: { orders: [order("O1"), order("O2", { items: [{ productExternalId: "P1", quantity: 1, unitPrice: 1e10 + 1 }] })] },
    });
    expect(apiRefusal(overBound)).toEqual({ status: 422, code: "invalid", paths: ["orders.1.items.0.unitPrice"] });

    // Each within its bounds, but a line over the cap that keeps every sum within bigint: refused, not a 500.
    const hugeLine = await call(postOrders, {
      body: { orders: [order("O1"), order("O2", { items: [{ productExternalId: "P1", quantity: 2, unitPrice: 1e10 }] })] },
    });
    expect(hugeLine.status).toBe(422);
    expect(hugeLine.body.error.details).toEqual([
      { path: "orders.1.items.0.unitPrice", message: "quantity × unitPrice must be at most 10000000000 minor units" },
    ]);

    // A time without its zone is malformed (400); one outside the years or too far ahead a rule broken (422).
    const badTime = await call(postOrders, { body: { orders: [order("O1"), order("O2", { placedAt: "2026-05-01 10:00" })] } });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.details[0].path).toBe("orders.1.placedAt");
    for (const placedAt of ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]) {
      const slip = await call(postOrders, { body: { orders: [order("O1"), order("O2", { placedAt })] } });
      expect(slip.status, placedAt).toBe(422);
      expect(slip.body.error.details).toEqual([{ path: "orders.1.placedAt", message: "must be in the years 2000 to 2099" }]);
    }

    // A year ahead (a wrong year in the export) is refused; an hour ahead (a fast clock) is not.
    const yearAhead = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const future = await call(postOrders, { body: { orders: [order("O1", { placedAt: new Date(Date.now() + 3_600_000).toISOString() }), order("O2", { placedAt: yearAhead })] } });
    expect(future.status).toBe(422);
    expect(future.body.error.details).toEqual([
      { path: "orders.1.placedAt", message: `${yearAhead} is more than 24 hours after now: check its year and time zone` },
    ]);

    const twice = await call(postOrders, { body: { orders: [order("O1"), order("O2"), order("O1")] } });
    expect(twice.status).toBe(422);
    expect(twice.body.error).toMatchObject({
      code: "invalid",
      details: [{ path: "orders.2.externalId", message: "already appears at index 0" }],
    });
    expect(await tableCounts(ctx.store.id)).toEqual({ customers: 0, products: 0, orders: 0, items: 0 });
  });

  it("refuses a request without a valid token", async () => {
    const response = await postOrders(
      new Request("http://laoke.test/api/v1/orders", { method: "POST", body: JSON.stringify({ orders: [order("O1")] }) }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(401);
  });
});
