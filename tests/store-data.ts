import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { customerFlags, customers, orders, returns, reviews, shares } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";

type ReturnStatus = (typeof returns.$inferInsert)["status"];

/** Builds a hand-made store, row by row: for tests whose every number is computed by hand. */
export function storeData(ctx: StoreContext) {
  const storeId = ctx.store.id;
  const db = getDb();
  let serial = 0;
  const next = (prefix: string) => `${prefix}${++serial}`;
  const customerIds = new Map<string, number>();

  async function customer(externalId: string, name = externalId): Promise<number> {
    const known = customerIds.get(externalId);
    if (known) return known;
    const [row] = await db.insert(customers).values({ storeId, externalId, name }).returning({ id: customers.id });
    customerIds.set(externalId, row!.id);
    return row!.id;
  }

  return {
    customer,
    async order(who: string, placedAt: string, total: number, status: "paid" | "cancelled" = "paid") {
      const [row] = await db
        .insert(orders)
        .values({ storeId, externalId: next("O"), customerId: await customer(who), placedAt: new Date(placedAt), status, total })
        .returning({ id: orders.id });
      return row!.id;
    },
    async return(who: string, requestedAt: string, amount: number, status: ReturnStatus) {
      await db.insert(returns).values({
        storeId,
        externalId: next("R"),
        customerId: await customer(who),
        type: "return_refund",
        amount,
        requestedAt: new Date(requestedAt),
        status,
      });
    },
    async review(who: string, createdAt: string, rating: number, hasPhotos = false) {
      await db
        .insert(reviews)
        .values({ storeId, externalId: next("V"), customerId: await customer(who), rating, hasPhotos, createdAt: new Date(createdAt) });
    },
    async share(who: string, sharedAt: string) {
      await db.insert(shares).values({ storeId, externalId: next("S"), customerId: await customer(who), sharedAt: new Date(sharedAt) });
    },
    async flag(who: string, flag: "confirmed_fraud" | "malicious_complaint") {
      await db.insert(customerFlags).values({ storeId, customerId: await customer(who), flag, reason: "test" });
    },
    async unflag(who: string) {
      await db.delete(customerFlags).where(and(eq(customerFlags.storeId, storeId), eq(customerFlags.customerId, await customer(who))));
    },
  };
}

export const storeTables = ["customers", "products", "orders", "order_items", "returns", "reviews", "shares"] as const;

/** Every row of the store's data tables, as JSON, in a stable order: to show that nothing changed. */
export async function snapshotStore(storeId: number): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of storeTables) {
    const { rows } = await getDb().execute(
      sql`select to_jsonb(t) as row from ${sql.raw(table)} t where store_id = ${storeId} order by to_jsonb(t)::text`,
    );
    result[table] = rows.map((r) => r.row);
  }
  return result;
}
