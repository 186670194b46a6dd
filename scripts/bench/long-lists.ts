// Times the long lists and heavy pages the other benches leave out: the disputes queue (its
// filters, counts and pager) and a dispute with a long history, the members list (its pages and
// search), a heavy customer's page, the flash sales with thousands behind them, and the imports
// history. The reads each page makes are timed directly against the database (median and p95 of
// --runs after one), and with --http the pages themselves through the app (`npm start` on the
// same database, signed in as the owner). The store is built once and kept:
//
//   DATABASE_URL=postgres://…/db npx tsx --conditions=react-server scripts/bench/long-lists.ts
//   npx tsx --conditions=react-server scripts/bench/long-lists.ts --data-dir /tmp/laoke-lists   # embedded
//
// The store (slug `lists`, or --slug): --customers customers and --orders orders from
// lib/seed/seed-store.ts; one customer with --heavy-orders more orders (three lines each) over
// three years and --heavy-returns returns of them; --members members of one plan; six staff;
// --disputes disputes over three years in every type and status (most of the old ones closed,
// some left open past their deadline), assigned over the six (every 7th to no one), with four to
// eight events each, and one dispute with --history events; --flash-sales past sales with a few
// claims each; --imports past imports, each with 200 refused rows kept.
//
// The build writes its rows directly, and the embedded database's upkeep (db/maintenance.ts) runs
// only after a recompute, so the kept store's tables are as no vacuum has seen them; --upkeep runs
// that upkeep first, as the app's next recompute would (ingest batch, import, rules save), and
// times it.
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { connectDatabase } from "@/db/connect";
import { getDb } from "@/db";
import { maintainTables } from "@/db/maintenance";
import { getCustomer } from "@/lib/customers/queries";
import { customerActivity } from "@/lib/customers/activity";
import { recomputeScores } from "@/lib/customers/recompute";
import { disputeStatuses, disputeTypes } from "@/lib/disputes/constants";
import { encodeCursor } from "@/lib/customers/cursor";
import { customerDisputes, deadlineEvents, disputeCounts, disputeHistoryPage, disputesByTypeAndStatus, getDispute, getDisputeSummary, latestComments, listDisputes, storeMembers } from "@/lib/disputes/queries";
import { customerFlashClaims } from "@/lib/flash-sales/history";
import { listFlashSales } from "@/lib/flash-sales/queries";
import { listImports } from "@/lib/imports/run-import";
import { listPlans } from "@/lib/memberships/plans";
import { activeAt } from "@/lib/memberships/enrolments";
import { activeMembersPage, countActiveMembers, listExpiringMembers } from "@/lib/memberships/queries";
import { getHeadline } from "@/lib/dashboard/customer-value";
import { loadOwnerDashboard } from "@/lib/dashboard/owner-dashboard";
import { getRepeatRateByMonth } from "@/lib/dashboard/repeat-by-month";
import { dataVersions, snapshotsAt } from "@/lib/dashboard/snapshots";
import { countLiveFlashSales, periodStart } from "@/lib/dashboard/store-activity";
import { flashSaleBuyersByTier, flashSaleSellThrough } from "@/lib/flash-sales/stats";
import { pointsOutstanding } from "@/lib/points/queries";
import { dashboardPeriods } from "@/lib/validation/dashboard";
import { seedStore } from "@/lib/seed/seed-store";
import { createStore } from "@/lib/stores/commands";
import type { StoreContext } from "@/lib/stores/context";
import { ensureUserWithRole } from "@/lib/users/commands";
import { disputeQueueSchema } from "@/lib/validation/disputes";
import { closeClients, median, percentile, signIn, timedGet } from "./http";
import { log, timed } from "./log";
import { describeTimed, keptStore, timeRuns } from "./reads";
import { buildIfNeeded, freePort, startAppServer } from "./server";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: "/tmp/laoke-lists" },
    slug: { type: "string", default: "lists" },
    customers: { type: "string", default: "60000" },
    orders: { type: "string", default: "240000" },
    "heavy-orders": { type: "string", default: "4000" },
    "heavy-returns": { type: "string", default: "400" },
    members: { type: "string", default: "55000" },
    disputes: { type: "string", default: "50000" },
    history: { type: "string", default: "3000" },
    "flash-sales": { type: "string", default: "2000" },
    imports: { type: "string", default: "1000" },
    runs: { type: "string", default: "9" },
    only: { type: "string" },
    http: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
    upkeep: { type: "boolean", default: false },
  },
});

