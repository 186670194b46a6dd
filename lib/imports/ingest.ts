import { sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Tx } from "@/db";
import { retryOnDeadlock } from "@/db/retry";
import { AppError } from "@/lib/errors";
import { settleEndedFlashSales } from "@/lib/flash-sales/settle";
import { minorUnitDigits } from "@/lib/money";
import { memberPricesLeftOut } from "@/lib/pricing/member-prices-left-out";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import { mergeStaged, StagedRowsRejected } from "./merge";
import { recomputeAfterWrite } from "./recompute-after-write";
import type { ordersBody, productsBody, returnsBody, reviewsBody, sharesBody } from "./records";
import { clearStaged, stageRows, type StagedRow } from "./stage";

// API upserts (POST /api/v1/orders, /returns, /reviews, /shares): the request's records are
// staged and merged by the same code as a CSV import, in one transaction, so a request lands
// whole or not at all; the scores are recomputed after it.

/** Said in the answer when the request's records were saved but the recompute after it failed. */
export const NOT_RECOMPUTED_WARNING = "The records were saved, but the scores could not be recomputed; POST /api/v1/scores/recompute to try again.";

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  customersCreated: number;
  /** Customers the batch renamed (an order naming its customer otherwise). */
  customersUpdated: number;
  productsCreated: number;
  /**
   * Only when something after the save went wrong (see NOT_RECOMPUTED_WARNING), or, for products,
   * when new prices leave member prices outside them (no longer used).
   */
  warnings?: string[];
}

type Kind = "orders" | "returns" | "reviews" | "shares";

async function ingest(ctx: StoreContext, kind: Kind, rows: StagedRow[], recordOfRow: (rowNo: number) => number, total: number) {
  assertRole(ctx, "owner");
  const db = getDb();
  const storeId = ctx.store.id;
  // Two batches naming the same customers in another order lock them in another order: when
  // PostgreSQL breaks the deadlock, the batch aborted runs again (it rolled back whole).
  const counts = await retryOnDeadlock(() => db.transaction(async (tx) => {
    // A staging batch id from the imports sequence: unique, though no import row is kept.
    const { rows: ids } = await tx.execute<{ id: number }>(sql`select nextval(pg_get_serial_sequence('imports', 'id'))::int as id`);
    const batchId = ids[0]!.id;
    await stageRows(tx, storeId, batchId, rows);
    try {
      const merged = await mergeStaged({ tx, storeId, importId: batchId, skipInvalid: false, sumReturnLines: false, digits: minorUnitDigits(ctx.store.currency) });
      await clearStaged(tx, storeId, batchId);
      return merged.counts;
    } catch (error) {
      if (!(error instanceof StagedRowsRejected)) throw error;
      const details = error.errors.map((e) => ({ path: `${kind}.${recordOfRow(e.row)}.${e.column ?? ""}`, message: e.message }));
      throw new AppError(
        "invalid",
        `${details.length === 1 ? "1 record was" : `${details.length} records were`} refused (the reason is given with each); nothing was saved.`,
        "errors.recordsRefused",
        { count: details.length },
        details,
      );
    }
  }));
  const recomputed = await recomputeAfterWrite(storeId, `${kind} batch`);
  const main = counts[kind] ?? { created: 0, updated: 0 };
  return {
    created: main.created,
    updated: main.updated,
    unchanged: total - main.created - main.updated,
    customersCreated: counts.customers?.created ?? 0,
    customersUpdated: counts.customers?.updated ?? 0,
    productsCreated: counts.products?.created ?? 0,
    ...(recomputed ? {} : { warnings: [NOT_RECOMPUTED_WARNING] }),
  } satisfies UpsertResult;
}

export async function upsertOrders(ctx: StoreContext, body: z.output<typeof ordersBody>): Promise<UpsertResult> {
  const duplicate = firstDuplicate(body.orders.map((o) => o.externalId));
  if (duplicate) throw duplicateError("orders", duplicate);
  const rows: StagedRow[] = [];
  const recordOf: number[] = [];
  body.orders.forEach((order, index) => {
    for (const item of order.items) {
      rows.push({
        rowNo: rows.length + 1,
        record: {
          table: "orderLines",
          values: {
            orderExternalId: order.externalId,
            customerExternalId: order.customer.externalId,
            customerName: order.customer.name || null,
            placedAt: order.placedAt,
            status: order.status,
            groupBuy: order.groupBuy ?? false,
            productExternalId: item.productExternalId,
            productName: item.productName || null,
            quantity: item.quantity,
            unitPrice: item.unitPrice,
            lineAmount: item.quantity * item.unitPrice,
          },
        },
      });
      recordOf.push(index);
    }
  });
  return ingest(ctx, "orders", rows, (rowNo) => recordOf[rowNo - 1]!, body.orders.length);
}

