// Times the points settlement (lib/points/settle.ts) statement by statement where a big store's
// statistics used to steer it wrong, and what the triggers keeping points_balances (migration
// 0045) add to a write of entries. Two stores are built once and kept:
//
//   DATABASE_URL=postgres://…/db npx tsx --conditions=react-server scripts/bench/points-settle.ts
//   npx tsx --conditions=react-server scripts/bench/points-settle.ts --data-dir /tmp/laoke-settle   # embedded
//
// `settle-big` (--customers 100,000, --orders 1,000,000 from lib/seed/seed-store.ts) with points
// from its first order on, every paid order settled; and beside it `settle-small` (--small-customers
// 3,000, --small-orders 30,000) whose owner has just switched points on, from its first order,
// and whose first settlement has not run. Each run (--runs) then times, in transactions rolled
// back so the next run finds the same data:
//   - the small store's first settlement (every paid order earns, every completed return takes
//     back), each statement that took 100 ms or more named;
//   - the small store's settlement of a quarter of its customers after its first one, an order
//     of each cancelled (what a recompute after such a batch settles);
//   - the big store's settlement after --big-changes of its paid orders are cancelled and as many
//     of its returns completed (a full pass with a take-back over those customers);
//   - 100,000 entries written in one statement (one per customer, then ten per customer of
//     10,000), with the balances' triggers and without, next to a plain update of the same
//     customers' balance rows (what any trigger keeping a row per customer pays at least).
// --only small,big,triggers picks among them; --explain prints EXPLAIN ANALYZE of each
// settlement statement (run once more first, rolled back).
import { parseArgs } from "node:util";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { connectDatabase } from "@/db/connect";
import { getDb, type DbOrTx } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { findPointsRules, savePointsRules } from "@/lib/points/rules";
import { settlePoints, type ChangedSince } from "@/lib/points/settle";
import { seedStore } from "@/lib/seed/seed-store";
import { createStore } from "@/lib/stores/commands";
import type { StoreContext } from "@/lib/stores/context";
import { log } from "./log";

const DAY_MS = 86_400_000;
const RULES = { enabled: true, earnRate: 1, ordinary: 1, silver: 1.2, gold: 1.5, diamond: 2, crown: 3, expiryMonths: 12, redeemRate: 100 };

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: "/tmp/laoke-settle" },
    customers: { type: "string", default: "100000" },
    orders: { type: "string", default: "1000000" },
    "small-customers": { type: "string", default: "3000" },
    "small-orders": { type: "string", default: "30000" },
    "big-changes": { type: "string", default: "1000" },
    runs: { type: "string", default: "3" },
    explain: { type: "boolean", default: false },
    only: { type: "string", default: "small,big,triggers" },
  },
});

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await run();
  log(`${label}: ${secs(performance.now() - started)}`);
  return value;
}

