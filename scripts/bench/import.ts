// The import half of the bench: the Online Retail file imported end to end through the running
// app's API (as a merchant's script would), and its floor — a bare COPY of the same rows into a
// plain unindexed table on the same database.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { getDb } from "@/db";
import { orderWritesCount } from "@/db/order-writes";
import type { ImportView } from "@/lib/imports/view";

/** Rows in ../shared/datasets/online-retail.csv.gz (the header not counted). */
export const ONLINE_RETAIL_ROWS = 541_909;

/** The file, or why there is none (the bench then skips the import part). */
export function findOnlineRetail(root: string): { file: string } | { skipped: string } {
  const fromEnv = process.env.LAOKE_ONLINE_RETAIL;
  const file = fromEnv ? path.resolve(fromEnv) : path.resolve(root, "../shared/datasets/online-retail.csv.gz");
  if (!fs.existsSync(file)) return { skipped: `${file} not found${fromEnv ? " (LAOKE_ONLINE_RETAIL)" : " (set LAOKE_ONLINE_RETAIL to its path)"}` };
  return { file };
}

export interface ImportRun {
  ms: number;
  view: ImportView;
}

const POLL_MS = 250;
const IMPORT_TIMEOUT_MS = 30 * 60_000;

/**
 * POST /api/v1/imports with the gzip file as the body, then GET /api/v1/imports/{id} every
 * 250 ms until it succeeded or failed; the time is from the POST to the answer that says done
 * (the import's recompute of the scores is inside it).
 */
export async function importThroughApi(
  baseUrl: string,
  token: string,
  file: string,
  onProgress: (line: string) => void,
): Promise<ImportRun> {
  const body = fs.readFileSync(file); // 7.6 MB of gzip: read first so disk reads are not timed
  const headers = { authorization: `Bearer ${token}` };
  const url = `${baseUrl}/api/v1/imports?kind=orders&format=online-retail&fileName=${encodeURIComponent(path.basename(file))}`;
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { ...headers, "content-type": "application/gzip", "content-length": String(body.length) },
    body,
    signal: AbortSignal.timeout(IMPORT_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`POST /api/v1/imports answered ${response.status}: ${text.slice(0, 300)}`);
  const { importId } = JSON.parse(text) as { importId: number };
  onProgress(`import ${importId} accepted after ${Math.round(performance.now() - started)} ms; polling every ${POLL_MS} ms…`);
  let lastLogged = started;
  for (;;) {
    const poll = await fetch(`${baseUrl}/api/v1/imports/${importId}`, { headers, signal: AbortSignal.timeout(60_000) });
    const pollText = await poll.text();
    if (!poll.ok) throw new Error(`GET /api/v1/imports/${importId} answered ${poll.status}: ${pollText.slice(0, 300)}`);
    const view = JSON.parse(pollText) as ImportView;
    const now = performance.now();
    if (view.status === "succeeded" || view.status === "failed") return { ms: now - started, view };
    if (now - started > IMPORT_TIMEOUT_MS) throw new Error(`import ${importId} still ${view.status} after ${IMPORT_TIMEOUT_MS / 60_000} minutes`);
    if (now - lastLogged >= 5000) {
      lastLogged = now;
      onProgress(`import ${importId}: ${view.status}, ${view.processedRows ?? 0} rows processed (${((now - started) / 1000).toFixed(1)} s)`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Milliseconds until the store's co-purchase counts are built at its current order writes (what
 * refreshCoPurchases checks first), polled every 50 ms through the app's database; null after
 * two minutes without.
 */
export async function coPurchasesCurrentAfter(storeId: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < 120_000) {
    const { rows } = await getDb().execute<{ current: boolean }>(sql`
      select coalesce((select built_at_order_writes from co_purchase_refreshes where store_id = ${storeId}) = ${orderWritesCount(storeId)}, false) as current`);
    if (rows[0]?.current) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/** The decompressed CSV, header included, for the floor. */
export function readCsv(file: string): Buffer {
  const raw = fs.readFileSync(file);
  return raw[0] === 0x1f && raw[1] === 0x8b ? zlib.gunzipSync(raw) : raw;
}

const FLOOR_TABLE = "bench_copy_floor";
const CREATE_FLOOR = `create table ${FLOOR_TABLE} (
  invoice_no text, stock_code text, description text, quantity text,
  invoice_date text, unit_price text, customer_id text, country text)`;

export interface FloorRun {
  ms: number;
  rows: number;
  /** Where the COPY ran, for the report. */
  where: string;
}

/** COPY … FROM STDIN through node-postgres into a plain table on `url`'s database; timed, then dropped. */
export async function copyFloorPostgres(url: string, csv: Buffer): Promise<FloorRun> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop table if exists ${FLOOR_TABLE}`);
    await client.query(CREATE_FLOOR);
    try {
      const parts: Buffer[] = [];
      for (let i = 0; i < csv.length; i += 1 << 16) parts.push(csv.subarray(i, i + (1 << 16)));
      const started = performance.now();
      const stream = client.query(copyFrom(`copy ${FLOOR_TABLE} from stdin with (format csv, header true)`));
      await pipeline(Readable.from(parts), stream);
      const ms = performance.now() - started;
      return { ms, rows: Number(stream.rowCount ?? 0), where: "COPY FROM STDIN through node-postgres, same database" };
    } finally {
      await client.query(`drop table if exists ${FLOOR_TABLE}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * The embedded floor. The app's launcher owns the PGlite database and serves it over the wire
 * protocol (db/pglite-wire.ts), which does not carry COPY FROM STDIN (PGlite answers a whole
 * batch of messages in one call, and COPY needs the client's data mid-statement), so the COPY runs, from PGlite's
 * /dev/blob, on a separate PGlite in the bench process with its own data directory `dir` on disk,
 * as the app's is. (Not an in-memory one: there COPY slows down as the table grows — about 30 s
 * for this file against under 3 s on disk — which would make the floor meaninglessly high.)
 */
export async function copyFloorPglite(csv: Buffer, dir: string): Promise<FloorRun> {
  const { PGlite } = await import("@electric-sql/pglite");
  fs.mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  try {
    await db.exec(CREATE_FLOOR);
    const blob = new Blob([new Uint8Array(csv)]);
    const started = performance.now();
    await db.query(`copy ${FLOOR_TABLE} from '/dev/blob' with (format csv, header true)`, [], { blob });
    const ms = performance.now() - started;
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${FLOOR_TABLE}`);
    await db.exec(`drop table ${FLOOR_TABLE}`);
    return {
      ms,
      rows: rows[0]?.n ?? 0,
      where: "COPY from /dev/blob on a separate PGlite (data directory on disk) in the bench process; COPY FROM STDIN does not pass through the app's wire server",
    };
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
