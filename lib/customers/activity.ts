import { and, desc, eq, sql } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import {
  customers,
  customerFlagEvents,
  customerFlags,
  orders,
  returns,
  reviews,
  shares,
  tierChanges,
  users,
} from "@/db/schema";
import { AppError } from "@/lib/errors";
import { decodeTimeKeyset, encodeCursor, keysetPage, microsecondsSql, timeKeysetRead } from "./cursor";
import type { StoreContext } from "@/lib/stores/context";

export const ACTIVITY_LIMIT = 20;
/** Rows a page of the customer's activity pages holds. */
export const ACTIVITY_PAGE_SIZE = 50;

export const activityKinds = ["orders", "returns", "reviews", "shares"] as const;
export type ActivityKind = (typeof activityKinds)[number];

export function isActivityKind(value: string): value is ActivityKind {
  return (activityKinds as readonly string[]).includes(value);
}

const mine = (ctx: StoreContext, customerId: number, table: { storeId: PgColumn; customerId: PgColumn }) =>
  and(eq(table.storeId, ctx.store.id), eq(table.customerId, customerId));

// Each kind's columns, its time (newest first) and its id, which breaks ties between rows of one
// moment so that a page boundary between them loses none and repeats none.
const sources = {
  orders: {
    table: orders,
    at: orders.placedAt,
    id: orders.id,
    columns: {
      id: orders.id,
      externalId: orders.externalId,
      placedAt: orders.placedAt,
      status: orders.status,
      groupBuy: orders.groupBuy,
      total: orders.total,
      // Qualified by hand: drizzle writes a bare "store_id" here, which inside the subquery
      // would name the subquery's own column and drop the store from the condition.
      items: sql<number>`(select count(*)::int from order_items i where i.store_id = "orders"."store_id" and i.order_id = "orders"."id")`,
    },
  },
  returns: {
    table: returns,
    at: returns.requestedAt,
    id: returns.id,
    columns: {
      id: returns.id,
      externalId: returns.externalId,
      type: returns.type,
      amount: returns.amount,
      requestedAt: returns.requestedAt,
      status: returns.status,
      orderExternalId: sql<string | null>`(select o.external_id from orders o where o.store_id = "returns"."store_id" and o.id = "returns"."order_id")`,
    },
  },
  reviews: {
    table: reviews,
    at: reviews.createdAt,
    id: reviews.id,
    columns: {
      id: reviews.id,
      externalId: reviews.externalId,
      rating: reviews.rating,
      hasPhotos: reviews.hasPhotos,
      likes: reviews.likes,
      createdAt: reviews.createdAt,
    },
  },
  shares: {
    table: shares,
    at: shares.sharedAt,
    id: shares.id,
    columns: { id: shares.id, externalId: shares.externalId, sharedAt: shares.sharedAt, conversions: shares.conversions },
  },
};

type Sources = typeof sources;
/** A row of one kind, as its columns above select it. */
export type ActivityRow<K extends ActivityKind> = SelectResultFields<Sources[K]["columns"]>;

/**
 * Rows of one kind of a customer's activity, newest first: from the start, after the row of
 * `cursor` or before the row of `before` (keyset, no OFFSET), `limit` of them and whether more
 * lie beyond in the direction read.
 */
async function activityRows<K extends ActivityKind>(
  ctx: StoreContext,
  customerId: number,
  kind: K,
  { cursor, before, limit }: { cursor?: string; before?: string; limit: number },
) {
  const source = sources[kind] as unknown as Sources["orders"];
  const backwards = before !== undefined;
  const keyset = before ?? cursor;
  const position = keyset === undefined ? undefined : decodeTimeKeyset(keyset);
  // Newest first: a page before a row is read ascending from it.
  const read = timeKeysetRead(source.at, source.id, position, backwards);
  const found = await getDb()
    .select({ ...source.columns, keysetAt: microsecondsSql(source.at) })
    .from(source.table)
    .where(and(mine(ctx, customerId, source.table), read.where))
    .orderBy(...read.orderBy)
    .limit(limit + 1);
  const { page, more } = keysetPage(found, limit, backwards);
  return { page, more, backwards, keyset };
}

export interface ActivityPage<K extends ActivityKind> {
  kind: K;
  rows: ActivityRow<K>[];
  /** All of the customer's rows of this kind. */
  total: number;
  /** Pass back as `cursor` for the next (older) page; null on the last. */
  nextCursor: string | null;
  /** Pass back as `before` for the previous (newer) page; null on the first. */
  previousCursor: string | null;
}

