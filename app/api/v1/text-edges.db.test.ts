import { describe, expect, it } from "vitest";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { GET as getCustomer } from "./customers/[externalId]/route";
import { GET as listCustomers } from "./customers/route";
import { POST as postOrders } from "./orders/route";
import { POST as postProducts } from "./products/route";

// Text at the edges, through the JSON API: characters no text may hold are refused with the
// record's index and field, lengths count characters (an emoji is one), and external ids are one
// whatever width an IME typed them in.

const forbidden = (char: string) => `must not contain ${char}, a control or bidirectional formatting character`;

const order = (externalId: string, customerExternalId: string, extra: { name?: string; productName?: string } = {}) => ({
  externalId,
  customer: { externalId: customerExternalId, ...(extra.name === undefined ? {} : { name: extra.name }) },
  placedAt: "2026-05-01T10:00:00+08:00",
  status: "paid",
  items: [{ productExternalId: "P1", quantity: 1, unitPrice: 5990, ...(extra.productName === undefined ? {} : { productName: extra.productName }) }],
});

describe("text on the API", () => {
  it("refuses a bidi override or a control character with the record's index and field, and a line break in a name", async () => {
    const call = await apiClient(await makeStore("textapi"));
    const bidi = await call(postOrders, { body: { orders: [order("O1", "C1"), order("O2", "C2", { name: "王\u202E芳" })] } });
    expect(bidi.status).toBe(400);
    expect(bidi.body.error.details).toEqual([{ path: "orders.1.customer.name", message: forbidden("U+202E") }]);
    const bell = await call(postProducts, { body: { products: [{ externalId: "P\u00071", name: "杯", price: 100 }] } });
    expect(bell.body.error.details).toEqual([{ path: "products.0.externalId", message: forbidden("U+0007") }]);
    const lines = await call(postOrders, { body: { orders: [order("O1", "C1", { productName: "保温\n杯" })] } });
    expect(lines.status).toBe(400);
    expect(lines.body.error.details).toEqual([{ path: "orders.0.items.0.productName", message: forbidden("U+000A") }]);
  });

  it("refuses half a surrogate pair (JSON's \\ud800), which was stored as U+FFFD and made two ids one", async () => {
    const call = await apiClient(await makeStore("textapi"));
    const refused = await call(postProducts, {
      body: { products: [{ externalId: "P\uD800", name: "杯", price: 100 }, { externalId: "P2", name: "\uDC00杯", price: 100 }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: "products.0.externalId", message: "must not contain U+D800, half of a UTF-16 surrogate pair without its other half" },
      { path: "products.1.name", message: "must not contain U+DC00, half of a UTF-16 surrogate pair without its other half" },
    ]);
    // An emoji, both halves, is one character like any other.
    expect((await call(postProducts, { body: { products: [{ externalId: "P😀", name: "😀", price: 100 }] } })).status).toBe(200);
  });

  it("takes a name of exactly 200 emoji and refuses 201", async () => {
    const call = await apiClient(await makeStore("textapi"));
    const at = await call(postProducts, { body: { products: [{ externalId: "P1", name: "😀".repeat(200), price: 100 }] } });
    expect(at).toMatchObject({ status: 200, body: { created: 1 } });
    const over = await call(postProducts, { body: { products: [{ externalId: "P2", name: "😀".repeat(201), price: 100 }] } });
    // A name it reads but too long for the store: a rule broken (422), not a malformed request.
    expect(over.status).toBe(422);
    expect(over.body.error.message).toBe("The request's body breaks a rule of this route: products.0.name: Too big: expected string to have <=200 characters");
    expect(over.body.error.details).toEqual([{ path: "products.0.name", message: "Too big: expected string to have <=200 characters" }]);
  });

  it("makes a full-width id typed in an IME the ERP's customer, and finds it by either", async () => {
    const call = await apiClient(await makeStore("textapi"));
    const typed = await call(postOrders, { body: { orders: [order("Ｏ１", "１７８５０", { name: "Cafe\u0301" })] } });
    expect(typed).toMatchObject({ status: 200, body: { created: 1, customersCreated: 1 } });
    const fromErp = await call(postOrders, { body: { orders: [order("O2", "17850")] } });
    expect(fromErp).toMatchObject({ status: 200, body: { created: 1, customersCreated: 0 } });
    const one = await call(getCustomer, { path: "/api/v1/customers/%EF%BC%91%EF%BC%97%EF%BC%98%EF%BC%95%EF%BC%90", params: { externalId: "１７８５０" } });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ externalId: "17850", name: "Café", orders: 2 });
    const search = await call(listCustomers, { path: `/api/v1/customers?q=${encodeURIComponent("１７８")}` });
    expect(search.body.customers.map((c: { externalId: string }) => c.externalId)).toEqual(["17850"]);
  });
});
