import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { PlanReusingPool } from "./reuse-plans";
import * as schema from "./schema";
import { readEnv } from "@/lib/env";

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database handle or an open transaction: domain functions accept either. */
export type DbOrTx = Db | Tx;

// Every process talks to the database over the PostgreSQL wire protocol: a real server through
// DATABASE_URL, or the embedded PGlite served by the one process that opened it (db/embedded.ts).
// One pool per process, kept on globalThis so Next's dev reloads don't open new pools.
const globalForDb = globalThis as unknown as { laokePool?: pg.Pool; laokeDb?: Db };

export function getDb(): Db {
  if (globalForDb.laokeDb) return globalForDb.laokeDb;
  const env = readEnv();
  const url = env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm start` (it serves the embedded database) or set DATABASE_URL.",
    );
  }
  const pool = new PlanReusingPool({ connectionString: url, max: env.LAOKE_DB_POOL_SIZE });
  globalForDb.laokePool = pool;
  globalForDb.laokeDb = drizzle(pool, { schema });
  return globalForDb.laokeDb;
}

export async function closeDb(): Promise<void> {
  const pool = globalForDb.laokePool;
  globalForDb.laokePool = undefined;
  globalForDb.laokeDb = undefined;
  await pool?.end();
}
