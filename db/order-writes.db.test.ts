import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { onPostgres, within } from "@/tests/backend";
import { makeStore } from "@/tests/factories";
import { getDb } from "./index";
import { foldOrderWrites, orderWritesCount } from "./order-writes";

async function count(storeId: number): Promise<number> {
  const { rows } = await getDb().execute<{ n: string }>(sql`select ${orderWritesCount(storeId)}::text as n`);
  return Number(rows[0]!.n);
}

async function storeWithCustomer() {
  const ctx = await makeStore("writes");
  const { rows } = await getDb().execute<{ id: number }>(sql`
    insert into customers (store_id, external_id, name) values (${ctx.store.id}, 'C1', 'buyer') returning id::int as id`);
  return { storeId: ctx.store.id, customerId: rows[0]!.id };
}

const insertOrder = (storeId: number, customerId: number, externalId: string) => sql`
  insert into orders (store_id, external_id, customer_id, placed_at, status, total)
  values (${storeId}, ${externalId}, ${customerId}, now(), 'paid', 100)`;

describe("the order write count", () => {
  it("moves with every statement that writes orders, and folding keeps it", async () => {
    const { storeId, customerId } = await storeWithCustomer();
    const before = await count(storeId);
    await getDb().execute(insertOrder(storeId, customerId, "O-1"));
    await getDb().execute(sql`update orders set total = 200 where store_id = ${storeId}`);
    expect(await count(storeId)).toBe(before + 2);
    await getDb().transaction((tx) => foldOrderWrites(tx, storeId));
    expect(await count(storeId)).toBe(before + 2);
    await getDb().execute(sql`delete from orders where store_id = ${storeId}`);
    expect(await count(storeId)).toBe(before + 3);
  });

  it.skipIf(!onPostgres)("lets two writers of one store's orders go on side by side", async () => {
    const { storeId, customerId } = await storeWithCustomer();
    const before = await count(storeId);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const first = getDb().transaction(async (tx) => {
      await tx.execute(insertOrder(storeId, customerId, "A-1"));
      wrote();
      await released;
    });
    try {
      await written;
      const second = getDb().execute(insertOrder(storeId, customerId, "B-1"));
      expect(await within(second.then(() => "written"), 3000)).toBe("written");
    } finally {
      release();
      await first;
    }
    expect(await count(storeId)).toBe(before + 2);
  });
});