export async function upsertReturns(ctx: StoreContext, body: z.output<typeof returnsBody>) {
  const duplicate = firstDuplicate(body.returns.map((r) => r.externalId));
  if (duplicate) throw duplicateError("returns", duplicate);
  const rows = body.returns.map((r, index): StagedRow => ({
    rowNo: index + 1,
    record: { table: "returns", values: { ...r, orderExternalId: r.orderExternalId ?? null } },
  }));
  return ingest(ctx, "returns", rows, (rowNo) => rowNo - 1, rows.length);
}

export async function upsertReviews(ctx: StoreContext, body: z.output<typeof reviewsBody>) {
  const duplicate = firstDuplicate(body.reviews.map((r) => r.externalId));
  if (duplicate) throw duplicateError("reviews", duplicate);
  const rows = body.reviews.map((r, index): StagedRow => ({
    rowNo: index + 1,
    record: {
      table: "reviews",
      values: {
        ...r,
        orderExternalId: r.orderExternalId ?? null,
        productExternalId: r.productExternalId ?? null,
        hasPhotos: r.hasPhotos ?? false,
        likes: r.likes ?? 0,
      },
    },
  }));
  return ingest(ctx, "reviews", rows, (rowNo) => rowNo - 1, rows.length);
}

export async function upsertShares(ctx: StoreContext, body: z.output<typeof sharesBody>) {
  const duplicate = firstDuplicate(body.shares.map((s) => s.externalId));
  if (duplicate) throw duplicateError("shares", duplicate);
  const rows = body.shares.map((s, index): StagedRow => ({
    rowNo: index + 1,
    record: { table: "shares", values: { ...s, productExternalId: s.productExternalId ?? null, conversions: s.conversions ?? 0 } },
  }));
  return ingest(ctx, "shares", rows, (rowNo) => rowNo - 1, rows.length);
}

/**
 * Products: a repeat updates name and price, and floor price and stock when given. A new price
 * below the stored floor (no new floor with it) is refused: the floor is the lowest price the
 * owner sells at, never above the regular price. So are prices a flash sale not yet over would
 * fall outside (409).
 */
export async function upsertProducts(ctx: StoreContext, body: z.output<typeof productsBody>) {
  assertRole(ctx, "owner");
  const duplicate = firstDuplicate(body.products.map((p) => p.externalId));
  if (duplicate) throw duplicateError("products", duplicate);
  const p = body.products;
  const arr = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;
  // One transaction: the update reports each row's floor as it now stands (read from the row it
  // locked), and a floor above the new price rolls the whole request back.
  return retryOnDeadlock(() => getDb().transaction(async (tx) => {
    // Sales that ended on their own give their units back first: a stock sent after the end is
    // what the merchant has, and settling later would add those units onto it a second time.
    // Two batches whose settling and updates lock products in other orders may deadlock: the
    // one aborted runs again.
    await settleEndedFlashSales(tx, ctx.store.id, new Date());
    // The known products' prices before this request, locked (in one order, the ids'), for the
    // member prices its new prices leave out.
    const { rows: before } = await tx.execute<{ id: number; external_id: string; price: number; floor_price: number | null }>(sql`
      select id::int as id, external_id, price::float8 as price, floor_price::float8 as floor_price from products
      where store_id = ${ctx.store.id} and external_id = any(${arr(p.map((x) => x.externalId), "text")})
      order by id for no key update`);
    // Absent optional fields keep the stored value, which ON CONFLICT cannot tell from a given
    // one: so an update of the known products, then an insert of the new ones. A floorPrice of
    // null clears the floor, hence floor_given: null alone cannot tell it from one left out.
    const { rows } = await tx.execute<{ created: boolean; index: number; floorPrice: string | number | null }>(sql`
      with src as (
        select * from unnest(${arr(p.map((x) => x.externalId), "text")}, ${arr(p.map((x) => x.name), "text")},
                             ${arr(p.map((x) => x.price), "bigint")}, ${arr(p.map((x) => x.floorPrice ?? null), "bigint")},
                             ${arr(p.map((x) => x.stock ?? null), "int")}, ${arr(p.map((x) => x.floorPrice !== undefined), "boolean")})
                      with ordinality as u(external_id, name, price, floor_price, stock, floor_given, ord)
      ),
      updated as (
        update products p set name = src.name, price = src.price,
          floor_price = case when src.floor_given then src.floor_price else p.floor_price end, stock = coalesce(src.stock, p.stock)
        from src
        where p.store_id = ${ctx.store.id} and p.external_id = src.external_id
          and (p.name, p.price, p.floor_price, p.stock)
            is distinct from (src.name, src.price, case when src.floor_given then src.floor_price else p.floor_price end, coalesce(src.stock, p.stock))
        returning false as created, src.ord::int - 1 as "index",
          case when p.floor_price > p.price then p.floor_price::text end as "floorPrice"
      ),
      inserted as (
        insert into products (store_id, external_id, name, price, floor_price, stock)
        select ${ctx.store.id}, external_id, name, price, floor_price, coalesce(stock, 0) from src
        where not exists (select 1 from products p where p.store_id = ${ctx.store.id} and p.external_id = src.external_id)
        on conflict (store_id, external_id) do nothing
        returning true as created, 0 as "index", null::text as "floorPrice"
      )
      select created, "index", "floorPrice" from updated union all select created, "index", "floorPrice" from inserted`);
    const belowFloor = rows.filter((r) => r.floorPrice !== null).sort((a, b) => a.index - b.index);
    if (belowFloor.length > 0) {
      const details = belowFloor.map((r) => ({
        path: `products.${r.index}.price`,
        message: `is below the stored floor price of ${r.floorPrice}; send a floorPrice not above it`,
      }));
      throw new AppError(
        "invalid",
        `${details.length === 1 ? "1 product has" : `${details.length} products have`} a price below its floor price; nothing was saved.`,
        "errors.priceBelowStoredFloor",
        { count: details.length },
        details,
      );
    }
    // No flash price below the floor or above the regular price (PRODUCT.md §4; a sale's price is
    // strictly under the regular one): checked when the sale is made, and here when the product's
    // prices move under a sale not yet over. Without this, a claim went through below the new
    // floor, or above the new regular price. A statement of its own, after the update has locked
    // the products: its snapshot sees a sale committed while the update waited for the lock.
    const updatedAt = rows.filter((r) => !r.created).map((r) => r.index);
    const { rows: underSale } = updatedAt.length === 0 ? { rows: [] } : await tx.execute<{ index: number; salePrice: string }>(sql`
      select u.index, s.price::text as "salePrice"
      from unnest(${arr(updatedAt, "int")}) as u(index)
      join products p on p.store_id = ${ctx.store.id} and p.external_id = (${arr(p.map((x) => x.externalId), "text")})[u.index + 1]
      cross join lateral (
        select s.price from flash_sales s
        where s.store_id = p.store_id and s.product_id = p.id and s.cancelled_at is null and s.ends_at > now()
          and (s.price < coalesce(p.floor_price, 0) or s.price >= p.price)
        order by s.starts_at limit 1) s
      order by u.index`);
    if (underSale.length > 0) {
      const details = underSale.map((r) => ({
        path: `products.${r.index}.price`,
        message: `would leave its flash sale's price of ${r.salePrice} outside the floor and regular prices; end or cancel the sale first`,
      }));
      throw new AppError(
        "conflict",
        `${details.length === 1 ? "1 product has" : `${details.length} products have`} a flash sale whose price the new prices would leave outside them; nothing was saved. End or cancel the sale first.`,
        "errors.pricesAroundFlashSale",
        { count: details.length },
        details,
      );
    }
    const warnings = await memberPricesLeftOutWarnings(tx, ctx.store.id, p, before);
    const created = rows.filter((r) => r.created).length;
    return {
      created,
      updated: rows.length - created,
      unchanged: p.length - rows.length,
      customersCreated: 0,
      customersUpdated: 0,
      productsCreated: created,
      ...(warnings.length > 0 ? { warnings } : {}),
    } satisfies UpsertResult;
  }));
}