/**
 * One page of a customer's orders, returns, reviews or shares, newest first, by keyset: a
 * customer with hundreds of orders is read 50 at a time. The customer is looked up in this store
 * only (another store's customer id finds none: not found).
 */
export async function customerActivityPage<K extends ActivityKind>(
  ctx: StoreContext,
  customerId: number,
  kind: K,
  { cursor, before, limit = ACTIVITY_PAGE_SIZE }: { cursor?: string; before?: string; limit?: number } = {},
): Promise<ActivityPage<K>> {
  const source = sources[kind] as unknown as Sources["orders"];
  const [{ page, more, backwards, keyset }, [counted]] = await Promise.all([
    activityRows(ctx, customerId, kind, { cursor, before, limit }),
    getDb()
      .select({
        total: sql<number>`count(*)::int`,
        known: sql<boolean>`exists (select 1 from ${customers} where ${customers.storeId} = ${ctx.store.id} and ${customers.id} = ${customerId})`,
      })
      .from(source.table)
      .where(mine(ctx, customerId, source.table)),
  ]);
  if (!counted!.known) throw new AppError("not_found", "No such customer in this store.", "errors.noSuchCustomer");
  const edge = (row: { keysetAt: string; id: number }) => encodeCursor(row.keysetAt, row.id);
  const first = page[0];
  const last = page.at(-1);
  const rows = page.map(({ keysetAt: _keysetAt, ...row }) => row) as unknown as ActivityRow<K>[];
  return {
    kind,
    rows,
    total: counted!.total,
    // Backwards, the rows after this page are the ones the cursor came from; forwards, a cursor
    // means rows came before.
    nextCursor: last && (backwards || more) ? edge(last) : null,
    previousCursor: first && (backwards ? more : Boolean(keyset)) ? edge(first) : null,
  };
}

/** What a customer did and what happened to them, for the customer page: the latest of each, with totals. */
export const customerActivity = reusePlans(async function customerActivity(ctx: StoreContext, customerId: number) {
  const db = getDb();
  const latest = async <K extends ActivityKind>(kind: K) =>
    (await activityRows(ctx, customerId, kind, { limit: ACTIVITY_LIMIT })).page.map(({ keysetAt: _keysetAt, ...row }) => row) as unknown as ActivityRow<K>[];
  const [orderRows, returnRows, reviewRows, shareRows, tiers, flags, flagEvents, totals] = await Promise.all([
    latest("orders"),
    latest("returns"),
    latest("reviews"),
    latest("shares"),
    db
      .select({ from: tierChanges.fromTier, to: tierChanges.toTier, score: tierChanges.score, asOf: tierChanges.asOf })
      .from(tierChanges)
      .where(mine(ctx, customerId, tierChanges))
      .orderBy(desc(tierChanges.runId))
      .limit(ACTIVITY_LIMIT),
    db
      .select({ flag: customerFlags.flag, reason: customerFlags.reason, setAt: customerFlags.setAt, by: users.email, disputeId: customerFlags.disputeId })
      .from(customerFlags)
      .leftJoin(users, eq(users.id, customerFlags.setByUserId))
      .where(mine(ctx, customerId, customerFlags)),
    db
      .select({
        flag: customerFlagEvents.flag,
        action: customerFlagEvents.action,
        reason: customerFlagEvents.reason,
        at: customerFlagEvents.at,
        by: users.email,
        disputeId: customerFlagEvents.disputeId,
      })
      .from(customerFlagEvents)
      .leftJoin(users, eq(users.id, customerFlagEvents.byUserId))
      .where(mine(ctx, customerId, customerFlagEvents))
      .orderBy(desc(customerFlagEvents.id))
      .limit(ACTIVITY_LIMIT),
    // The four totals in one round trip.
    db
      .select({
        orders: sql<number>`(select count(*)::int from ${orders} where ${mine(ctx, customerId, orders)})`,
        returns: sql<number>`(select count(*)::int from ${returns} where ${mine(ctx, customerId, returns)})`,
        reviews: sql<number>`(select count(*)::int from ${reviews} where ${mine(ctx, customerId, reviews)})`,
        shares: sql<number>`(select count(*)::int from ${shares} where ${mine(ctx, customerId, shares)})`,
      })
      .from(sql`(select 1) as one`),
  ]);
  const { orders: ordersTotal, returns: returnsTotal, reviews: reviewsTotal, shares: sharesTotal } = totals[0]!;
  return {
    orders: { rows: orderRows, total: ordersTotal },
    returns: { rows: returnRows, total: returnsTotal },
    reviews: { rows: reviewRows, total: reviewsTotal },
    shares: { rows: shareRows, total: sharesTotal },
    tierHistory: tiers,
    flags,
    flagEvents,
  };
});