const postgresUrl = process.env.DATABASE_URL;
const PASSWORD = "bench-lists-password";
const DAY = 86_400_000;


const ownerEmail = (slug: string) => `owner@${slug}.bench.laoke`;
const staffEmail = (slug: string, i: number) => `staff${i}@${slug}.bench.laoke`;

/** Builds the store under a slug of its own, named `slug` only once whole (a build that failed halfway is deleted the next time). */
async function buildStore(slug: string): Promise<StoreContext> {
  const db = getDb();
  const building = `${slug}-building`;
  await db.execute(sql`delete from stores where slug = ${building}`);
  const store = await createStore({ slug: building, name: `Lists ${slug}` });
  const storeId = store.id;
  const owner: StoreContext = { store: { id: storeId, slug, name: slug, currency: store.currency, timezone: store.timezone }, role: "owner", userId: null };
  const { userId: ownerId } = await ensureUserWithRole({ storeId, email: ownerEmail(slug), password: PASSWORD, role: "owner" });
  const staff: number[] = [];
  for (let i = 1; i <= 6; i++) staff.push((await ensureUserWithRole({ storeId, email: staffEmail(slug, i), password: PASSWORD, name: `Staff ${i}`, role: "staff" })).userId);
  await timed("seed", () => seedStore(db, storeId, { customers: Number(values.customers), orders: Number(values.orders) }));

  // The heavy customer: the one with the most orders, given thousands more over three years, three
  // lines each, and hundreds of returns of them.
  await timed("heavy customer", async () => {
    const heavyOrders = Number(values["heavy-orders"]);
    await db.execute(sql`
      with heavy as (select customer_id from orders where store_id = ${storeId} group by customer_id order by count(*) desc, customer_id limit 1)
      insert into orders (store_id, external_id, customer_id, placed_at, status, total)
      select ${storeId}, 'HEAVY-' || n, heavy.customer_id, now() - (n * interval '1 day' * 1095 / ${heavyOrders}) - interval '1 hour',
             (case when n % 20 = 0 then 'cancelled' else 'paid' end)::order_status, 1000 + (n * 7919) % 40000
      from heavy, generate_series(1, ${heavyOrders}) n`);
    await db.execute(sql`
      with p as (select id, row_number() over (order by id) - 1 as k, count(*) over () as total from products where store_id = ${storeId})
      insert into order_items (store_id, order_id, line_no, product_id, quantity, unit_price)
      select ${storeId}, o.id, line, p.id, 1 + line, o.total / 6
      from orders o cross join generate_series(1, 3) line
      join p on p.k = (o.id * 31 + line * 17) % p.total
      where o.store_id = ${storeId} and o.external_id like 'HEAVY-%'`);
    await db.execute(sql`
      insert into returns (store_id, external_id, customer_id, order_id, type, amount, requested_at, status)
      select ${storeId}, 'HEAVY-R-' || o.external_id, o.customer_id, o.id,
             (array['refund_only', 'return_refund', 'exchange'])[1 + o.id % 3]::return_type, o.total / 2, o.placed_at + interval '3 days',
             (array['requested', 'approved', 'rejected', 'completed'])[1 + o.id % 4]::return_status
      from (select * from orders where store_id = ${storeId} and external_id like 'HEAVY-%' and status = 'paid' order by id limit ${Number(values["heavy-returns"])}) o`);
  });
  await db.execute(sql`analyze`);
  await timed("first recompute", () => recomputeScores(storeId));

  // Members: one plan, its members' periods ending over the next year.
  await db.execute(sql`
    with plan as (
      insert into membership_plans (store_id, name, fee, length_days, tier) values (${storeId}, 'Gold card', 9900, 365, 'gold') returning id
    )
    insert into customer_memberships (store_id, customer_id, plan_id, tier, fee_paid, starts_at, ends_at)
    select ${storeId}, c.id, plan.id, 'gold', 9900, now() - (n % 365) * interval '1 day', now() + (365 - n % 365) * interval '1 day'
    from (select id, row_number() over (order by id) as n from customers where store_id = ${storeId} order by id limit ${Number(values.members)}) c, plan`);

  await timed("disputes and their events", async () => {
    const count = Number(values.disputes);
    const types = sql.raw(`array[${disputeTypes.map((t) => `'${t}'`).join(", ")}]::dispute_type[]`);
    const staffIds = sql.raw(`array[${staff.join(", ")}]::bigint[]`);
    // n = 1 is the newest; h spreads statuses, types and parties apart from age.
    await db.execute(sql`
      with d as (
        select n, now() - n * interval '1 day' * 1095 / ${count} as created, (n * 7919) % 100 as h, (n * 104729) % 1000 as k
        from generate_series(1::bigint, ${count}) n
      ), s as (
        select *, case
          when created < now() - interval '60 days' then
            case when h < 80 then 'resolved' when h < 92 then 'withdrawn' when h < 94 then 'escalated' when h < 97 then 'routed' else 'in_review' end
          else
            case when h < 10 then 'draft' when h < 30 then 'submitted' when h < 50 then 'in_review' when h < 70 then 'routed'
                 when h < 80 then 'escalated' when h < 92 then 'resolved' else 'withdrawn' end
        end::dispute_status as status from d
      ), c as (select id, row_number() over (order by id) - 1 as k from customers where store_id = ${storeId})
      insert into disputes (store_id, type, status, title, description, amount_at_stake, customer_id, routing, party_index, current_party,
                            deadline_at, assignee_user_id, outcome, created_by_user_id, created_at, submitted_at, closed_at, updated_at)
      select ${storeId}, (${types})[1 + s.k % ${disputeTypes.length}], s.status, 'Dispute ' || s.n, 'Bench dispute ' || s.n, (s.n * 613) % 500000,
             case when s.n % 5 <> 0 then c.id end,
             case when s.status <> 'draft' then '{"primary": "platform", "chain": ["platform", "lawyer"], "reasons": []}'::jsonb end,
             case when s.status <> 'draft' then 0 end,
             case when s.status <> 'draft' then (array['platform', 'lawyer', 'brand_owner', 'supplier']::dispute_party[])[1 + s.h % 4] end,
             case when s.status <> 'draft' then s.created + interval '14 days' end,
             case when s.n % 7 = 0 then null else (${staffIds})[1 + s.n % 6] end,
             case when s.status = 'resolved' then (array['won', 'settled', 'lost']::dispute_outcome[])[1 + s.h % 3] end,
             ${ownerId}, s.created, case when s.status <> 'draft' then s.created + interval '1 hour' end,
             case when s.status in ('resolved', 'withdrawn') then s.created + interval '20 days' end, s.created + interval '20 days'
      from s left join c on c.k = (s.n * 131) % ${Number(values.customers)}
      order by s.n desc`);
    // Four to eight events each: created, submitted, assigned, comments, and the close.
    await db.execute(sql`
      insert into dispute_events (store_id, dispute_id, kind, actor_user_id, from_status, to_status, data, at)
      select d.store_id, d.id,
             (case when e = 1 then 'created' when e = 2 then 'submitted' when e = 3 then 'assigned' else 'comment' end)::dispute_event_kind,
             ${ownerId}, case when e = 2 then 'draft'::dispute_status end, case when e = 2 then 'submitted'::dispute_status end,
             case when e >= 4 then jsonb_build_object('body', 'Comment ' || e || ' on dispute ' || d.id) else '{}'::jsonb end,
             d.created_at + e * interval '1 hour'
      from disputes d cross join generate_series(1, 8) e
      where d.store_id = ${storeId} and e <= 4 + d.id % 5 and (e = 1 or d.status <> 'draft')
      order by d.id, e`);
  });
  // One dispute, still open, with a long history.
  await db.execute(sql`
    insert into dispute_events (store_id, dispute_id, kind, actor_user_id, data, at)
    select ${storeId}, d.id, 'comment', ${staff[0]!}, jsonb_build_object('body', 'Follow-up ' || e), d.created_at + e * interval '10 minutes'
    from (select id, created_at from disputes where store_id = ${storeId} and status = 'escalated' order by id desc limit 1) d,
         generate_series(1, ${Number(values.history)}) e`);

  await timed("past flash sales", async () => {
    const count = Number(values["flash-sales"]);
    await db.execute(sql`
      with p as (select id, row_number() over (order by id) - 1 as k, count(*) over () as total from products where store_id = ${storeId})
      insert into flash_sales (store_id, product_id, price, quantity, per_customer_limit, starts_at, ends_at, settled_at, returned_units, created_by, created_at)
      select ${storeId}, p.id, 990, 100, 2, now() - n * interval '1 day' * 1095 / ${count}, now() - n * interval '1 day' * 1095 / ${count} + interval '2 hours',
             now() - n * interval '1 day' * 1095 / ${count} + interval '2 hours', 0, ${ownerId}, now() - n * interval '1 day' * 1095 / ${count} - interval '1 day'
      from generate_series(1, ${count}) n join p on p.k = n % p.total`);
    await db.execute(sql`
      insert into flash_sale_stock (store_id, sale_id, slot, remaining)
      select f.store_id, f.id, 0, 100 - 20 from flash_sales f where f.store_id = ${storeId}`);
    await db.execute(sql`
      with c as (select id, row_number() over (order by id) - 1 as k from customers where store_id = ${storeId})
      insert into flash_sale_claims (store_id, sale_id, customer_id, quantity, unit_price, tier, idempotency_key, claimed_at)
      select f.store_id, f.id, c.id, 2, 990, 'ordinary', 'bench-' || f.id || '-' || j, f.starts_at + j * interval '1 minute'
      from flash_sales f cross join generate_series(1, 10) j join c on c.k = (f.id * 97 + j * 13) % ${Number(values.customers)}
      where f.store_id = ${storeId}`);
  });

  await timed("past imports", async () => {
    await db.execute(sql`
      insert into imports (store_id, kind, format, file_name, status, total_rows, processed_rows, skipped_rows, error_count, errors, counts,
                           created_by_user_id, created_at, started_at, finished_at)
      select ${storeId}, 'orders', 'canonical', 'orders-' || n || '.csv', 'succeeded', 10200, 10200, 200, 200,
             (select jsonb_agg(jsonb_build_object('row', r, 'column', 'total', 'message', '"x' || r % 3 || '" is not a whole number', 'key', 'importReasons.notWholeNumber',
                                                  'values', jsonb_build_object('value', 'x' || r % 3))) from generate_series(1, 200) r),
             '{"orders": {"created": 10000, "updated": 0}}'::jsonb, ${ownerId},
             now() - n * interval '1 day', now() - n * interval '1 day', now() - n * interval '1 day' + interval '30 seconds'
      from generate_series(${Number(values.imports)}, 1, -1) n`);
  });
  await db.execute(sql`update stores set slug = ${slug} where id = ${storeId}`);
  await db.execute(sql`analyze`);
  return owner;
}

