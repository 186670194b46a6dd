import "server-only";
import { and, desc, eq, isNotNull, lte, not, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { flashSales, products, type FlashSale, type Tier } from "@/db/schema";
import { decodeTimeKeyset, encodeCursor, keysetPage, keysetTimeSql, microsecondsSql, timeKeysetRead } from "@/lib/customers/cursor";
import { notFound } from "@/lib/errors";
import type { StoreContext } from "@/lib/stores/context";
import { earlyAccessOpensAt, flashSaleStatus, listedStatusOrder, nextStatusChangeAt, type FlashSaleStatus } from "./eligibility";
import { settleEndedFlashSales } from "./settle";
import { soldSql } from "./stock";

/** A sale as pages and the API show it. Staff and owners alike may read sales. */
export interface FlashSaleView {
  id: number;
  product: { id: number; externalId: string; name: string; regularPrice: number; floorPrice: number | null; stock: number };
  price: number;
  quantity: number;
  sold: number;
  remaining: number;
  perCustomerLimit: number;
  startsAt: Date;
  endsAt: Date;
  earlyAccess: { tier: Tier; minutes: number; opensAt: Date } | null;
  status: FlashSaleStatus;
  /** When the status next changes by the clock (start, end…), for "time left". */
  nextChangeAt: Date | null;
  cancelledAt: Date | null;
  /** Its owner ended it before its end (then `endsAt` is when; in early access, before `startsAt`). */
  endedEarly: boolean;
  settledAt: Date | null;
  returnedUnits: number | null;
  /** When its terms last changed: an edit form sends it back, so an edit made meanwhile is not undone. */
  updatedAt: Date;
}

const selection = {
  id: flashSales.id,
  price: flashSales.price,
  quantity: flashSales.quantity,
  sold: sql<number>`${soldSql()}`,
  perCustomerLimit: flashSales.perCustomerLimit,
  startsAt: flashSales.startsAt,
  // The past sales' page positions (microseconds: see microsecondsSql).
  startsAtMicros: microsecondsSql(flashSales.startsAt),
  endsAt: flashSales.endsAt,
  earlyAccessTier: flashSales.earlyAccessTier,
  earlyAccessMinutes: flashSales.earlyAccessMinutes,
  cancelledAt: flashSales.cancelledAt,
  endedEarly: flashSales.endedEarly,
  settledAt: flashSales.settledAt,
  returnedUnits: flashSales.returnedUnits,
  updatedAt: flashSales.updatedAt,
  productId: products.id,
  productExternalId: products.externalId,
  productName: products.name,
  regularPrice: products.price,
  floorPrice: products.floorPrice,
  stock: products.stock,
};

type Row = Pick<
  FlashSale,
  | "id" | "price" | "quantity" | "perCustomerLimit" | "startsAt" | "endsAt" | "earlyAccessTier"
  | "earlyAccessMinutes" | "cancelledAt" | "endedEarly" | "settledAt" | "returnedUnits" | "updatedAt"
> & { sold: number; startsAtMicros: string; productId: number; productExternalId: string; productName: string; regularPrice: number; floorPrice: number | null; stock: number };

function toView(r: Row, now: Date): FlashSaleView {
  const opensAt = earlyAccessOpensAt(r);
  return {
    id: r.id,
    product: { id: r.productId, externalId: r.productExternalId, name: r.productName, regularPrice: r.regularPrice, floorPrice: r.floorPrice, stock: r.stock },
    price: r.price,
    quantity: r.quantity,
    sold: r.sold,
    remaining: r.quantity - r.sold,
    perCustomerLimit: r.perCustomerLimit,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    earlyAccess: opensAt && r.earlyAccessTier && r.earlyAccessMinutes ? { tier: r.earlyAccessTier, minutes: r.earlyAccessMinutes, opensAt } : null,
    status: flashSaleStatus(r, now),
    nextChangeAt: nextStatusChangeAt(r, now),
    cancelledAt: r.cancelledAt,
    endedEarly: r.endedEarly,
    settledAt: r.settledAt,
    returnedUnits: r.returnedUnits,
    updatedAt: r.updatedAt,
  };
}


/** Past sales (ended or cancelled) a page of the list holds. */
export const PAST_SALES_PAGE_SIZE = 50;

export interface PastFlashSalesPage {
  /** Newest first, by start (then id). */
  sales: FlashSaleView[];
  /** Every past sale of the store. */
  total: number;
  /** The place of the page's first sale among them, from 1 (newest). */
  from: number;
  /** Pass back as `cursor` for the next (older) page; null on the last. */
  nextCursor: string | null;
  /** Pass back as `before` for the previous (newer) page; null on the first. */
  previousCursor: string | null;
}

export interface FlashSaleList {
  /** Every sale not over: open ones first, then upcoming (soonest first). */
  current: FlashSaleView[];
  past: PastFlashSalesPage;
}

export interface PastSalesPosition {
  /** After this sale's row (older). */
  cursor?: string;
  /** Before this sale's row (newer). */
  before?: string;
  limit?: number;
}

/** Over as flashSaleStatus says: cancelled, or its end reached. */
const finishedBy = (now: Date) => or(isNotNull(flashSales.cancelledAt), lte(flashSales.endsAt, now))!;

function readSales(storeId: number, which: SQL) {
  return getDb()
    .select(selection)
    .from(flashSales)
    .innerJoin(products, and(eq(products.storeId, flashSales.storeId), eq(products.id, flashSales.productId)))
    .where(and(eq(flashSales.storeId, storeId), which));
}

async function readCurrent(ctx: StoreContext, now: Date): Promise<FlashSaleView[]> {
  const rows = await readSales(ctx.store.id, not(finishedBy(now))).orderBy(desc(flashSales.startsAt), desc(flashSales.id));
  const views = rows.map((r) => toView(r, now));
  views.sort((a, b) => {
    const byStatus = listedStatusOrder.indexOf(a.status) - listedStatusOrder.indexOf(b.status);
    if (byStatus !== 0) return byStatus;
    // Upcoming sales soonest first; the rest most recent first.
    return a.status === "scheduled" ? a.startsAt.getTime() - b.startsAt.getTime() : 0;
  });
  return views;
}

/**
 * One page of the past sales, newest first by start: from the newest, after the sale of
 * `cursor` or before the sale of `before` (keyset on start and id, no OFFSET). A store with
 * hundreds of sales behind it sends 50 of them, not every one.
 */
async function readPast(ctx: StoreContext, now: Date, { cursor, before, limit = PAST_SALES_PAGE_SIZE }: PastSalesPosition): Promise<PastFlashSalesPage> {
  const backwards = before !== undefined;
  const keyset = before ?? cursor;
  const position = keyset === undefined ? undefined : decodeTimeKeyset(keyset);
  // Newest first: a page before a sale is read ascending from it.
  const read = timeKeysetRead(flashSales.startsAt, flashSales.id, position, backwards);
  // Newer: the sales listed before this page (counted for "51–100 of 300"); then the cursor's own sale is among them.
  let newer = sql<number>`0`;
  if (position) {
    const row = sql`(${flashSales.startsAt}, ${flashSales.id})`;
    const at = sql`(${keysetTimeSql(position)}, ${position[1]})`;
    newer = sql<number>`(count(*) filter (where ${row} ${backwards ? sql`>` : sql`>=`} ${at}))::int`;
  }
  const [found, [counted]] = await Promise.all([
    readSales(ctx.store.id, and(finishedBy(now), read.where)!)
      .orderBy(...read.orderBy)
      .limit(limit + 1),
    getDb()
      .select({ total: sql<number>`count(*)::int`, newer })
      .from(flashSales)
      .where(and(eq(flashSales.storeId, ctx.store.id), finishedBy(now))),
  ]);
  const { page, more } = keysetPage(found, limit, backwards);
  // Backwards the page is the oldest of the sales newer than the cursor's.
  const listedBefore = Math.max(0, Number(counted!.newer) - (backwards ? page.length : 0));
  const edge = (row: Row) => encodeCursor(row.startsAtMicros, row.id);
  const first = page[0];
  const last = page.at(-1);
  return {
    sales: page.map((r) => toView(r, now)),
    total: Number(counted!.total),
    from: listedBefore + 1,
    // Backwards, the sales after this page are the ones the cursor came from; forwards, a cursor
    // means sales came before.
    nextCursor: last && (backwards || more) ? edge(last) : null,
    previousCursor: first && (backwards ? more : Boolean(keyset)) ? edge(first) : null,
  };
}

/** Every sale of the store not over yet, as the list shows them (the dashboard counts the live ones). */
export async function currentFlashSales(ctx: StoreContext, now = new Date()): Promise<FlashSaleView[]> {
  await settleEndedFlashSales(getDb(), ctx.store.id, now);
  return readCurrent(ctx, now);
}

/** The list: every sale not over, and one page of the past ones. A cursor the list did not give out is refused (badCursor). */
export async function listFlashSales(ctx: StoreContext, now = new Date(), position: PastSalesPosition = {}): Promise<FlashSaleList> {
  await settleEndedFlashSales(getDb(), ctx.store.id, now);
  const [current, past] = await Promise.all([readCurrent(ctx, now), readPast(ctx, now, position)]);
  return { current, past };
}

export async function getFlashSale(ctx: StoreContext, saleId: number, now = new Date()): Promise<FlashSaleView> {
  if (!Number.isSafeInteger(saleId) || saleId <= 0) throw notFound("No such flash sale in this store.");
  const db = getDb();
  await settleEndedFlashSales(db, ctx.store.id, now, saleId);
  const [row] = await db
    .select(selection)
    .from(flashSales)
    .innerJoin(products, and(eq(products.storeId, flashSales.storeId), eq(products.id, flashSales.productId)))
    .where(and(eq(flashSales.storeId, ctx.store.id), eq(flashSales.id, saleId)));
  if (!row) throw notFound("No such flash sale in this store.");
  return toView(row, now);
}

/** The few numbers the sale page polls while it is open. */
export async function flashSaleCounters(ctx: StoreContext, saleId: number, now = new Date()) {
  const sale = await getFlashSale(ctx, saleId, now);
  return { sold: sale.sold, remaining: sale.remaining, quantity: sale.quantity, status: sale.status, returnedUnits: sale.returnedUnits };
}

/** The API's answer for a sale: §8's `sold`, `remaining`, `status` and the sale's terms. */
export function flashSaleApiView(sale: FlashSaleView) {
  return {
    id: sale.id,
    productExternalId: sale.product.externalId,
    productName: sale.product.name,
    regularPrice: sale.product.regularPrice,
    price: sale.price,
    quantity: sale.quantity,
    sold: sale.sold,
    remaining: sale.remaining,
    perCustomerLimit: sale.perCustomerLimit,
    startsAt: sale.startsAt.toISOString(),
    endsAt: sale.endsAt.toISOString(),
    earlyAccess: sale.earlyAccess
      ? { tier: sale.earlyAccess.tier, minutes: sale.earlyAccess.minutes, opensAt: sale.earlyAccess.opensAt.toISOString() }
      : null,
    status: sale.status,
    cancelledAt: sale.cancelledAt?.toISOString() ?? null,
    // Ended by its owner at endsAt (during early access, before startsAt).
    endedEarly: sale.endedEarly,
    returnedUnits: sale.returnedUnits,
  };
}

/**
 * Units claimed over the sale, in up to ~48 even buckets from its opening to its end (or now),
 * with the running total: aggregated in SQL, the page gets a small array.
 */
export async function claimsOverTime(ctx: StoreContext, sale: FlashSaleView, now = new Date()) {
  const from = sale.earlyAccess?.opensAt ?? sale.startsAt;
  const to = new Date(Math.max(from.getTime() + 60_000, Math.min(sale.endsAt.getTime(), now.getTime())));
  const bucketMinutes = Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 60_000 / 48));
  const { rows } = await getDb().execute<{ bucket: string; units: number; claims: number; total: number }>(sql`
    select b.bucket, b.units, b.claims, sum(b.units) over (order by b.bucket)::int as total
      from (
        select date_bin(make_interval(mins => ${bucketMinutes}), claimed_at, ${from}::timestamptz) as bucket,
               sum(quantity)::int as units, count(*)::int as claims
          from flash_sale_claims
         where store_id = ${ctx.store.id} and sale_id = ${sale.id}
         group by 1
      ) b
     order by b.bucket`);
  return {
    bucketMinutes,
    points: rows.map((r) => ({ at: new Date(r.bucket), units: Number(r.units), claims: Number(r.claims), total: Number(r.total) })),
  };
}

export interface TierBuyers {
  tier: Tier;
  buyers: number;
  units: number;
  /** Paid at the flash price, in minor units. */
  revenue: number;
}

/** Buyers by their tier when they claimed, for one sale or for every sale opening in a period. */
export async function buyersByTier(
  ctx: StoreContext,
  scope: { saleId: number } | { from: Date; to: Date },
): Promise<TierBuyers[]> {
  const filter =
    "saleId" in scope
      ? sql`c.sale_id = ${scope.saleId}`
      : sql`c.sale_id in (select id from flash_sales where store_id = ${ctx.store.id} and starts_at >= ${scope.from} and starts_at < ${scope.to})`;
  const { rows } = await getDb().execute<{ tier: Tier; buyers: number; units: number; revenue: string }>(sql`
    select c.tier, count(distinct c.customer_id)::int as buyers, sum(c.quantity)::int as units,
           sum(c.quantity * c.unit_price)::bigint as revenue
      from flash_sale_claims c
     where c.store_id = ${ctx.store.id} and ${filter}
     group by c.tier
     order by c.tier desc`);
  return rows.map((r) => ({ tier: r.tier, buyers: Number(r.buyers), units: Number(r.units), revenue: Number(r.revenue) }));
}
