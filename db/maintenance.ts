import { sql } from "drizzle-orm";
import type { Db } from "./index";

/** The thresholds of PostgreSQL's own autovacuum (its defaults), applied by hand. */
const VACUUM_THRESHOLD = 50;
const VACUUM_SCALE = 0.2;
const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE = 0.1;
/**
 * Autovacuum's insert thresholds (autovacuum_vacuum_insert_threshold / _scale_factor, since
 * PostgreSQL 13). A table that only grows (dispute events, order lines, points entries, imports)
 * leaves no dead rows, so without these it was never vacuumed: its visibility map stayed unset
 * and every index-only read still fetched each row from the table (page 500 of the disputes
 * queue visited 25,000 of them).
 */
const VACUUM_INSERT_THRESHOLD = 1000;
const VACUUM_INSERT_SCALE = 0.2;
/**
 * PGlite keeps no statistics counts across a restart (it writes no pg_stat file when it closes,
 * so every count above starts again at 0), and rows written before the last start are never
 * counted. The catalog's page counts do survive (VACUUM and ANALYZE set them): a table more than
 * a fifth of whose pages (and over 1 MB) are not marked all-visible is vacuumed as well. Once
 * vacuumed, the embedded database's only session leaves every page all-visible, so this does not
 * fire again until writes and an ANALYZE say so.
 */
const UNSET_PAGES_THRESHOLD = 128;
const UNSET_PAGES_SCALE = 0.2;

export interface Maintenance {
  vacuumed: string[];
  analyzed: string[];
}

/**
 * Does for the embedded database what PostgreSQL's autovacuum does for a server: reclaims the
 * row versions that updates and deletes leave behind, and refreshes the planner's statistics,
 * for each table past autovacuum's own thresholds (dead rows, rows inserted since its last vacuum,
 * pages not marked all-visible, rows changed since its last analyze). PGlite runs in one process and has no
 * autovacuum, so without this its tables only grow: a recompute rewrites every score whose value
 * moved (a minute after the last, a quarter of 100,000 rows as the recency ranks shift; hours
 * after, every scored row), and every later scan of the scores read the dead versions too (the
 * table grew from 45 MB to 452 MB over a morning of recomputes, and the recompute from about 5 to
 * 8–11 s). Run after the big writes (the recompute, an import); a database
 * with an autovacuum launcher of its own is left to it. VACUUM cannot run in a transaction, so
 * `db` is the pool, never a transaction.
 */
export async function maintainTables(db: Db): Promise<Maintenance> {
  // Counts of the last second's writes wait in the backend to be flushed at its next idle moment
  // (the embedded database has one backend: the recompute that just ran is in them). The same
  // round trip asks whether a launcher of the server's own does the work instead.
  const done: Maintenance = { vacuumed: [], analyzed: [] };
  const { rows: launcher } = await db.execute<{ running: boolean }>(sql`
    select pg_stat_force_next_flush(),
           exists (select 1 from pg_stat_activity where backend_type = 'autovacuum launcher') as running`);
  if (launcher[0]?.running) return done;
  const { rows } = await db.execute<{ relname: string; vacuum: boolean; analyze: boolean }>(sql`
    select s.relname,
           (s.n_dead_tup > ${VACUUM_THRESHOLD} + ${VACUUM_SCALE}::float8 * greatest(c.reltuples, s.n_live_tup, 0)
            or s.n_ins_since_vacuum > ${VACUUM_INSERT_THRESHOLD} + ${VACUUM_INSERT_SCALE}::float8 * greatest(c.reltuples, s.n_live_tup, 0)
            or c.relpages - c.relallvisible > ${UNSET_PAGES_THRESHOLD} + ${UNSET_PAGES_SCALE}::float8 * c.relpages) as vacuum,
           s.n_mod_since_analyze > ${ANALYZE_THRESHOLD} + ${ANALYZE_SCALE}::float8 * greatest(c.reltuples, s.n_live_tup, 0) as analyze
    from pg_stat_user_tables s
    join pg_class c on c.oid = s.relid
    where s.schemaname = 'public'
    order by s.relname`);
  for (const row of rows) {
    const table = sql.identifier(row.relname);
    if (row.vacuum) {
      // Analyzed only when that is due too: an import's merge analyzes the tables it wrote in its
      // own transaction, and sampling them again would only lengthen the upkeep after it.
      await db.execute(row.analyze ? sql`vacuum (analyze) ${table}` : sql`vacuum ${table}`);
      done.vacuumed.push(row.relname);
    } else if (row.analyze) {
      await db.execute(sql`analyze ${table}`);
      done.analyzed.push(row.relname);
    }
  }
  return done;
}