interface Figure {
  label: string;
  times: number[];
  note?: string;
}

const describe = (f: Figure) =>
  `${f.label}: median ${median(f.times).toFixed(1)} ms, p95 ${percentile(f.times, 95).toFixed(1)} ms (${f.times.length} runs)${f.note ? `; ${f.note}` : ""}`;

/** One read, once to warm up and then `runs` times (reads.ts's timeRuns), logged. */
async function timeRead<T>(label: string, runs: number, run: () => Promise<T>, note?: (value: T) => string): Promise<void> {
  const { value, timed } = await timeRuns(runs, run);
  log(`${label}: ${describeTimed(timed)}${note ? `; ${note(value)}` : ""}`);
}

interface Subjects {
  owner: StoreContext;
  staff: StoreContext;
  staffId: number;
  longDispute: number;
  shortDispute: number;
  heavyCustomer: number;
  memberName: string;
  sections: Set<string>;
}

async function findSubjects(owner: StoreContext): Promise<Subjects> {
  const db = getDb();
  const storeId = owner.store.id;
  const { rows } = await db.execute<{ long_dispute: number; short_dispute: number; heavy: number; staff_id: number; member_name: string }>(sql`
    select (select dispute_id from dispute_events where store_id = ${storeId} group by dispute_id order by count(*) desc limit 1)::int as long_dispute,
           (select id from disputes where store_id = ${storeId} and status = 'routed' order by id limit 1)::int as short_dispute,
           (select customer_id from orders where store_id = ${storeId} group by customer_id order by count(*) desc limit 1)::int as heavy,
           (select u.id from users u where u.email = ${staffEmail(owner.store.slug, 1)})::int as staff_id,
           (select c.name from customer_memberships m join customers c on c.store_id = m.store_id and c.id = m.customer_id
             where m.store_id = ${storeId} order by m.id desc limit 1) as member_name`);
  const r = rows[0]!;
  const sections = new Set((values.only ?? "disputes,members,customer,flash,imports,dashboard").split(","));
  return {
    owner,
    staff: { ...owner, role: "staff", userId: r.staff_id },
    staffId: r.staff_id,
    longDispute: r.long_dispute,
    shortDispute: r.short_dispute,
    heavyCustomer: r.heavy,
    memberName: r.member_name,
    sections,
  };
}

