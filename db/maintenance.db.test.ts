import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { onPostgres } from "@/tests/backend";
import { makeStore } from "@/tests/factories";
import { maintainTables } from "./maintenance";

const DAY = 86_400_000;
const embedded = !onPostgres;

/** Pages of the scores table with its indexes. */
async function scoresPages(): Promise<number> {
  const { rows } = await getDb().execute<{ pages: number }>(sql`
    select (pg_total_relation_size('customer_scores') / current_setting('block_size')::int)::int as pages`);
  return rows[0]!.pages;
}

describe("table maintenance", () => {
  it("keeps the scores table from growing with every recompute, or leaves that to the server's autovacuum", async () => {
    if (!embedded) {
      expect(await maintainTables(getDb())).toEqual({ vacuumed: [], analyzed: [] });
      return;
    }
    const ctx = await makeStore("maint");
    const storeId = ctx.store.id;
    // 400 customers with one paid order each: a day later every recency, so every row, changes.
    await getDb().execute(sql`
      insert into customers (store_id, external_id, name)
      select ${storeId}, 'c' || n, 'Customer ' || n from generate_series(1, 400) n`);
    await getDb().execute(sql`
      insert into orders (store_id, external_id, customer_id, placed_at, status, total)
      select c.store_id, 'o' || c.id, c.id, '2026-01-01T00:00:00Z'::timestamptz + (c.id % 97) * interval '1 hour', 'paid', 1000 + c.id % 500
      from customers c where c.store_id = ${storeId}`);
    const start = new Date("2026-03-01T00:00:00Z").getTime();
    const pages: number[] = [];
    for (let day = 0; day < 10; day++) {
      await recomputeScores(storeId, { asOf: new Date(start + day * DAY) });
      pages.push(await scoresPages());
    }
    // Without maintenance every rewrite of the 400 rows leaves dead entries in the indexes and
    // the table grows by about 5 pages a run for good; reclaimed, the next versions take the space.
    expect(pages[9]! - pages[6]!).toBeLessThanOrEqual(2);
  });

  it("samples 3,000 rows of the scores table when it analyzes it, not 30,000", async () => {
    // ANALYZE reads 300 rows per unit of the largest statistics target among the table's columns
    // and its indexes' expressions (migration 0030): one column left at the default of 100 makes
    // every maintenance after a big recompute half a second longer on the embedded database.
    const { rows } = await getDb().execute<{ column: string }>(sql`
      select a.attrelid::regclass::text || '.' || a.attname as column from pg_attribute a
      where a.attnum > 0 and not a.attisdropped
        and (a.attrelid = 'customer_scores'::regclass
             or exists (select 1 from pg_index i
                        where i.indexrelid = a.attrelid and i.indrelid = 'customer_scores'::regclass and i.indkey[a.attnum - 1] = 0))
        and (a.attstattarget is null or a.attstattarget < 0 or a.attstattarget > 10)
      order by 1`);
    expect(rows.map((row) => row.column)).toEqual([]);
  });

  it("vacuums a table past autovacuum's threshold and leaves the others alone", async () => {
    const db = getDb();
    const suffix = `${process.pid}_${Date.now()}`;
    const busy = `maintenance_busy_${suffix}`;
    const quiet = `maintenance_quiet_${suffix}`;
    for (const table of [busy, quiet]) {
      await db.execute(sql`create table ${sql.identifier(table)} (id int primary key, n int)`);
      await db.execute(sql`insert into ${sql.identifier(table)} select g, 0 from generate_series(1, 1000) g`);
    }
    try {
      await maintainTables(db);
      await db.execute(sql`update ${sql.identifier(busy)} set n = n + 1`);
      await db.execute(sql`update ${sql.identifier(quiet)} set n = n + 1 where id <= 10`);
      const done = await maintainTables(db);
      // A server's autovacuum does this on its own, so there it is left alone too.
      expect(done.vacuumed.includes(busy)).toBe(embedded);
      expect(done.vacuumed).not.toContain(quiet);
      expect(done.analyzed).not.toContain(quiet);
    } finally {
      for (const table of [busy, quiet]) await db.execute(sql`drop table ${sql.identifier(table)}`);
    }
  });

  it("vacuums a table that only grew past autovacuum's insert threshold, so its index-only reads skip the table", async () => {
    const db = getDb();
    const suffix = `${process.pid}_${Date.now()}`;
    // 3,000 rows inserted is past 1,000 + 20% of 3,000; 1,100 is under 1,000 + 20% of 1,100.
    const grown = `maintenance_grown_${suffix}`;
    const few = `maintenance_few_${suffix}`;
    const sizes: [string, number][] = [
      [grown, 3000],
      [few, 1100],
    ];
    for (const [table, rows] of sizes) {
      await db.execute(sql`create table ${sql.identifier(table)} (id int primary key, n int)`);
      await db.execute(sql`insert into ${sql.identifier(table)} select g, 0 from generate_series(1, ${rows}) g`);
    }
    const stats = async (table: string) => {
      const { rows } = await db.execute<{ vacuumed: boolean; inserted: number }>(sql`
        select (last_vacuum is not null) as vacuumed, n_ins_since_vacuum::int as inserted
        from pg_stat_user_tables where relname = ${table}`);
      return rows[0]!;
    };
    /** Rows an index-only scan of the whole table still fetched from the table itself. */
    const heapFetches = (table: string) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        const { rows } = await tx.execute<{ "QUERY PLAN": [{ Plan: { "Node Type": string; "Heap Fetches": number } }] }>(
          sql`explain (analyze, format json) select id from ${sql.identifier(table)} where id > 0`,
        );
        const plan = rows[0]!["QUERY PLAN"][0].Plan;
        expect(plan["Node Type"]).toBe("Index Only Scan");
        return plan["Heap Fetches"];
      });
    try {
      const done = await maintainTables(db);
      if (!embedded) {
        // The server's autovacuum does this on its own: the maintenance leaves it alone there.
        expect(done.vacuumed).toEqual([]);
        return;
      }
      expect(done.vacuumed).toContain(grown);
      expect(done.vacuumed).not.toContain(few);
      expect(await stats(grown)).toEqual({ vacuumed: true, inserted: 0 });
      expect(await stats(few)).toEqual({ vacuumed: false, inserted: 1100 });
      expect(await heapFetches(grown)).toBe(0);
      expect(await heapFetches(few)).toBe(1100);
    } finally {
      for (const [table] of sizes) await db.execute(sql`drop table ${sql.identifier(table)}`);
    }
  });

  it("vacuums a table written before the embedded database last started, whose insert counts it lost, and only once", async () => {
    const db = getDb();
    const table = `maintenance_restarted_${process.pid}_${Date.now()}`;
    // 3,000 rows of about 500 bytes: some 200 pages, none of them marked all-visible.
    await db.execute(sql`create table ${sql.identifier(table)} (id int primary key, pad text)`);
    await db.execute(sql`insert into ${sql.identifier(table)} select g, repeat('x', 500) from generate_series(1, 3000) g`);
    try {
      // The insert's counts flushed first, or they would land after the reset.
      await db.execute(sql`select pg_stat_force_next_flush()`);
      await db.execute(sql`analyze ${sql.identifier(table)}`);
      // What a restart does to PGlite's counts: they start again at 0.
      await db.execute(sql`select pg_stat_reset_single_table_counters(${table}::regclass)`);
      const { rows } = await db.execute<{ inserted: number }>(sql`
        select n_ins_since_vacuum::int as inserted from pg_stat_user_tables where relname = ${table}`);
      expect(rows[0]!.inserted).toBe(0);
      const first = await maintainTables(db);
      const second = await maintainTables(db);
      if (!embedded) {
        expect(first.vacuumed).toEqual([]);
        return;
      }
      expect(first.vacuumed).toContain(table);
      // Every page is all-visible once vacuumed: the next upkeep does not vacuum it again.
      expect(second.vacuumed).not.toContain(table);
    } finally {
      await db.execute(sql`drop table ${sql.identifier(table)}`);
    }
  });
});
