import { and, desc, eq, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import {
  customerFlagEvents,
  customerFlags,
  orders,
  returns,
  reviews,
  shares,
  tierChanges,
  users,
} from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";

export const ACTIVITY_LIMIT = 20;

/** What a customer did and what happened to them, for the customer page: the latest of each, with totals. */
export const customerActivity = reusePlans(async function customerActivity(ctx: StoreContext, customerId: number) {
  const db = getDb();
  const mine = (table: { storeId: PgColumn; customerId: PgColumn }) =>
    and(eq(table.storeId, ctx.store.id), eq(table.customerId, customerId));
  const [orderRows, returnRows, reviewRows, shareRows, tiers, flags, flagEvents, totals] = await Promise.all([
    db
      .select({
        id: orders.id,
        externalId: orders.externalId,
        placedAt: orders.placedAt,
        status: orders.status,
        groupBuy: orders.groupBuy,
        total: orders.total,
        // Qualified by hand: drizzle writes a bare "store_id" here, which inside the subquery
        // would name the subquery's own column and drop the store from the condition.
        items: sql<number>`(select count(*)::int from order_items i where i.store_id = "orders"."store_id" and i.order_id = "orders"."id")`,
      })
      .from(orders)
      .where(mine(orders))
      .orderBy(desc(orders.placedAt))
      .limit(ACTIVITY_LIMIT),
    db
      .select({
        externalId: returns.externalId,
        type: returns.type,
        amount: returns.amount,
        requestedAt: returns.requestedAt,
        status: returns.status,
        orderExternalId: sql<string | null>`(select o.external_id from orders o where o.store_id = "returns"."store_id" and o.id = "returns"."order_id")`,
      })
      .from(returns)
      .where(mine(returns))
      .orderBy(desc(returns.requestedAt))
      .limit(ACTIVITY_LIMIT),
    db
      .select({
        externalId: reviews.externalId,
        rating: reviews.rating,
        hasPhotos: reviews.hasPhotos,
        likes: reviews.likes,
        createdAt: reviews.createdAt,
      })
      .from(reviews)
      .where(mine(reviews))
      .orderBy(desc(reviews.createdAt))
      .limit(ACTIVITY_LIMIT),
    db
      .select({ externalId: shares.externalId, sharedAt: shares.sharedAt, conversions: shares.conversions })
      .from(shares)
      .where(mine(shares))
      .orderBy(desc(shares.sharedAt))
      .limit(ACTIVITY_LIMIT),
    db
      .select({ from: tierChanges.fromTier, to: tierChanges.toTier, score: tierChanges.score, asOf: tierChanges.asOf })
      .from(tierChanges)
      .where(mine(tierChanges))
      .orderBy(desc(tierChanges.runId))
      .limit(ACTIVITY_LIMIT),
    db
      .select({ flag: customerFlags.flag, reason: customerFlags.reason, setAt: customerFlags.setAt, by: users.email, disputeId: customerFlags.disputeId })
      .from(customerFlags)
      .leftJoin(users, eq(users.id, customerFlags.setByUserId))
      .where(mine(customerFlags)),
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
      .where(mine(customerFlagEvents))
      .orderBy(desc(customerFlagEvents.id))
      .limit(ACTIVITY_LIMIT),
    // The four totals in one round trip.
    db
      .select({
        orders: sql<number>`(select count(*)::int from ${orders} where ${mine(orders)})`,
        returns: sql<number>`(select count(*)::int from ${returns} where ${mine(returns)})`,
        reviews: sql<number>`(select count(*)::int from ${reviews} where ${mine(reviews)})`,
        shares: sql<number>`(select count(*)::int from ${shares} where ${mine(shares)})`,
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
