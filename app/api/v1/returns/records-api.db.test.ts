import { sql } from "drizzle-orm";
import { snapshotStore, storeTables } from "@/tests/store-data";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { StoreContext } from "@/lib/stores/context";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { POST as postOrders } from "../orders/route";
import { POST as postReviews } from "../reviews/route";
import { POST as postShares } from "../shares/route";
import { POST as postReturns } from "./route";

// POST /api/v1/returns, /reviews and /shares: upserts by externalId in one transaction; a
// record naming an order or product the store does not have (another store's included) is
// refused with its path, and nothing of the request is saved.

type Call = Awaited<ReturnType<typeof apiClient>>;

/** A store with order O1 of customer C1 (name 王芳) for product P1. */
async function storeWithOrder(): Promise<{ ctx: StoreContext; call: Call }> {
  const ctx = await makeStore("rapi");
  const call = await apiClient(ctx);
  const { status } = await call(postOrders, {
    body: {
      orders: [{
        externalId: "O1",
        customer: { externalId: "C1", name: "王芳" },
        placedAt: "2026-05-01T10:00:00+08:00",
        status: "paid",
        items: [{ productExternalId: "P1", productName: "保温杯", quantity: 1, unitPrice: 5990 }],
      }],
    },
  });
  expect(status).toBe(200);
  return { ctx, call };
}


const ret = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId, customerExternalId: "C1", orderExternalId: "O1", type: "return_refund", amount: 5990,
  requestedAt: "2026-05-03T10:00:00+08:00", status: "requested", ...extra,
});
const review = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId, customerExternalId: "C1", orderExternalId: "O1", productExternalId: "P1", rating: 5, hasPhotos: true,
  createdAt: "2026-05-04T10:00:00+08:00", ...extra,
});
const share = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId, customerExternalId: "C1", productExternalId: "P1", sharedAt: "2026-05-05T10:00:00+08:00", conversions: 2, ...extra,
});

const kinds = [
  { kind: "returns", post: postReturns, make: ret, edit: { status: "approved" }, time: "requestedAt" },
  { kind: "reviews", post: postReviews, make: review, edit: { rating: 4 }, time: "createdAt" },
  { kind: "shares", post: postShares, make: share, edit: { conversions: 3 }, time: "sharedAt" },
] as const;

describe("POST /api/v1/returns", () => {
  it("refuses a refund of more than its order's total, naming the amounts in the store's currency", async () => {
    const { ctx, call } = await storeWithOrder();
    const before = await snapshotStore(ctx.store.id);
    const { status, body } = await call(postReturns, { body: { returns: [ret("R1", { amount: 5990 }), ret("R2", { amount: 999_999 })] } });
    expect(status).toBe(422);
    expect(body.error.details).toEqual([{ path: "returns.1.amount", message: "a refund of 9999.99 is more than order O1's total of 59.90" }]);
    expect(await snapshotStore(ctx.store.id)).toEqual(before);
  });
});