/**
 * A warning for each member price the request's new prices leave outside them (a regular price
 * lowered under a fixed member price, a floor raised over one): saved, but no longer used, which
 * the merchant's system would not otherwise learn.
 */
async function memberPricesLeftOutWarnings(
  tx: Tx,
  storeId: number,
  products: z.output<typeof productsBody>["products"],
  before: { id: number; external_id: string; price: number; floor_price: number | null }[],
): Promise<string[]> {
  const known = new Map(before.map((b) => [b.external_id, b]));
  const changes = products.flatMap((x, index) => {
    const b = known.get(x.externalId);
    if (!b) return [];
    const after = { price: x.price, floorPrice: x.floorPrice === undefined ? b.floor_price : x.floorPrice };
    return [{ productId: b.id, index, externalId: x.externalId, before: { price: b.price, floorPrice: b.floor_price }, after }];
  });
  const change = new Map(changes.map((c) => [c.productId, c]));
  return (await memberPricesLeftOut(tx, storeId, changes)).map((m) => {
    const c = change.get(m.productId)!;
    const limit = m.past === "regular" ? `above the new regular price of ${c.after.price}` : `below the new floor price of ${c.after.floorPrice}`;
    return `products.${c.index}: the ${m.tier} member price of ${m.price} is ${limit}, so it is no longer used; change or clear it (PUT /api/v1/products/${encodeURIComponent(c.externalId)}/member-prices).`;
  });
}

function firstDuplicate(ids: string[]): { id: string; first: number; again: number } | null {
  const seen = new Map<string, number>();
  for (const [index, id] of ids.entries()) {
    const first = seen.get(id);
    if (first !== undefined) return { id, first, again: index };
    seen.set(id, index);
  }
  return null;
}

function duplicateError(kind: string, duplicate: { id: string; first: number; again: number }) {
  return new AppError(
    "invalid",
    `${kind}.${duplicate.again}: externalId ${duplicate.id} already appears at index ${duplicate.first} of this request.`,
    "errors.duplicateRecord",
    { id: duplicate.id },
    [{ path: `${kind}.${duplicate.again}.externalId`, message: `already appears at index ${duplicate.first}` }],
  );
}
