import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import type { Tier } from "@/db/schema";
import { assertRole, type StoreContext } from "@/lib/stores/context";

/** A customer's rep, and whether the owner should look again (no longer high-value). */
export interface CustomerRep {
  userId: number;
  name: string;
  email: string;
  assignedAt: Date;
  assignedBy: string | null;
  needsReview: boolean;
}

export const customerRep = reusePlans(async function customerRep(ctx: StoreContext, customerId: number): Promise<CustomerRep | null> {
  const { rows } = await getDb().execute<{
    user_id: number;
    name: string;
    email: string;
    assigned_at: string;
    assigned_by: string | null;
    needs_review: boolean;
  }>(sql`
    select a.user_id::float8 as user_id, u.name, u.email, a.assigned_at, b.email as assigned_by,
           not coalesce(s.is_high_value, false) as needs_review
    from rep_assignments a
    join users u on u.id = a.user_id
    left join users b on b.id = a.assigned_by_user_id
    left join customer_scores s on s.store_id = a.store_id and s.customer_id = a.customer_id
    where a.store_id = ${ctx.store.id} and a.customer_id = ${customerId}`);
  const row = rows[0];
  if (!row) return null;
  return {
    userId: Number(row.user_id),
    name: row.name,
    email: row.email,
    assignedAt: new Date(row.assigned_at),
    assignedBy: row.assigned_by,
    needsReview: row.needs_review,
  };
});

export interface StaffLoad {
  userId: number;
  name: string;
  email: string;
  customers: number;
  needsReview: number;
}

/** The store's staff with how many customers each looks after (owners: to assign and spread). */
export const staffLoads = reusePlans(async function staffLoads(ctx: StoreContext): Promise<StaffLoad[]> {
  assertRole(ctx, "owner");
  const { rows } = await getDb().execute<{ user_id: number; name: string; email: string; customers: number; needs_review: number }>(sql`
    with loads as (
      -- Counted per rep before the staff are joined: joined first, the planner took the store's
      -- few staff for few assignments and looked each assigned customer up in the high-value
      -- index one by one (28,700 lookups, 80–200 ms at 100,000 customers); so, one pass of each.
      select a.user_id, count(*)::int as customers, count(*) filter (where h.customer_id is null)::int as needs_review
      from rep_assignments a
      -- The high-value ones, from customer_scores_high_value_idx (not a scan of the scores).
      left join customer_scores h on h.store_id = a.store_id and h.customer_id = a.customer_id and h.is_high_value
      where a.store_id = ${ctx.store.id}
      group by a.user_id
    )
    select m.user_id::float8 as user_id, u.name, u.email,
           coalesce(l.customers, 0) as customers, coalesce(l.needs_review, 0) as needs_review
    from memberships m
    join users u on u.id = m.user_id
    left join loads l on l.user_id = m.user_id
    where m.store_id = ${ctx.store.id} and m.role = 'staff'
    order by u.email`);
  return rows.map((r) => ({
    userId: Number(r.user_id),
    name: r.name,
    email: r.email,
    customers: r.customers,
    needsReview: r.needs_review,
  }));
});

/**
 * The store's staff with how many customers each looks after, from the assignments alone: the
 * customer page's rep picker. staffLoads' review count reads every assigned customer's score, a
 * scan of the wide scores table (0.2–0.5 s of every owner's customer page at 20,000 assignments).
 */
export const staffCustomers = reusePlans(async function staffCustomers(ctx: StoreContext): Promise<Omit<StaffLoad, "needsReview">[]> {
  assertRole(ctx, "owner");
  const { rows } = await getDb().execute<{ user_id: number; name: string; email: string; customers: number }>(sql`
    select m.user_id::float8 as user_id, u.name, u.email, count(a.customer_id)::int as customers
    from memberships m
    join users u on u.id = m.user_id
    left join rep_assignments a on a.store_id = m.store_id and a.user_id = m.user_id
    where m.store_id = ${ctx.store.id} and m.role = 'staff'
    group by m.user_id, u.name, u.email
    order by u.email`);
  return rows.map((r) => ({ userId: Number(r.user_id), name: r.name, email: r.email, customers: r.customers }));
});

export interface ReviewCustomer {
  id: number;
  externalId: string;
  name: string;
  tier: Tier;
  score: number | null;
  gates: string[];
  rep: { userId: number; email: string };
}

/** Owners' overview: high-value customers still without a rep, and assigned customers who
 * are no longer high-value (kept with their rep, flagged here for the owner to review). */
export async function repOverview(ctx: StoreContext, options: { reviewLimit?: number } = {}) {
  assertRole(ctx, "owner");
  const storeId = ctx.store.id;
  const db = getDb();
  const [counts, review] = await Promise.all([
    // The high-value count is the latest recompute's (every change of the flag comes with one),
    // so only the assignments are read here, not every customer's score.
    db.execute<{ high_value: number; assigned: number; assigned_high_value: number }>(sql`
      select coalesce((select high_value from score_runs where store_id = ${storeId} and took_ms is not null
                       order by id desc limit 1), 0)::int as high_value,
             count(*)::int as assigned,
             count(h.customer_id)::int as assigned_high_value
      from rep_assignments a
      left join customer_scores h on h.store_id = a.store_id and h.customer_id = a.customer_id and h.is_high_value
      where a.store_id = ${storeId}`),
    db.execute<{ id: number; external_id: string; name: string; tier: Tier; score: string | null; gates: string[]; user_id: number; email: string }>(sql`
      select c.id::float8 as id, c.external_id, c.name, r.tier, r.score, r.gates, r.user_id::float8 as user_id, u.email
      from (
        select a.customer_id, a.user_id, coalesce(s.tier, 'ordinary') as tier, s.score, coalesce(s.gates, '{}') as gates
        from rep_assignments a
        left join customer_scores s on s.store_id = a.store_id and s.customer_id = a.customer_id
        -- Which assigned customers are not high-value, from the assignments and the high-value
        -- index alone (two narrow sets by customer), so that only their score rows are read:
        -- joined to every assigned customer's score, the list was a scan of the wide scores
        -- table (130–220 ms at 100,000 customers and 29,000 assignments; 30–40 ms so). As an
        -- array, the planner reads them by key; their names only for the page shown.
        where a.store_id = ${storeId} and a.customer_id = any(array(
          select v.customer_id from rep_assignments v
          where v.store_id = ${storeId} and not exists (
            select 1 from customer_scores h where h.store_id = v.store_id and h.customer_id = v.customer_id and h.is_high_value)))
        order by coalesce(s.score, -1) desc, a.customer_id
        limit ${options.reviewLimit ?? 100}
      ) r
      join customers c on c.store_id = ${storeId} and c.id = r.customer_id
      join users u on u.id = r.user_id
      order by coalesce(r.score, -1) desc, r.customer_id`),
  ]);
  const c = counts.rows[0]!;
  return {
    unassignedHighValue: c.high_value - c.assigned_high_value,
    assigned: c.assigned,
    highValue: c.high_value,
    needsReview: review.rows.map(
      (r): ReviewCustomer => ({
        id: Number(r.id),
        externalId: r.external_id,
        name: r.name,
        tier: r.tier,
        score: r.score === null ? null : Number(r.score),
        gates: r.gates,
        rep: { userId: Number(r.user_id), email: r.email },
      }),
    ),
  };
}