/** Rolls back whatever `run` wrote, so that the next run finds the same data. */
class Rollback extends Error {}
async function rolledBack(run: (tx: DbOrTx) => Promise<void>): Promise<void> {
  try {
    await getDb().transaction(async (tx) => {
      await run(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

async function findStore(slug: string): Promise<StoreContext | null> {
  const { rows } = await getDb().execute<{ id: number; currency: string; timezone: string }>(
    sql`select id::int as id, currency, timezone from stores where slug = ${slug}`,
  );
  return rows[0] ? { store: { id: rows[0].id, slug, name: slug, currency: rows[0].currency, timezone: rows[0].timezone }, role: "owner", userId: null } : null;
}

/** Creates and seeds a store, its scores computed, its points switched on from its first order. */
async function buildStore(slug: string, customers: number, orders: number): Promise<StoreContext> {
  const db = getDb();
  const store = await createStore({ slug, name: `Settle ${slug}` });
  const owner: StoreContext = { store: { id: store.id, slug, name: slug, currency: store.currency, timezone: store.timezone }, role: "owner", userId: null };
  await timed(`${slug}: seed ${customers} customers, ${orders} orders`, () => seedStore(db, store.id, { customers, orders }));
  await db.execute(sql`analyze`);
  await timed(`${slug}: first recompute`, () => recomputeScores(store.id));
  const { rows } = await db.execute<{ first: string }>(sql`select min(placed_at) as first from orders where store_id = ${store.id}`);
  await savePointsRules(owner, RULES, new Date(new Date(rows[0]!.first).getTime() - DAY_MS));
  return owner;
}

const dialect = new PgDialect();

interface Statement {
  label: string;
  ms: number;
}

/** `tx` with each execute timed into `statements` (and explained first with `explain`). */
function timedStatements(tx: DbOrTx, statements: Statement[], explain: boolean): DbOrTx {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      // settlePoints runs in a transaction (a savepoint) of its own.
      if (prop === "transaction") {
        return <T>(run: (inner: DbOrTx) => Promise<T>) => target.transaction((inner) => run(timedStatements(inner, statements, explain)));
      }
      if (prop !== "execute") return Reflect.get(target, prop, receiver);
      return async (query: SQL) => {
        const text = dialect.sqlToQuery(query).sql.replace(/\s+/g, " ").trim();
        const label = text.slice(0, 90);
        if (explain && !/^(analyze|select set_config|select current_setting|drop|create)/i.test(text)) {
          await target.execute(sql`savepoint explained`);
          const { rows } = await target.execute<{ "QUERY PLAN": string }>(sql`explain (analyze, buffers off) ${query}`);
          await target.execute(sql`rollback to savepoint explained`);
          console.log(`--- ${label}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
        }
        const started = performance.now();
        const result = await target.execute(query);
        statements.push({ label, ms: performance.now() - started });
        return result;
      };
    },
  });
}

/** Settles the store in a transaction rolled back after; the time, the result and the slow statements. */
async function timedSettlement(storeId: number, before: (tx: DbOrTx) => Promise<ChangedSince | void> = async () => {}) {
  const statements: Statement[] = [];
  let ms = 0;
  let result = "";
  await rolledBack(async (tx) => {
    // As the recompute that runs it has them.
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
    const changed = (await before(tx)) ?? undefined;
    const started = performance.now();
    const settled = await settlePoints(timedStatements(tx, statements, values.explain!), storeId, new Date(), changed);
    ms = performance.now() - started;
    result = Object.entries(settled)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  });
  const slow = statements.filter((s) => s.ms >= 100).map((s) => `    ${secs(s.ms)}  ${s.label}…`);
  return { ms, line: `${secs(ms)} (${result})${slow.length > 0 ? `\n${slow.join("\n")}` : ""}` };
}

/**
 * 100,000 entries in one insert for `customers` customers of the store (adjustments of 1 point,
 * as many per customer), with the balances' triggers or without them; rolled back. And the
 * floor of any trigger that keeps a row per customer: a plain update of those customers' rows.
 */
async function timedEntryWrites(storeId: number, customers: number, triggers: "on" | "off" | "floor"): Promise<{ ms: number; customers: number }> {
  let ms = 0;
  let found = 0;
  await rolledBack(async (tx) => {
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
    if (triggers === "off") await tx.execute(sql`alter table points_entries disable trigger points_entries_insert_balances`);
    await tx.execute(sql`create temporary table _who on commit drop as
      select id, row_number() over (order by id) as n from customers where store_id = ${storeId} order by id limit ${customers}`);
    await tx.execute(sql`analyze _who`);
    found = Number((await tx.execute<{ n: string }>(sql`select count(*) as n from _who`)).rows[0]!.n);
    const started = performance.now();
    if (triggers === "floor") {
      await tx.execute(sql`update points_balances set writes = writes + 1 where store_id = ${storeId} and customer_id in (select id from _who)`);
    } else {
      await tx.execute(sql`
        insert into points_entries (store_id, customer_id, kind, points, occurred_at, expires_at)
        select ${storeId}, w.id, 'adjustment', 1, now(), now() + interval '1 year'
        from generate_series(0, 99999) g join _who w on w.n = g % ${customers} + 1`);
    }
    ms = performance.now() - started;
  });
  return { ms, customers: found };
}

async function main() {
  const connection = await connectDatabase(values["data-dir"]!, { keepEmbedded: true });
  log(connection.description);
  const db = getDb();
  try {
    let big = await findStore("settle-big");
    if (!big) {
      big = await buildStore("settle-big", Number(values.customers), Number(values.orders));
      const storeId = big.store.id;
      await timed("settle-big: its first settlement (a recompute, every paid order earning)", () => recomputeScores(storeId));
      await db.execute(sql`analyze`);
    }
    const small = (await findStore("settle-small")) ?? (await buildStore("settle-small", Number(values["small-customers"]), Number(values["small-orders"])));
    const { rows: sizes } = await db.execute<{ slug: string; customers: number; orders: number; returns: number; entries: number }>(sql`
      select s.slug, (select count(*) from customers where store_id = s.id)::int as customers,
             (select count(*) from orders where store_id = s.id)::int as orders,
             (select count(*) from returns where store_id = s.id)::int as returns,
             (select count(*) from points_entries where store_id = s.id)::int as entries
      from stores s where s.id in (${big.store.id}, ${small.store.id}) order by s.id`);
    for (const s of sizes) log(`${s.slug}: ${s.customers} customers, ${s.orders} orders, ${s.returns} returns, ${s.entries} points entries`);

    const bigId = big.store.id;
    const parts = new Set(values.only!.split(","));
    for (let run = 1; run <= Number(values.runs); run++) {
      if (parts.has("small")) await benchSmall(small.store.id, run);
      if (parts.has("big")) await benchBig(bigId, run);
      if (parts.has("triggers")) await benchTriggers(bigId, run);
    }
  } finally {
    await connection.close();
  }
}

async function benchSmall(smallId: number, run: number) {
  log(`run ${run}: settle-small's first settlement: ${(await timedSettlement(smallId)).line}`);
  // A recompute after a quarter of its customers changed (more, and it goes over everyone):
  // one paid order of each cancelled, their customers settled alone.
  const quarter = Math.floor(Number(values["small-customers"]) / 4);
  const incremental = await timedSettlement(smallId, async (tx) => {
    await settlePoints(tx, smallId, new Date());
    const who = sql`array(select id from customers where store_id = ${smallId} order by id limit ${quarter})`;
    await tx.execute(sql`
      update orders set status = 'cancelled' where store_id = ${smallId} and id in (
        select distinct on (customer_id) id from orders
        where store_id = ${smallId} and status = 'paid' and customer_id = any(${who}) order by customer_id, id)`);
    return { customers: who, rulesAt: (await findPointsRules(tx, smallId))!.updatedAt };
  });
  log(`run ${run}: settle-small's settlement of ${quarter} customers, an order of each cancelled since its first: ${incremental.line}`);
}

async function benchBig(bigId: number, run: number) {
  const changes = Number(values["big-changes"]);
  const bigSettlement = await timedSettlement(bigId, async (tx) => {
    await tx.execute(sql`
      update orders set status = 'cancelled' where store_id = ${bigId} and id in (
        select id from orders where store_id = ${bigId} and status = 'paid' order by id limit ${changes})`);
    await tx.execute(sql`
      update returns set status = 'completed' where store_id = ${bigId} and id in (
        select id from returns where store_id = ${bigId} and status <> 'completed' and amount > 0 order by id limit ${changes})`);
  });
  log(`run ${run}: settle-big's settlement after ${changes} paid orders cancelled and ${changes} returns completed: ${bigSettlement.line}`);
}

async function benchTriggers(bigId: number, run: number) {
  for (const customers of [100_000, 10_000]) {
    const on = await timedEntryWrites(bigId, customers, "on");
    const off = await timedEntryWrites(bigId, customers, "off");
    const floor = await timedEntryWrites(bigId, customers, "floor");
    log(
      `run ${run}: 100,000 entries of ${on.customers.toLocaleString("en")} customers in one insert: with the balances' triggers ${secs(on.ms)}, ` +
        `without ${secs(off.ms)}; a plain update of those customers' balance rows ${secs(floor.ms)}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