describe.each(kinds)("POST /api/v1/$kind", ({ kind, post, make, edit, time }) => {
  it("refuses a record dated more than a day ahead, naming its index and field, and saves nothing", async () => {
    const { ctx, call } = await storeWithOrder();
    const before = await snapshotStore(ctx.store.id);
    const yearAhead = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const { status, body } = await call(post, { body: { [kind]: [make("X1"), make("X2", { [time]: yearAhead })] } });
    expect(status).toBe(422);
    expect(body.error.details).toEqual([{ path: `${kind}.1.${time}`, message: `${yearAhead} is more than 24 hours after now: check its year and time zone` }]);
    expect(await snapshotStore(ctx.store.id)).toEqual(before);
  });

  it("creates, changes nothing on a repeat, counts an edited record as updated, and creates an unknown customer", async () => {
    const { ctx, call } = await storeWithOrder();
    // C9 has no order of their own: their record links none (O1 is C1's).
    const body = { [kind]: [make("X1"), make("X2", { customerExternalId: "C9", orderExternalId: undefined })] };
    expect((await call(post, { body })).body).toEqual({ created: 2, updated: 0, unchanged: 0, customersCreated: 1, customersUpdated: 0, productsCreated: 0 });
    const before = await snapshotStore(ctx.store.id);
    expect(before[kind]).toHaveLength(2);

    expect((await call(post, { body })).body).toEqual({ created: 0, updated: 0, unchanged: 2, customersCreated: 0, customersUpdated: 0, productsCreated: 0 });
    expect(await snapshotStore(ctx.store.id)).toEqual(before);

    const edited = { [kind]: [make("X1", edit), make("X2", { customerExternalId: "C9", orderExternalId: undefined })] };
    expect((await call(post, { body: edited })).body).toEqual({ created: 0, updated: 1, unchanged: 1, customersCreated: 0, customersUpdated: 0, productsCreated: 0 });
    expect((await snapshotStore(ctx.store.id))[kind]).toHaveLength(2);
  });

  it.skipIf(kind === "shares")("refuses a record of an order another customer placed, saving nothing", async () => {
    const { ctx, call } = await storeWithOrder();
    const before = await snapshotStore(ctx.store.id);
    const { status, body } = await call(post, { body: { [kind]: [make("X1"), make("X2", { customerExternalId: "C2" })] } });
    expect(status).toBe(422);
    expect(body.error.details).toEqual([{ path: `${kind}.1.orderExternalId`, message: "order O1 is customer C1's, not C2's" }]);
    expect(await snapshotStore(ctx.store.id)).toEqual(before);
  });

  it("saves nothing of a request with a record that names an unknown order or product", async () => {
    const { ctx, call } = await storeWithOrder();
    const before = await snapshotStore(ctx.store.id);
    const unknown = kind === "shares" ? { productExternalId: "P404" } : { orderExternalId: "O404" };
    const { status, body } = await call(post, { body: { [kind]: [make("X1", { customerExternalId: "NEW", orderExternalId: undefined }), make("X2"), make("X3", unknown)] } });
    expect(status).toBe(422);
    const [column, id] = Object.entries(unknown)[0]!;
    expect(body.error).toEqual({
      code: "invalid",
      message: "1 record was refused (the reason is given with each); nothing was saved.",
      details: [{ path: `${kind}.2.${column}`, message: `no ${column === "orderExternalId" ? "order" : "product"} ${id} in this store` }],
    });
    // Not even the new customer of the first record.
    expect(await snapshotStore(ctx.store.id)).toEqual(before);
  });

  it("refuses the same externalId twice in one request", async () => {
    const { call } = await storeWithOrder();
    const { status, body } = await call(post, { body: { [kind]: [make("X1"), make("X1")] } });
    expect(status).toBe(422);
    expect(body.error.details).toEqual([{ path: `${kind}.1.externalId`, message: "already appears at index 0" }]);
  });
});

describe("records naming another store's customers, orders and products", () => {
  it("refuses a return, review or share in store B that names store A's order or product, and store A does not change", async () => {
    const a = await storeWithOrder();
    const b = await makeStore("rapi");
    const callB = await apiClient(b);
    const beforeA = await snapshotStore(a.ctx.store.id);

    const refused = await callB(postReturns, { body: { returns: [ret("R1")] } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([{ path: "returns.0.orderExternalId", message: "no order O1 in this store" }]);

    const reviewed = await callB(postReviews, { body: { reviews: [review("V1")] } });
    expect(reviewed.status).toBe(422);
    expect(reviewed.body.error.details).toEqual([
      { path: "reviews.0.orderExternalId", message: "no order O1 in this store" },
      { path: "reviews.0.productExternalId", message: "no product P1 in this store" },
    ]);

    const shared = await callB(postShares, { body: { shares: [share("S1")] } });
    expect(shared.status).toBe(422);
    expect(shared.body.error.details).toEqual([{ path: "shares.0.productExternalId", message: "no product P1 in this store" }]);

    expect(await snapshotStore(b.store.id)).toEqual(Object.fromEntries(storeTables.map((t) => [t, []])));
    expect(await snapshotStore(a.ctx.store.id)).toEqual(beforeA);
  });

  it("creates store B's own customer for an external id store A also uses, leaving store A's untouched", async () => {
    const a = await storeWithOrder();
    const b = await makeStore("rapi");
    const callB = await apiClient(b);
    const beforeA = await snapshotStore(a.ctx.store.id);

    const order = await callB(postOrders, {
      body: {
        orders: [{
          externalId: "O1",
          customer: { externalId: "C1", name: "Someone else" },
          placedAt: "2026-06-01T10:00:00+08:00",
          status: "cancelled",
          items: [{ productExternalId: "P1", productName: "Other product", quantity: 5, unitPrice: 100 }],
        }],
      },
    });
    expect(order.body).toEqual({ created: 1, updated: 0, unchanged: 0, customersCreated: 1, customersUpdated: 0, productsCreated: 1 });
    const returned = await callB(postReturns, { body: { returns: [ret("R1", { amount: 100 })] } });
    expect(returned.body).toMatchObject({ created: 1 });

    const { rows } = await getDb().execute(sql`
      select s.id = ${a.ctx.store.id} as in_a, c.name from customers c join stores s on s.id = c.store_id
      where c.external_id = 'C1' and c.store_id in (${a.ctx.store.id}, ${b.store.id}) order by in_a`);
    expect(rows).toEqual([{ in_a: false, name: "Someone else" }, { in_a: true, name: "王芳" }]);
    expect(await snapshotStore(a.ctx.store.id)).toEqual(beforeA);
  });
});