async function timeReads(s: Subjects, runs: number): Promise<void> {
  const { owner } = s;
  const queue = (query: Record<string, string>) => disputeQueueSchema.parse(query);
  const rowsAndTotal = (r: { disputes: unknown[]; total: number }) => `${r.disputes.length} rows of ${r.total.toLocaleString("en")}`;
  if (s.sections.has("disputes")) {
    const cases: [string, Record<string, string>][] = [
      ["queue, no filter", {}],
      ["queue, page 2", { page: "2" }],
      ["queue, page 500", { page: "500" }],
      ["queue, last page", { page: String(Math.ceil(Number(values.disputes) / 50)) }],
      ["queue, status resolved", { status: "resolved" }],
      ["queue, status submitted", { status: "submitted" }],
      ["queue, status draft", { status: "draft" }],
      ["queue, type fake_return", { type: "fake_return" }],
      ["queue, type fake_return, page 50", { type: "fake_return", page: "50" }],
      ["queue, assignee (one staff)", { assignee: String(s.staffId) }],
      ["queue, unassigned", { assignee: "none" }],
      ["queue, party lawyer", { party: "lawyer" }],
      ["queue, overdue", { overdue: "true" }],
      ["queue, not overdue", { overdue: "false" }],
      ["queue, resolved, one staff, page 10", { status: "resolved", assignee: String(s.staffId), page: "10" }],
    ];
    for (const [label, query] of cases) await timeRead(label, runs, () => listDisputes(owner, queue(query)), rowsAndTotal);
    await timeRead("queue's counts by status, open and overdue (disputeCounts, in each of the above)", runs, () => disputeCounts(owner));
    await timeRead("queue's assignee picker (storeMembers)", runs, () => storeMembers(owner));
    // The page reads its facts, a page of the history (the latest, or one before a position) and
    // what depends on the whole history apart; the packet and the API read the whole history.
    const pageReads = (disputeId: number, history: { before?: string; after?: string } = {}) =>
      Promise.all([getDisputeSummary(owner, disputeId), disputeHistoryPage(owner, disputeId, history), latestComments(owner, disputeId), deadlineEvents(owner, disputeId)]);
    const shown = ([, history]: Awaited<ReturnType<typeof pageReads>>) =>
      `events ${history.firstNumber}–${history.firstNumber + history.events.length - 1} of ${history.total}`;
    await timeRead(`dispute page's reads, long history, its latest events (#${s.longDispute})`, runs, () => pageReads(s.longDispute), shown);
    const earlier = (await disputeHistoryPage(owner, s.longDispute)).earlierCursor ?? undefined;
    await timeRead(`dispute page's reads, long history, the page before the latest`, runs, () => pageReads(s.longDispute, { before: earlier }), shown);
    await timeRead(`dispute page's reads, long history, its first events`, runs, () => pageReads(s.longDispute, { after: encodeCursor("0", 1) }), shown);
    await timeRead(`dispute page's reads, short history (#${s.shortDispute})`, runs, () => pageReads(s.shortDispute), shown);
    await timeRead(`dispute with a long history, whole (the packet's and the API's read, #${s.longDispute})`, runs, () => getDispute(owner, s.longDispute), (d) => `${d.events.length} events`);
    await timeRead(`dispute with a short history, whole (#${s.shortDispute})`, runs, () => getDispute(owner, s.shortDispute), (d) => `${d.events.length} events`);
  }
  if (s.sections.has("members")) {
    const members = (label: string, options: { q?: string; page?: number }) =>
      timeRead(label, runs, () => activeMembersPage(owner, options), (r) => `${r.rows.length} rows of ${r.total.toLocaleString("en")}`);
    await members("members, first page", {});
    await members("members, page 2", { page: 2 });
    await members("members, page 1,000", { page: 1000 });
    await members("members, last page", { page: Math.ceil(Number(values.members) / 20) });
    await members(`members, search a whole name (${s.memberName})`, { q: s.memberName });
    await members(`members, search two characters (${s.memberName.slice(0, 2)})`, { q: s.memberName.slice(0, 2) });
    await members("members, search one character (王)", { q: "王" });
    await members("members, search an id (C0001)", { q: "C0001" });
    await members("members, search nobody's text", { q: "zzqx" });
    await timeRead("members, expiring in 30 days", runs, () => listExpiringMembers(owner, { days: 30 }), (r) => `${r.rows.length} rows of ${r.total.toLocaleString("en")}`);
    await timeRead("members, plans", runs, () => listPlans(owner));
  }
  if (s.sections.has("customer")) {
    const id = s.heavyCustomer;
    await timeRead(`heavy customer (#${id}): getCustomer`, runs, () => getCustomer(owner, { id }));
    await timeRead("heavy customer: activity (latest of each, totals)", runs, () => customerActivity(owner, id));
    await timeRead("heavy customer: disputes", runs, () => customerDisputes(owner, id), (r) => `${r.disputes.length} disputes`);
    await timeRead("heavy customer: flash-sale claims", runs, () => customerFlashClaims(owner, id));
  }
  if (s.sections.has("flash")) {
    await timeRead("flash sales, first page", runs, () => listFlashSales(owner), (r) => `${r.past.sales.length} of ${r.past.total.toLocaleString("en")} past`);
    const first = await listFlashSales(owner);
    let cursor = first.past.nextCursor ?? undefined;
    for (let i = 0; i < 20 && cursor; i++) cursor = (await listFlashSales(owner, new Date(), { cursor })).past.nextCursor ?? undefined;
    if (cursor) await timeRead("flash sales, 22nd page (by cursor)", runs, () => listFlashSales(owner, new Date(), { cursor }));
  }
  if (s.sections.has("imports")) {
    await timeRead("imports history (50 latest)", runs, () => listImports(owner), (r) => `${r.length} imports`);
  }
  if (s.sections.has("dashboard")) await timeDashboard(owner, runs);
}

