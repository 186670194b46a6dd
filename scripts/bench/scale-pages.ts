// Times, directly against the database, the two reads that grow with a store's points ledger and
// its reps' assignments (scripts/bench/reads.ts): the store's outstanding points (the members
// page and the owner's dashboard) and the care page's overview (its counts and "needs review"
// list, and the staff loads), each next to the read as it was before. The store is built once
// and kept, so the timings can be taken again after a change:
//
//   DATABASE_URL=postgres://…/db npx tsx --conditions=react-server scripts/bench/scale-pages.ts
//   npx tsx --conditions=react-server scripts/bench/scale-pages.ts --data-dir /tmp/scale   # embedded
//
// The store (slug `scale`, or --slug): 100,000 customers and 1,000,000 orders from
// lib/seed/seed-store.ts (--customers, --orders); points from the first order on (every paid
// order earns, ~940,000 entries), some redeemed; a plan with --members members; six staff with
// every high-value customer spread over them, then a scoring change so some drop out of
// high-value (kept with their rep, to review). Only reads are timed (--runs each, median).
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { connectDatabase } from "@/db/connect";
import { getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { savePointsRules } from "@/lib/points/rules";
import { seedStore } from "@/lib/seed/seed-store";
import { createStore } from "@/lib/stores/commands";
import type { StoreContext } from "@/lib/stores/context";
import { log, timed } from "./log";
import { assignRepsAndReview, benchCareReads, keptStore, benchOutstanding, describeCareReads, describeOutstanding } from "./reads";

const DAY_MS = 86_400_000;

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: "/tmp/laoke-scale" },
    slug: { type: "string", default: "scale" },
    customers: { type: "string", default: "100000" },
    orders: { type: "string", default: "1000000" },
    members: { type: "string", default: "55000" },
    runs: { type: "string", default: "9" },
    recomputes: { type: "string", default: "0" },
  },
});


async function buildStore(slug: string): Promise<StoreContext> {
  const db = getDb();
  const store = await createStore({ slug, name: `Scale ${slug}` });
  const owner: StoreContext = { store: { id: store.id, slug, name: slug, currency: store.currency, timezone: store.timezone }, role: "owner", userId: null };
  await timed("seed", () => seedStore(db, store.id, { customers: Number(values.customers), orders: Number(values.orders) }));
  await db.execute(sql`analyze`);
  await timed("first recompute", () => recomputeScores(store.id));

  // Every paid order earns: the programme started before the first order.
  const { rows } = await db.execute<{ first: string }>(sql`select min(placed_at) as first from orders where store_id = ${store.id}`);
  const from = new Date(new Date(rows[0]!.first).getTime() - DAY_MS);
  await savePointsRules(owner, { enabled: true, earnRate: 1, ordinary: 1, silver: 1.2, gold: 1.5, diamond: 2, crown: 3, expiryMonths: 12, redeemRate: 100 }, from);
  await timed("recompute with points (every order settled)", () => recomputeScores(store.id));
  // Every 5th holder redeemed 300 of what they held, as the demo's customers did.
  await db.execute(sql`
    insert into points_entries (store_id, customer_id, kind, points, occurred_at, coupon_value)
    select ${store.id}, customer_id, 'redeem', -300, now() - interval '3 days', 300
    from (select customer_id, sum(points) as balance, row_number() over (order by customer_id) as n
          from points_entries where store_id = ${store.id} group by customer_id) b
    where balance >= 500 and n % 5 = 0`);

  // Members: one plan, its members' periods ending over the next year.
  const members = Number(values.members);
  await db.execute(sql`
    with plan as (
      insert into membership_plans (store_id, name, fee, length_days, tier) values (${store.id}, 'Gold card', 9900, 365, 'gold') returning id
    )
    insert into customer_memberships (store_id, customer_id, plan_id, tier, fee_paid, starts_at, ends_at)
    select ${store.id}, c.id, plan.id, 'gold', 9900, now() - (n % 365) * interval '1 day', now() + (365 - n % 365) * interval '1 day'
    from (select id, row_number() over (order by id) as n from customers where store_id = ${store.id} order by id limit ${members}) c, plan`);

  const assigned = await timed("reps for every high-value customer, then a stricter gate and its recompute", () => assignRepsAndReview(owner));
  log(`${assigned} customers assigned`);
  await db.execute(sql`analyze`);
  return owner;
}

async function main() {
  const connection = await connectDatabase(values["data-dir"]!, { keepEmbedded: true });
  log(connection.description);
  const db = getDb();
  try {
    const slug = values.slug!;
    const owner = await keptStore(slug, buildStore);
    const storeId = owner.store.id;
    const { rows: sizes } = await db.execute<{ entries: number; holders: number; members: number; assignments: number; customers: number }>(sql`
      select (select count(*) from points_entries where store_id = ${storeId})::int as entries,
             (select count(distinct customer_id) from points_entries where store_id = ${storeId})::int as holders,
             (select count(*) from customer_memberships where store_id = ${storeId})::int as members,
             (select count(*) from rep_assignments where store_id = ${storeId})::int as assignments,
             (select count(*) from customers where store_id = ${storeId})::int as customers`);
    const s = sizes[0]!;
    log(`store ${slug}: ${s.customers} customers, ${s.entries} points entries of ${s.holders} customers, ${s.members} memberships, ${s.assignments} rep assignments`);

    const runs = Number(values.runs);
    log(describeOutstanding(await benchOutstanding(storeId, runs)));
    for (const line of describeCareReads(await benchCareReads(owner, runs))) log(line);
    // What the points cost every recompute with nothing new (each API batch pays it): the
    // settlement's expiry reads the ledgers of the customers due.
    if (values["recomputes"]) {
      for (let i = 0; i < Number(values["recomputes"]); i++) await timed("recompute with nothing changed", () => recomputeScores(storeId));
    }
  } finally {
    await connection.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
