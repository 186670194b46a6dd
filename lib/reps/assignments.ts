import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { holdStoreForRecompute } from "@/lib/customers/store-lock";
import { assertRole, type StoreContext } from "@/lib/stores/context";

const noSuchStaff = () => new AppError("invalid", "That person is not a staff member of this store.", "care.errors.noSuchRep");

async function staffIds(storeId: number, userIds: number[]): Promise<Set<number>> {
  const { rows } = await getDb().execute<{ user_id: number }>(sql`
    select user_id::float8 as user_id from memberships
    where store_id = ${storeId} and role = 'staff' and user_id = any(${sql.param(userIds)}::bigint[])`);
  return new Set(rows.map((r) => Number(r.user_id)));
}

/**
 * Gives a customer a dedicated rep (owners), or hands them to another rep. A first assignment
 * is for high-value customers only; a customer who already has a rep (perhaps one who has
 * since dropped out of high-value) may be handed over.
 */
export async function assignRep(ctx: StoreContext, input: { customerId: number; userId: number }) {
  assertRole(ctx, "owner");
  const storeId = ctx.store.id;
  if (!(await staffIds(storeId, [input.userId])).has(input.userId)) throw noSuchStaff();
  const { rows } = await getDb().execute<{ high_value: boolean | null; has_rep: boolean }>(sql`
    select s.is_high_value as high_value,
           exists (select 1 from rep_assignments a where a.store_id = c.store_id and a.customer_id = c.id) as has_rep
    from customers c
    left join customer_scores s on s.store_id = c.store_id and s.customer_id = c.id
    where c.store_id = ${storeId} and c.id = ${input.customerId}`);
  const customer = rows[0];
  if (!customer) throw new AppError("not_found", "No such customer in this store.", "errors.noSuchCustomer");
  if (!customer.has_rep && !customer.high_value) {
    throw new AppError("invalid", "Only high-value customers get a dedicated rep.", "care.errors.repForHighValueOnly");
  }
  await getDb().execute(sql`
    insert into rep_assignments (store_id, customer_id, user_id, assigned_by_user_id, assigned_at)
    values (${storeId}, ${input.customerId}, ${input.userId}, ${ctx.userId}, now())
    on conflict (store_id, customer_id) do update set
      user_id = excluded.user_id, assigned_by_user_id = excluded.assigned_by_user_id, assigned_at = excluded.assigned_at
      where rep_assignments.user_id <> excluded.user_id`);
}

/** Takes the rep away from a customer (owners). */
export async function unassignRep(ctx: StoreContext, customerId: number) {
  assertRole(ctx, "owner");
  const { rowCount } = await getDb().execute(sql`
    delete from rep_assignments where store_id = ${ctx.store.id} and customer_id = ${customerId}`);
  if (!rowCount) throw new AppError("not_found", "This customer has no rep.", "care.errors.noRep");
}

/**
 * Gives every high-value customer without a rep one of the chosen staff, in one step, so the
 * loads end as even as they can: customers in score order (highest first) each go to the
 * chosen rep with the fewest customers at that moment (ties to the lower user id). Done in
 * one statement: every rep offers numbered "slots" above their current load, the slots are
 * taken lowest level first, and the n-th customer gets the n-th slot. Answers how many each
 * rep received.
 */
export async function spreadReps(ctx: StoreContext, userIds: number[]): Promise<{ assigned: number; perRep: Map<number, number> }> {
  assertRole(ctx, "owner");
  const storeId = ctx.store.id;
  const chosen = [...new Set(userIds)];
  if (chosen.length === 0) throw new AppError("invalid", "Choose at least one staff member.", "care.errors.chooseReps");
  const staff = await staffIds(storeId, chosen);
  if (chosen.some((id) => !staff.has(id))) throw noSuchStaff();
  return getDb().transaction(async (tx) => {
    // One spread at a time per store (and none while a recompute rewrites the high-value flags).
    await holdStoreForRecompute(tx, storeId);
    const { rows } = await tx.execute<{ user_id: number; assigned: number }>(sql`
      with
      reps as (
        select r.user_id,
               (select count(*) from rep_assignments a where a.store_id = ${storeId} and a.user_id = r.user_id)::int as load
        from unnest(${sql.param(chosen)}::bigint[]) as r(user_id)
      ),
      todo as (
        select s.customer_id, row_number() over (order by coalesce(s.score, -1) desc, s.customer_id) as n
        from customer_scores s
        where s.store_id = ${storeId} and s.is_high_value
          and not exists (select 1 from rep_assignments a where a.store_id = ${storeId} and a.customer_id = s.customer_id)
      ),
      slots as (
        select r.user_id, row_number() over (order by r.load + g, r.user_id) as n
        from reps r cross join generate_series(1, (select count(*) from todo)::int) as g
      ),
      written as (
        insert into rep_assignments (store_id, customer_id, user_id, assigned_by_user_id, assigned_at)
        select ${storeId}, t.customer_id, sl.user_id, ${ctx.userId}, now()
        from todo t join slots sl on sl.n = t.n
        on conflict (store_id, customer_id) do nothing
        returning user_id
      )
      select user_id::float8 as user_id, count(*)::int as assigned from written group by user_id`);
    const perRep = new Map(chosen.map((id) => [id, 0]));
    for (const row of rows) perRep.set(Number(row.user_id), row.assigned);
    return { assigned: rows.reduce((sum, r) => sum + r.assigned, 0), perRep };
  });
}

/** The rep marks their work queue as seen: it then shows only what happens after now. */
export async function markQueueSeen(ctx: StoreContext, at = new Date()) {
  const userId = ctx.userId;
  if (userId === null) throw new AppError("forbidden", "This needs a signed-in user.", "errors.forbidden");
  await getDb().execute(sql`
    insert into rep_queue_views (store_id, user_id, last_looked_at)
    values (${ctx.store.id}, ${userId}, ${at.toISOString()})
    on conflict (store_id, user_id) do update set last_looked_at = excluded.last_looked_at`);
}