/**
 * The owner's dashboard (`/s/<store>`): its whole read for each period, then each of its parts
 * alone, to say which one costs most. The customer-value charts answer from their snapshots once
 * the first view has stored them, as every view after a change does.
 */
async function timeDashboard(owner: StoreContext, runs: number): Promise<void> {
  const db = getDb();
  const storeId = owner.store.id;
  const now = new Date();
  for (const period of dashboardPeriods) await timeRead(`dashboard, whole (loadOwnerDashboard), period ${period}`, runs, () => loadOwnerDashboard(owner, period, now));
  await timeRead("dashboard: data versions and snapshots", runs, async () => {
    await dataVersions(storeId, owner.store.timezone);
    return snapshotsAt(storeId);
  });
  await timeRead("dashboard: headline", runs, () => getHeadline(owner));
  const versions = await dataVersions(storeId, owner.store.timezone);
  const cached = await snapshotsAt(storeId);
  await timeRead("dashboard: repeat rate by month (from its snapshot), 365 days", runs, () => getRepeatRateByMonth(owner, "365", now, { cached, version: versions.orders }));
  const members = await timeRuns(runs, () => countActiveMembers(db, storeId, now));
  // Beside it, the same count read from every current membership, as before membership_day_counts
  // (migration 0055), and whether the two agree, now and at other moments (past and coming days,
  // within a day's hours) the kept counts answer for differently.
  const fromMemberships = (at: Date) => async () => {
    const { rows } = await db.execute<{ active: number }>(sql`
      select count(distinct m.customer_id)::int as active from customer_memberships m where m.store_id = ${storeId} and ${activeAt(at)}`);
    return rows[0]!.active;
  };
  const before = await timeRuns(runs, fromMemberships(now));
  const moments = [-400, -30, -1, 0.3, 1, 7.5, 100, 364.9, 400].map((days) => new Date(now.getTime() + days * DAY));
  const agree = await Promise.all(moments.map(async (at) => (await countActiveMembers(db, storeId, at)) === (await fromMemberships(at)())));
  log(`dashboard: active members: ${describeTimed(members.timed)}; ${members.value.toLocaleString("en")} members`);
  log(`  read from every current membership, as before: ${describeTimed(before.timed)}; same count: ${members.value === before.value ? "yes" : "NO"}, at ${moments.length} other moments: ${agree.every(Boolean) ? "yes" : "NO"}`);
  await timeRead("dashboard: points outstanding", runs, () => pointsOutstanding(db, storeId));
  await timeRead("dashboard: live flash sales", runs, () => countLiveFlashSales(owner, now));
  await timeRead("dashboard: dispute counts (open, overdue)", runs, () => disputeCounts(owner, now));
  for (const period of dashboardPeriods) {
    const from = periodStart(period, now);
    const span = { from: from ?? new Date(0), to: now };
    await timeRead(`dashboard: flash sell-through, period ${period}`, runs, () => flashSaleSellThrough(owner, span));
    await timeRead(`dashboard: flash buyers by tier, period ${period}`, runs, () => flashSaleBuyersByTier(owner, span));
    const mix = await timeRuns(runs, () => disputesByTypeAndStatus(owner, from ? { from } : {}));
    // Beside it, the same counts read from every dispute filed in the period, as the chart read
    // them before dispute_month_counts (migration 0054), and whether the two agree.
    const fromDisputes = await timeRuns(runs, async () => {
      const { rows } = await db.execute<{ type: string; status: string; count: number }>(sql`
        select type, status, count(*)::int as count from disputes
        where store_id = ${storeId} and created_at >= ${from ?? new Date(0)} group by type, status order by type, status`);
      return rows;
    });
    const total = mix.value.reduce((sum, r) => sum + r.count, 0).toLocaleString("en");
    log(`dashboard: disputes by type and status, period ${period}: ${describeTimed(mix.timed)}; ${mix.value.length} combinations, ${total} disputes`);
    log(`  read from every dispute filed in the period, as before: ${describeTimed(fromDisputes.timed)}; same counts: ${JSON.stringify(mix.value) === JSON.stringify(fromDisputes.value) ? "yes" : "NO"}`);
  }
}

