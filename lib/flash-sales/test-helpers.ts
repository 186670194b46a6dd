import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { customerScores, customers, flashSales, products, type Tier } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import type { FlashSaleDraft } from "./rules";
import { soldSql } from "./stock";

// Test-only builders for flash-sale tests (imported by *.test.ts files alone).

export async function makeProduct(ctx: StoreContext, over: { price?: number; floorPrice?: number | null; stock?: number; name?: string } = {}) {
  const [row] = await getDb()
    .insert(products)
    .values({
      storeId: ctx.store.id,
      externalId: `P-${Math.random().toString(36).slice(2, 10)}`,
      name: over.name ?? "秒杀商品",
      price: over.price ?? 10_000,
      floorPrice: over.floorPrice === undefined ? 5_000 : over.floorPrice,
      stock: over.stock ?? 100,
    })
    .returning();
  return row!;
}

export async function productStock(ctx: StoreContext, productId: number): Promise<number> {
  const [row] = await getDb()
    .select({ stock: products.stock })
    .from(products)
    .where(and(eq(products.storeId, ctx.store.id), eq(products.id, productId)));
  return row!.stock;
}

/** The sale's row with its units sold (quantity − returned − what its stock slots hold). */
export async function saleRow(ctx: StoreContext, saleId: number) {
  const [row] = await getDb()
    .select({ sale: flashSales, sold: sql<number>`${soldSql()}` })
    .from(flashSales)
    .where(and(eq(flashSales.storeId, ctx.store.id), eq(flashSales.id, saleId)));
  return { ...row!.sale, sold: Number(row!.sold) };
}

/** A customer with a given tier in customer_scores (as a recompute would leave it). */
export async function makeTieredCustomer(ctx: StoreContext, externalId: string, tier: Tier, isHighValue = false) {
  const db = getDb();
  const [c] = await db.insert(customers).values({ storeId: ctx.store.id, externalId, name: externalId }).returning({ id: customers.id });
  await db.insert(customerScores).values({
    storeId: ctx.store.id,
    customerId: c!.id,
    runId: 0,
    ruleVersion: 1,
    asOf: new Date(),
    orders: 2,
    spend: 20_000,
    returns: 0,
    refunded: 0,
    netSpend: 20_000,
    reviews: 0,
    photoReviews: 0,
    positiveReviews: 0,
    shares: 0,
    isRepeat: true,
    score: { ordinary: 10, silver: 45, gold: 65, diamond: 80, crown: 95 }[tier],
    scoreTier: tier,
    tier,
    gates: [],
    isHighValue,
  });
  return c!.id;
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export function draft(startsAt: Date, over: Partial<FlashSaleDraft> = {}): FlashSaleDraft {
  return {
    price: 7_900,
    quantity: 10,
    perCustomerLimit: 1,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    earlyAccessTier: null,
    earlyAccessMinutes: null,
    ...over,
  };
}