async function timePages(s: Subjects, runs: number, dataDir: string): Promise<Figure[]> {
  const root = path.resolve(import.meta.dirname, "../..");
  buildIfNeeded(root, log);
  const port = await freePort(Number(process.env.BENCH_PORT ?? 3400));
  const env: NodeJS.ProcessEnv = { ...process.env, LAOKE_DATA_DIR: dataDir };
  // connectDatabase set it to the embedded database's own server, closed by now.
  if (postgresUrl) env.DATABASE_URL = postgresUrl;
  else delete env.DATABASE_URL;
  const server = await startAppServer({ root, port, env, logFile: path.join(dataDir, "..", `long-lists-${port}.log`), onProgress: log });
  const figures: Figure[] = [];
  try {
    const jar = await signIn(server.baseUrl, ownerEmail(s.owner.store.slug), PASSWORD);
    const base = `${server.baseUrl}/s/${s.owner.store.slug}`;
    const pages: [string, string, string][] = [
      ["disputes", "disputes queue", "/disputes"],
      ["disputes", "disputes queue, page 500", "/disputes?page=500"],
      ["disputes", "disputes queue, resolved, page 100", "/disputes?status=resolved&page=100"],
      ["disputes", "disputes queue, overdue", "/disputes?overdue=true"],
      ["disputes", "disputes queue, one staff", `/disputes?assignee=${s.staffId}`],
      ["disputes", "dispute with a long history", `/disputes/${s.longDispute}`],
      // Its first events (after the start of time): the page a reviewer reaches last going back.
      ["disputes", "dispute with a long history, its first events", `/disputes/${s.longDispute}?${new URLSearchParams({ after: encodeCursor("0", 1) })}`],
      ["disputes", "dispute with a long history, its case packet", `/disputes/${s.longDispute}/packet`],
      ["members", "members page", "/members"],
      ["members", "members page 1,000", "/members?page=1000"],
      ["members", "members search", `/members?q=${encodeURIComponent(s.memberName.slice(0, 2))}`],
      ["customer", "heavy customer's page", `/customers/${s.heavyCustomer}`],
      ["customer", "heavy customer's orders", `/customers/${s.heavyCustomer}/orders`],
      ["flash", "flash sales", "/flash-sales"],
      ["imports", "imports history", "/imports"],
      ...dashboardPeriods.map((period): [string, string, string] => ["dashboard", `dashboard, period ${period}`, `?period=${period}`]),
    ];
    for (const [section, label, url] of pages) {
      if (!s.sections.has(section)) continue;
      const times: number[] = [];
      let status = 0;
      let bytes = 0;
      for (let i = 0; i <= runs; i++) {
        const r = await timedGet(base + url, jar);
        status = r.status;
        bytes = Buffer.byteLength(r.body);
        if (r.status !== 200) break;
        if (i > 0) times.push(r.ms);
      }
      // The page's size beside its time: what the server wrote out, most of a long page's cost.
      const figure = { label: `GET ${label} (${url})`, times, note: status === 200 ? `${(bytes / 1024).toFixed(0)} KB` : `answered ${status}` };
      log(describe(figure));
      figures.push(figure);
    }
  } finally {
    closeClients();
    await server.stop();
  }
  return figures;
}

async function main() {
  const dataDir = path.resolve(values["data-dir"]!);
  const connection = await connectDatabase(dataDir, { keepEmbedded: true });
  log(connection.description);
  const db = getDb();
  const runs = Number(values.runs);
  let subjects: Subjects;
  try {
    const slug = values.slug!;
    const owner = await keptStore(slug, buildStore);
    const storeId = owner.store.id;
    const { rows: sizes } = await db.execute<Record<string, number>>(sql`
      select (select count(*) from customers where store_id = ${storeId})::int as customers,
             (select count(*) from orders where store_id = ${storeId})::int as orders,
             (select count(*) from disputes where store_id = ${storeId})::int as disputes,
             (select count(*) from dispute_events where store_id = ${storeId})::int as events,
             (select count(*) from customer_memberships where store_id = ${storeId})::int as members,
             (select count(*) from flash_sales where store_id = ${storeId})::int as flash_sales,
             (select count(*) from imports where store_id = ${storeId})::int as imports`);
    log(`store ${slug}: ${Object.entries(sizes[0]!).map(([k, v]) => `${Number(v).toLocaleString("en")} ${k.replace("_", " ")}`).join(", ")}`);
    if (values.upkeep) {
      const done = await timed("upkeep after the next recompute (maintainTables)", () => maintainTables(db));
      log(`upkeep vacuumed ${done.vacuumed.join(", ") || "nothing"}; analyzed ${done.analyzed.join(", ") || "nothing"}`);
    }
    subjects = await findSubjects(owner);
    const heavy = await db.execute<{ orders: number; lines: number; returns: number }>(sql`
      select (select count(*) from orders where store_id = ${storeId} and customer_id = ${subjects.heavyCustomer})::int as orders,
             (select count(*) from order_items i join orders o on o.store_id = i.store_id and o.id = i.order_id
               where o.store_id = ${storeId} and o.customer_id = ${subjects.heavyCustomer})::int as lines,
             (select count(*) from returns where store_id = ${storeId} and customer_id = ${subjects.heavyCustomer})::int as returns`);
    const h = heavy.rows[0]!;
    log(`heavy customer #${subjects.heavyCustomer}: ${h.orders} orders, ${h.lines} lines, ${h.returns} returns`);
    await timeReads(subjects, runs);
  } finally {
    await connection.close();
  }
  if (values.http) await timePages(subjects, runs, dataDir);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
