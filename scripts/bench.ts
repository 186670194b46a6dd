// `npm run bench`: seeds a large store and prints, for the embedded database and (when
// BENCH_DATABASE_URL or TEST_DATABASE_URL is set) PostgreSQL, the recompute time against a bare
// GROUP BY over the same orders (the floor), the customers pages' response times under load and
// the server's peak memory, and the Online Retail import end to end through the API against a
// bare COPY of the same rows (its floor), each next to its target. Nothing here asserts: it measures.
//
//   npm run bench [-- --customers 100000 --orders 1000000 --only embedded|postgres --only-import --keep]
//
// For each database the bench (1) opens it itself and fills a fresh store (`bench-<time>`) with
// lib/seed/seed-store.ts, then ANALYZEs it; (2) starts the app as `npm start` does
// (scripts/serve.ts on a free port from 3400, a fresh data directory under the system's temp
// directory); (3) recomputes the scores through the app's database (the embedded one is served by
// the app's launcher process), and again after a rules change, which writes every row; (4) times
// the floor query; (5) signs in over HTTP and loads the customers list, its search and customer
// pages; (6) imports ../shared/datasets/online-retail.csv.gz into
// its own store (GBP, Europe/London) with POST /api/v1/imports and times a bare COPY of the same
// rows (--only-import does only this); all the while sampling the server processes' RSS. After
// the pages it also times the owner's dashboard (scripts/bench/dashboard.ts), the co-purchase
// rebuild through the app's database (scripts/bench/recommendations.ts) and a flash-sale claims
// stampede through the API with an owner token (scripts/bench/flash-claims.ts), then switches
// points on and times three recomputes (scripts/bench/points.ts), the outstanding points and the
// care page's reads against those before (scripts/bench/reads.ts), and after the
// import the co-purchase rebuild on the Online Retail store; each of these may fail alone. It then
// stops the app and removes what it made: the data directory, and on PostgreSQL the throwaway
// database (or, when the user may not create databases, the store and the bench user).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { connectDatabase } from "@/db/connect";
import { runningEmbeddedServerUrl } from "@/db/embedded";
import { closeDb, getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { saveScoringRules } from "@/lib/customers/rules";
import type { StoreContext } from "@/lib/stores/context";
import { seedStore } from "@/lib/seed/seed-store";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { createStore } from "@/lib/stores/commands";
import { ensureUserWithRole } from "@/lib/users/commands";
import { copyFloorPglite, copyFloorPostgres, coPurchasesCurrentAfter, findOnlineRetail, importThroughApi, ONLINE_RETAIL_ROWS, readCsv, type FloorRun, type ImportRun } from "./bench/import";
import type { ImportView } from "@/lib/imports/view";
import { closeClients, CookieJar, median, nextLink, percentile, runLoad, signIn, timedGet, type LoadResult } from "./bench/http";
import { prepareBenchDatabase, redact } from "./bench/postgres";
import { RssSampler, type RssPeaks } from "./bench/rss";
import { cpuPerRequest, describeCpu, treeCpu, type TreeCpu } from "./bench/cpu";
import { buildIfNeeded, freePort, startAppServer, type AppServer } from "./bench/server";
import { benchDashboard, DASHBOARD_TARGET_P50_MS, describeDashboardBench, type DashboardBench } from "./bench/dashboard";
import { benchRecommendations, describeRecommendationsBench, type RecommendationsBench } from "./bench/recommendations";
import { benchFlashClaims, describeFlashClaims, type FlashClaimsBench } from "./bench/flash-claims";
import { benchPoints, describePointsBench, type PointsBench } from "./bench/points";
import { assignRepsAndReview, benchCareReads, benchOutstanding, describeCareReads, describeOutstanding, type CareBench, type OutstandingBench } from "./bench/reads";

type Backend = "embedded" | "postgres";

const TARGETS = {
  recomputeMs: { embedded: 3000, postgres: 2000 } as Record<Backend, number>,
  floorRatio: 3,
  listP95Ms: 150,
  customerP50Ms: 50,
  rssMb: 1024,
  importEmbeddedMs: 20_000,
  importCopyRatio: 4,
  /** The owner's dashboard median; the target is for PostgreSQL. */
  dashboardP50Ms: DASHBOARD_TARGET_P50_MS,
  /** The co-purchase rebuild on the Online Retail store, embedded. */
  coPurchaseImportEmbeddedMs: 10_000,
  /** Flash-sale claims per second through the API, PostgreSQL (and 0 oversold units on both). */
  flashClaimsPerSecond: 1000,
};

const usage = `Usage: npm run bench [-- flags]

  --customers n     customers to seed (default 100000; env BENCH_CUSTOMERS)
  --orders n        orders to seed (default 1000000; env BENCH_ORDERS)
  --seed n          the seed's random seed (default 1)
  --only b          embedded or postgres (default: embedded, and postgres when a URL is set)
  --requests n      customers-list requests under load (default 300)
  --warmup n        customers-list requests before those, at the same concurrency (default 300),
                    and customer-page views of other customers before the 50 timed:
                    a fresh server's first requests run V8's unoptimised code
  --concurrency n   concurrent clients for the list (default 10)
  --recomputes n    recomputes after the first, for the median (default 3); also the
                    co-purchase rebuilds after the first
  --dashboard-views n   owner's dashboard views timed one at a time, after a first and a warm-up (default 60)
  --flash-clients n     concurrent clients for the flash-sale claims (default 64)
  --flash-claims n      flash-sale claims in all (default 6000; the sale holds 80% of them)
  --port n          first port to try for the app (default 3400)
  --skip-analyze    do not ANALYZE after seeding
  --only-import     only the Online Retail import and its COPY floor (no seed, recompute or pages)
  --skip-import     leave the import out
  --keep            keep the data directories, logs and PostgreSQL database

After the customers pages the bench also times, on the bench store, the owner's dashboard, the
co-purchase rebuild and a flash-sale claims stampede through the API; after the import, the
co-purchase rebuild on the Online Retail store. One of these failing prints its error in its
place and the rest of the bench goes on.

PostgreSQL runs when BENCH_DATABASE_URL (or else TEST_DATABASE_URL) is set; when its user may
create databases the bench makes a throwaway one and drops it at the end. The import reads
../shared/datasets/online-retail.csv.gz (or LAOKE_ONLINE_RETAIL) and is skipped without it.`;

// ---------------------------------------------------------------------------------------------
// Options

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const text = value.replace(/[_,]/g, "");
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`--${name} must be a positive whole number, not "${value}".`);
  return Number(text);
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      customers: { type: "string" },
      orders: { type: "string" },
      seed: { type: "string" },
      only: { type: "string" },
      requests: { type: "string" },
      warmup: { type: "string" },
      concurrency: { type: "string" },
      recomputes: { type: "string" },
      "dashboard-views": { type: "string" },
      "flash-clients": { type: "string" },
      "flash-claims": { type: "string" },
      port: { type: "string" },
      "skip-analyze": { type: "boolean", default: false },
      "only-import": { type: "boolean", default: false },
      "skip-import": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;
  let backends: Backend[] = pgUrl ? ["embedded", "postgres"] : ["embedded"];
  if (values.only) {
    if (values.only !== "embedded" && values.only !== "postgres") throw new Error(`--only must be embedded or postgres, not "${values.only}".`);
    if (values.only === "postgres" && !pgUrl) throw new Error("--only postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL.");
    backends = [values.only];
  }
  if (values["only-import"] && values["skip-import"]) throw new Error("--only-import and --skip-import exclude each other.");
  return {
    customers: positiveInt("customers", values.customers ?? process.env.BENCH_CUSTOMERS, 100_000),
    orders: positiveInt("orders", values.orders ?? process.env.BENCH_ORDERS, 1_000_000),
    seed: positiveInt("seed", values.seed, 1),
    requests: positiveInt("requests", values.requests, 300),
    warmup: positiveInt("warmup", values.warmup, 300),
    concurrency: positiveInt("concurrency", values.concurrency, 10),
    recomputes: positiveInt("recomputes", values.recomputes, 3),
    dashboardViews: positiveInt("dashboard-views", values["dashboard-views"], 60),
    flashClients: positiveInt("flash-clients", values["flash-clients"], 64),
    flashClaims: positiveInt("flash-claims", values["flash-claims"], 6000),
    port: positiveInt("port", values.port, 3400),
    analyze: !values["skip-analyze"],
    onlyImport: values["only-import"],
    skipImport: values["skip-import"],
    keep: values.keep,
    backends,
    pgUrl,
  };
}

type Options = ReturnType<typeof readOptions>;

// ---------------------------------------------------------------------------------------------
// Output

const runStarted = performance.now();

function progress(line: string) {
  const s = Math.round((performance.now() - runStarted) / 1000);
  console.log(`[${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}] ${line}`);
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => (Number.isFinite(n) ? `${int(n)} ms` : "—");
const secs = (n: number) =>
  !Number.isFinite(n) ? "—" : n < 1000 ? `${int(n)} ms` : `${(n / 1000).toFixed(n < 10_000 ? 2 : 1)} s`;
const mb = (n: number) => (Number.isFinite(n) && n > 0 ? `${int(n)} MB` : "—");
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

// ---------------------------------------------------------------------------------------------
// Cleanup: everything the bench starts or creates is undone, also on Ctrl-C.

const cleanups: Array<{ label: string; run: () => Promise<void> }> = [];

function onCleanup(label: string, run: () => Promise<void>) {
  const entry = { label, run };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i < 0) return;
    cleanups.splice(i, 1);
    try {
      await run();
    } catch (error) {
      console.error(`Cleanup (${label}) failed: ${error instanceof Error ? error.message : error}`);
    }
  };
}

async function cleanupAll() {
  while (cleanups.length > 0) {
    const { label, run } = cleanups.pop()!;
    try {
      await run();
    } catch (error) {
      console.error(`Cleanup (${label}) failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: stopping and cleaning up…`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// One backend

interface ImportResult {
  /** POST to the answer that says done, the recompute included. */
  ms: number;
  rows: number;
  view: ImportView;
  floor: FloorRun | null;
  floorError: string | null;
  /** Import seconds over COPY seconds. */
  ratio: number;
  /**
   * From the answer that said done to the store's co-purchase counts taking the file in: the
   * import brings them up to date after it (catchUpAfterScores); null when they never did.
   */
  coPurchasesAfterMs: number | null;
  /** The machine's 1-minute load average before the POST: other work slows the import. */
  loadBefore: number;
  /** The same file imported again right after: it should change and write nothing. */
  again: ImportRun;
  /** Launcher + Next.js just before the POST, and the peaks during the import. */
  rssBeforeMb: number;
  rss: RssPeaks;
  /** The co-purchase rebuild (and its reads) on the imported store, after the COPY floor. */
  recommendations: Extra<RecommendationsBench>;
}

/** A piece of the bench that may fail without stopping the rest: its result, or why not. */
type Extra<T> = { value: T; error: null } | { value: null; error: string };

/** "backend: what: message" for every Extra that failed, listed again at the end. */
const extraFailures: string[] = [];

async function extra<T>(backend: Backend, what: string, run: () => Promise<T>): Promise<Extra<T>> {
  try {
    return { value: await run(), error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    extraFailures.push(`${backend}: ${what}: ${message.split("\n", 1)[0]}`);
    progress(`${backend}: ${what} FAILED: ${error instanceof Error ? (error.stack ?? message) : message}`);
    return { value: null, error: message.split("\n", 1)[0]! };
  }
}

/** The seed, recompute and pages part (absent with --only-import). */
interface MainResult {
  seedMs: number;
  analyzeMs: number | null;
  seeded: Awaited<ReturnType<typeof seedStore>>;
  databaseMb: number;
  recomputeFirstMs: number;
  recomputeLaterMs: number[];
  recomputeMedianMs: number;
  /** Save new weights, then recompute: every customer's row is written again. */
  recomputeRulesChangeMs: number[];
  customersScored: number;
  highValue: number;
  floorMs: number[];
  floorMedianMs: number;
  ratio: number;
  list: LoadResult;
  /** What each of those requests cost the server's processes in CPU time. */
  listCpu: TreeCpu | null;
  listSequential: LoadResult;
  /** The sign-in page (no session, no database) under the list's load: what any page costs here. */
  pageFloor: LoadResult;
  pageFloorCpu: TreeCpu | null;
  /** The list's warm-up: the fresh server's first requests, not held to the target. */
  listWarmup: LoadResult;
  listUrls: string[];
  /** Next.js servers answering (LAOKE_WEB_SERVERS, or the launcher's default for the backend). */
  webServers: number;
  customer: LoadResult;
  /** The customer page's warm-up on other customers, not held to the target. */
  customerWarmup: LoadResult;
  /** The list searched by whole names, their first two characters and texts nobody has, one at a time. */
  search: LoadResult;
  /** The list searched by one character: the names' first (common) and ones nobody's name holds. */
  searchOne: LoadResult;
  rss: RssPeaks;
  /** The machine's 1-minute load average before the recompute and after the pages. */
  load: [number, number];
  /** After the pages: the owner's dashboard, the co-purchase rebuild, the flash-sale claims. */
  dashboard: Extra<DashboardBench>;
  recommendations: Extra<RecommendationsBench>;
  flash: Extra<FlashClaimsBench>;
  points: Extra<PointsBench>;
  /** After the points: the store's outstanding points, read and summed from every entry. */
  outstanding: Extra<OutstandingBench>;
  /** Last: reps for the high-value customers, a stricter gate, then the care page's reads. */
  care: Extra<CareBench>;
  /** The server's peaks while those three ran (apart from `rss`, the pages' peak). */
  extrasRss: RssPeaks;
}

interface BackendResult {
  backend: Backend;
  main: MainResult | null;
  importResult: ImportResult | null;
  /** Why the import was not measured, when it was not. */
  importSkipped: string | null;
}

const loadAverage = () => os.loadavg()[0]!;

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

async function benchBackend(backend: Backend, options: Options, runDir: string): Promise<BackendResult> {
  const stamp = Date.now().toString(36);
  const slug = `bench-${stamp}`;
  const email = `${slug}@bench.laoke`;
  const password = randomBytes(18).toString("base64url");
  const dir = path.join(runDir, backend);
  const dataDir = path.join(dir, "data");
  fs.mkdirSync(dir, { recursive: true });

  // Where the database is: a fresh embedded data directory, or a PostgreSQL database.
  let pgUrl: string | null = null;
  let throwaway = false;
  if (backend === "postgres") {
    const db = await prepareBenchDatabase(options.pgUrl!, `laoke_bench_${stamp}`);
    pgUrl = db.url;
    throwaway = db.throwaway;
    progress(`postgres: ${db.description}`);
    if (db.throwaway && !options.keep) onCleanup("drop the bench database", () => db.drop());
    process.env.DATABASE_URL = pgUrl;
  } else {
    delete process.env.DATABASE_URL;
    progress(`embedded: data directory ${dataDir}`);
  }

  // 1. Seed, with the bench process opening the database itself (the app is not running yet,
  //    so its memory is measured after a plain start, as a merchant's app would be).
  const connection = await connectDatabase(dataDir, { mustOwnEmbedded: true });
  const closeConnection = onCleanup("close the database", () => connection.close());
  const storeIds: number[] = [];
  if (backend === "postgres" && !throwaway && !options.keep) {
    // Sharing the URL's database: remove the stores (their rows cascade) and the bench user.
    const url = pgUrl!;
    onCleanup("delete the bench stores", async () => {
      const pg = (await import("pg")).default;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const id of storeIds) await client.query("delete from stores where id = $1", [id]);
        await client.query("delete from users where email = $1", [email]);
      } finally {
        await client.end();
      }
    });
  }

  // The import's own store, set up as a merchant would for this file, and an API token for it.
  const importing = options.skipImport ? { skipped: "--skip-import" } : findOnlineRetail(process.cwd());
  let importSetup: { file: string; token: string; storeId: number } | null = null;
  if ("file" in importing) {
    const importStore = await createStore({ slug: `${slug}-import`, name: `Bench import ${stamp}`, currency: "GBP", timezone: "Europe/London" });
    storeIds.push(importStore.id);
    const { token } = await createApiToken({ store: importStore, role: "owner", userId: null }, "bench import");
    importSetup = { file: importing.file, token, storeId: importStore.id };
  } else {
    progress(`${backend}: the Online Retail import is skipped: ${importing.skipped}`);
  }

  let seeded: SeedPhase | null = null;
  if (!options.onlyImport) {
    const store = await createStore({ slug, name: `Bench ${stamp}` });
    storeIds.push(store.id);
    await ensureUserWithRole({ storeId: store.id, email, password, role: "owner" });
    // The flash-sale claims go through the API as a merchant's shop would, with a token of the store.
    const flashToken = await extra(backend, "creating the flash claims' API token", async () =>
      (await createApiToken({ store, role: "owner", userId: null }, "bench flash claims")).token,
    );
    progress(`${backend}: seeding ${int(options.customers)} customers and ${int(options.orders)} orders into store ${slug}…`);
    const seed = await timed(() => seedStore(getDb(), store.id, { customers: options.customers, orders: options.orders, seed: options.seed }));
    const s = seed.value;
    progress(
      `${backend}: seeded in ${secs(seed.ms)}: ${int(s.customers)} customers, ${int(s.orders)} orders, ${int(s.orderItems)} order items, ` +
        `${int(s.returns)} returns, ${int(s.reviews)} reviews, ${int(s.shares)} shares, ${int(s.products)} products, ${int(s.flagged)} flagged`,
    );
    let analyzeMs: number | null = null;
    if (options.analyze) {
      // PostgreSQL's autovacuum would do this shortly after the load; the embedded one has none.
      analyzeMs = (await timed(() => getDb().execute(sql`analyze`))).ms;
      progress(`${backend}: ANALYZE took ${secs(analyzeMs)}`);
    }
    const { rows: sizeRows } = await getDb().execute<{ bytes: string }>(sql`select pg_database_size(current_database())::text as bytes`);
    const databaseMb = Number(sizeRows[0]?.bytes ?? 0) / 1024 / 1024;
    seeded = { storeId: store.id, seedMs: seed.ms, analyzeMs, seeded: s, databaseMb, flashToken };
  }
  await closeConnection();

  // 2. Start the app as `npm start` does.
  const port = await freePort(options.port);
  // The API's rate limit off: the claims stampede measures what the server can take, which at
  // the default (100 a second per store) would be the limit.
  const env: NodeJS.ProcessEnv = { ...process.env, LAOKE_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", LAOKE_API_RATE_PER_SECOND: "0" };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_URL;
  delete env.NEXTAUTH_SECRET;
  if (pgUrl) env.DATABASE_URL = pgUrl;
  progress(`${backend}: starting the app on port ${port} (log: ${path.join(dir, "server.log")})…`);
  const server = await startAppServer({
    root: process.cwd(),
    port,
    env,
    logFile: path.join(dir, "server.log"),
    onProgress: (line) => progress(`${backend}: ${line}`),
  });
  const stopServer = onCleanup("stop the app", () => {
    closeClients();
    return server.stop();
  });
  progress(`${backend}: the app answers at ${server.baseUrl} (launcher pid ${server.pid}, ${server.webServers} web server${server.webServers === 1 ? "" : "s"})`);
  const sampler = new RssSampler(server.pid);
  let importSampler: RssSampler | null = null;

  try {
    // The app's database, reached the way the app and the command line reach it.
    process.env.DATABASE_URL = pgUrl ?? runningEmbeddedServerUrl(dataDir) ?? "";
    if (!process.env.DATABASE_URL) throw new Error(`No running embedded database found in ${dataDir}`);
    onCleanup("close the bench's connections", () => closeDb());

    let main: MainResult | null = null;
    if (seeded) {
      sampler.start();
      main = await measureScoresAndPages(backend, options, seeded, server, slug, email, password, sampler);
    }

    // 6. The Online Retail import end to end through the API, then its floor.
    let importResult: ImportResult | null = null;
    if (importSetup) {
      importSampler = new RssSampler(server.pid);
      importSampler.sample();
      const rssBeforeMb = importSampler.latestTotalMb();
      importSampler.start();
      const loadBefore = os.loadavg()[0]!;
      progress(
        `${backend}: importing ${importSetup.file} through POST /api/v1/imports (server RSS ${mb(rssBeforeMb)} before; ` +
          `load average ${loadBefore.toFixed(2)} on ${os.cpus().length} CPUs)…`,
      );
      const run = await importThroughApi(server.baseUrl, importSetup.token, importSetup.file, (line) => progress(`${backend}: ${line}`));
      const rss = importSampler.stop();
      const rows = run.view.totalRows || ONLINE_RETAIL_ROWS;
      progress(
        `${backend}: import ${run.view.status} in ${secs(run.ms)} (${int(rows / (run.ms / 1000))} rows/s); counts ${JSON.stringify(run.view.counts)}; ` +
          `peak RSS ${mb(rss.totalMb)} (before ${mb(rssBeforeMb)})` + (run.view.message ? `; ${run.view.message}` : ""),
      );
      if (run.view.status !== "succeeded") {
        progress(`${backend}: import errors: ${JSON.stringify(run.view.errors).slice(0, 500)}`);
      }
      // Waited for, so the next import and the floor do not run beside it.
      const coPurchasesAfterMs = run.view.status === "succeeded" ? await coPurchasesCurrentAfter(importSetup.storeId) : null;
      progress(`${backend}: co-purchase counts ${coPurchasesAfterMs === null ? "not brought up to date" : `current ${secs(coPurchasesAfterMs)} after the import said done`}`);
      progress(`${backend}: importing the same file again…`);
      const again = await importThroughApi(server.baseUrl, importSetup.token, importSetup.file, (line) => progress(`${backend}: ${line}`));
      progress(`${backend}: again: ${again.view.status} in ${secs(again.ms)}; counts ${JSON.stringify(again.view.counts)}`);
      const csv = readCsv(importSetup.file);
      let floor: FloorRun | null = null;
      let floorError: string | null = null;
      try {
        progress(`${backend}: floor: COPY of the same ${int(rows)} rows into a plain table…`);
        floor = backend === "postgres" ? await copyFloorPostgres(pgUrl!, csv) : await copyFloorPglite(csv, path.join(dir, "copy-floor"));
        progress(`${backend}: floor: ${int(floor.rows)} rows in ${secs(floor.ms)} (${floor.where}); ratio ${(run.ms / floor.ms).toFixed(2)}`);
      } catch (error) {
        floorError = error instanceof Error ? error.message : String(error);
        progress(`${backend}: floor failed: ${floorError}`);
      }
      // The co-purchase rebuild at Online Retail size, through the app's database as the recompute is.
      const importStoreId = importSetup.storeId;
      progress(`${backend}: co-purchase rebuild on the Online Retail store, ${options.recomputes + 1} times…`);
      const recommendations = await extra(backend, "co-purchase rebuild on the Online Retail store", () =>
        benchRecommendations(importStoreId, { runs: options.recomputes + 1 }),
      );
      for (const line of recommendations.value ? describeRecommendationsBench(recommendations.value) : []) progress(`${backend}: import store: ${line}`);
      importResult = {
        ms: run.ms,
        rows,
        view: run.view,
        floor,
        floorError,
        ratio: floor ? run.ms / floor.ms : Number.NaN,
        coPurchasesAfterMs,
        loadBefore,
        again,
        rssBeforeMb,
        rss,
        recommendations,
      };
    }
    return { backend, main, importResult, importSkipped: importSetup ? null : "skipped" in importing ? importing.skipped : null };
  } finally {
    sampler.stop();
    importSampler?.stop();
    await closeDb();
    progress(`${backend}: stopping the app…`);
    await stopServer();
  }
}

interface SeedPhase {
  storeId: number;
  seedMs: number;
  analyzeMs: number | null;
  seeded: Awaited<ReturnType<typeof seedStore>>;
  databaseMb: number;
  /** An owner API token of the bench store, for the flash-sale claims. */
  flashToken: Extra<string>;
}

/** Steps 3–5: recompute, its floor, and the pages, on the seeded store. */
async function measureScoresAndPages(
  backend: Backend,
  options: Options,
  seeded: SeedPhase,
  server: AppServer,
  slug: string,
  email: string,
  password: string,
  sampler: RssSampler,
): Promise<MainResult> {
  const { baseUrl, pid: serverPid } = server;
  const db = getDb();
  const storeId = seeded.storeId;
  const loadBefore = loadAverage();
  progress(`${backend}: load average ${loadBefore.toFixed(2)} on ${os.cpus().length} CPUs (other work on the machine slows every figure)`);

  // 3. Recompute: the first (no previous scores), then `recomputes` more for the median.
  progress(`${backend}: recompute 1 (no previous scores)…`);
  const first = await timed(() => recomputeScores(storeId));
  progress(`${backend}: recompute 1: ${secs(first.ms)} (${int(first.value.customers)} customers, ${int(first.value.scored)} scored, ${int(first.value.highValue)} high-value)`);
  const later: number[] = [];
  for (let i = 0; i < options.recomputes; i++) {
    const run = await timed(() => recomputeScores(storeId));
    later.push(run.ms);
    progress(`${backend}: recompute ${i + 2}: ${secs(run.ms)}`);
  }
  // A rules change, as the owner saves it in the settings: every customer's score moves, so every
  // row is written again, where the recomputes above write only the rows that changed. The
  // frequency weight goes from 25 (the default) to 26 and back. Each follows, untimed, a
  // recompute with nothing to write, as a merchant's click before editing the rules: a score
  // update of a row or none once left a plan in the session that made the next rules change
  // quadratic in the store's size (migration 0028).
  const owner: StoreContext = { store: { id: storeId, slug, name: slug, currency: "CNY", timezone: "Asia/Shanghai" }, role: "owner", userId: null };
  const rulesChange: number[] = [];
  for (const frequency of [26, 25]) {
    await recomputeScores(storeId);
    const run = await timed(async () => {
      await saveScoringRules(owner, { weights: { frequency } });
      return recomputeScores(storeId);
    });
    rulesChange.push(run.ms);
    progress(`${backend}: save a frequency weight of ${frequency} and recompute: ${secs(run.ms)}`);
  }

  // 4. The floor: one bare GROUP BY customer over the same orders, through the same path.
  //    Wrapped so only one row comes back, as the recompute returns none.
  const floorMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const run = await timed(() =>
      db.execute(sql`
        select count(*) as customers, sum(n) as orders, sum(spend) as spend from (
          select customer_id, count(*) as n, sum(total) as spend
          from orders where store_id = ${storeId} and status = 'paid'
          group by customer_id) t`),
    );
    floorMs.push(run.ms);
  }
  const floorMedianMs = median(floorMs);
  const recomputeMedianMs = median(later);
  progress(`${backend}: floor (GROUP BY customer) ${floorMs.map(secs).join(" / ")}; ratio ${(recomputeMedianMs / floorMedianMs).toFixed(2)}`);

  // 5. Pages, signed in as the store's owner.
  const jar = await signIn(baseUrl, email, password);
  const base = `${baseUrl}/s/${slug}/customers`;
  const firstPage = await timedGet(base, jar);
  if (firstPage.status !== 200 || !firstPage.body.includes('data-testid="customer-row"')) {
    throw new Error(`GET ${base} answered ${firstPage.status} without customer rows: ${firstPage.body.slice(0, 300)}`);
  }
  const next = nextLink(firstPage.body);
  const listUrls = [base, `${base}?sort=netSpend`, `${base}?tier=gold`, `${base}?highValue=true`];
  if (next) listUrls.push(new URL(next, baseUrl).toString());
  else progress(`${backend}: the first page has no rel="next" link; no cursor page in the mix`);
  // The server has only signed the owner in: its first requests run V8's unoptimised code (the
  // first hundred took 19–30 ms of CPU each on this page against 12–14 ms later, in session 14).
  // The target is for a server that has been serving, so those are timed apart and reported.
  progress(`${backend}: customers list: ${options.warmup} warm-up requests, then ${options.requests}, both with ${options.concurrency} concurrent clients…`);
  const listWarmup = await runLoad(listUrls, jar, options.warmup, options.concurrency);
  progress(`${backend}: list warm-up (the fresh server's first requests): p50 ${ms(median(listWarmup.times))}, p95 ${ms(percentile(listWarmup.times, 95))}`);
  const listCpuBefore = treeCpu(serverPid);
  const list = await runLoad(listUrls, jar, options.requests, options.concurrency);
  const listCpu = cpuPerRequest(listCpuBefore, treeCpu(serverPid), options.requests);
  // The same pages one at a time: the response time without queueing, for comparison.
  const listSequential = await runLoad(listUrls, jar, listUrls.length * 4, 1);
  progress(
    `${backend}: list p50 ${ms(median(list.times))}, p95 ${ms(percentile(list.times, 95))}, ` +
      `${(list.times.length / (list.wallMs / 1000)).toFixed(1)} req/s, ${list.errors} errors; ${describeCpu(listCpu)}`,
  );
  for (const [url, times] of list.byUrl) {
    progress(`    ${url.slice(baseUrl.length).padEnd(50).slice(0, 90)} p50 ${ms(median(times))}  p95 ${ms(percentile(times, 95))}`);
  }
  progress(`${backend}: list with one client: p50 ${ms(median(listSequential.times))}, p95 ${ms(percentile(listSequential.times, 95))}`);
  if (list.firstError) progress(`${backend}: first list error: ${list.firstError}`);
  // What a page costs on this machine before any of the list's own work: the sign-in page, which
  // reads no session and no database, under the same load (warmed up alike). The list's p95 can
  // come no nearer the target than this one's.
  const loginUrl = [`${baseUrl}/login`];
  await runLoad(loginUrl, new CookieJar(), options.warmup, options.concurrency);
  const pageFloorCpuBefore = treeCpu(serverPid);
  const pageFloor = await runLoad(loginUrl, new CookieJar(), options.requests, options.concurrency);
  const pageFloorCpu = cpuPerRequest(pageFloorCpuBefore, treeCpu(serverPid), options.requests);
  progress(
    `${backend}: sign-in page under the same load: p50 ${ms(median(pageFloor.times))}, p95 ${ms(percentile(pageFloor.times, 95))}, ` +
      `${pageFloor.errors} errors; ${describeCpu(pageFloorCpu)}`,
  );

  const { rows: idRows } = await db.execute<{ customer_id: number }>(
    sql`select customer_id from customer_scores where store_id = ${storeId} order by customer_id limit 110`,
  );
  const ids = idRows.map((r) => Number(r.customer_id));
  const customerUrls = ids.map((id) => `${base}/${id}`);
  const others = customerUrls.slice(50);
  progress(`${backend}: customer page: ${Math.min(50, customerUrls.length)} customers, one at a time, after ${options.warmup} views of ${others.length} others…`);
  // Warmed up on other customers as the list is, for a server that has been serving: the page's
  // median fell from 40 to 25 ms over its first 75 views on a fresh server (session 14), and
  // after 60 views it still stood at 48–51 ms against 31 ms after 170 (session 20).
  const customerWarmup = await runLoad(others, jar, options.warmup, 1);
  progress(`${backend}: customer page warm-up (the fresh server's first views): p50 ${ms(median(customerWarmup.times))}, p95 ${ms(percentile(customerWarmup.times, 95))}`);
  const customer = await runLoad(customerUrls.slice(0, 50), jar, Math.min(50, customerUrls.length), 1);
  progress(`${backend}: customer page p50 ${ms(median(customer.times))}, p95 ${ms(percentile(customer.times, 95))}, ${customer.errors} errors`);
  if (customer.firstError) progress(`${backend}: first customer-page error: ${customer.firstError}`);

  // The list's search, one at a time: 30 customers' whole names, their first two characters (a
  // surname and a given name's first, which pg_trgm cannot serve and the pairs' index does), then
  // 30 searches that match nobody.
  const { rows: nameRows } = await db.execute<{ name: string }>(
    sql`select name from customers where store_id = ${storeId} and char_length(name) >= 2 order by id limit 30 offset 1000`,
  );
  const searchUrls = [
    ...nameRows.map((r) => `${base}?q=${encodeURIComponent(r.name)}`),
    ...nameRows.map((r) => `${base}?q=${encodeURIComponent([...r.name].slice(0, 2).join(""))}`),
    ...nameRows.map((_, i) => `${base}?q=nobody-${i}`),
  ];
  const search = await runLoad(searchUrls, jar, searchUrls.length, 1);
  progress(`${backend}: search, one at a time: p50 ${ms(median(search.times))}, p95 ${ms(percentile(search.times, 95))}, ${search.errors} errors`);
  // One character, a surname as a merchant types it: the same names' first, which many names hold
  // (walked in the list's order), and 30 of the rarest CJK characters, which none holds (found
  // through the names' characters).
  const oneUrls = [
    ...nameRows.map((r) => `${base}?q=${encodeURIComponent([...r.name][0]!)}`),
    ...nameRows.map((_, i) => `${base}?q=${encodeURIComponent(String.fromCodePoint(0x9fa0 + i))}`),
  ];
  const searchOne = await runLoad(oneUrls, jar, oneUrls.length, 1);
  progress(`${backend}: search by one character: p50 ${ms(median(searchOne.times))}, p95 ${ms(percentile(searchOne.times, 95))}, ${searchOne.errors} errors`);

  const rss = sampler.stop();
  progress(`${backend}: peak RSS ${mb(rss.totalMb)} (launcher ${mb(rss.launcherMb)}, Next.js ${mb(rss.childrenMb)}; ${rss.samples} samples)`);
  const loadAfter = loadAverage();

  // 5b. The owner's dashboard, the co-purchase rebuild and a flash-sale claims stampede, in that
  //     order (the claims add customers to the store). Each may fail alone: its error is printed
  //     in its place and the rest goes on. The server's RSS is sampled apart from the pages'.
  const extrasSampler = new RssSampler(serverPid);
  extrasSampler.start();
  let dashboard: Extra<DashboardBench>;
  let recommendations: Extra<RecommendationsBench>;
  let flash: Extra<FlashClaimsBench>;
  let points: Extra<PointsBench>;
  let outstanding: Extra<OutstandingBench>;
  let care: Extra<CareBench>;
  let extrasRss: RssPeaks;
  try {
    progress(`${backend}: owner's dashboard: the first view, then ${options.dashboardViews} one at a time over the four periods…`);
    dashboard = await extra(backend, "dashboard", () => benchDashboard(baseUrl, jar, slug, { requests: options.dashboardViews }));
    if (dashboard.value) progress(describeDashboardBench(backend, dashboard.value));

    progress(`${backend}: co-purchase rebuild on the bench store, ${options.recomputes + 1} times, through the app's database…`);
    recommendations = await extra(backend, "co-purchase rebuild", () => benchRecommendations(storeId, { runs: options.recomputes + 1 }));
    for (const line of recommendations.value ? describeRecommendationsBench(recommendations.value) : []) progress(`${backend}: ${line}`);

    const token = seeded.flashToken;
    if (token.value === null) {
      flash = { value: null, error: `no API token: ${token.error}` };
    } else {
      progress(`${backend}: flash-sale claims: ${int(options.flashClaims)} claims from ${options.flashClients} concurrent clients through the API…`);
      flash = await extra(backend, "flash claims", () =>
        benchFlashClaims(baseUrl, token.value, { clients: options.flashClients, claims: options.flashClaims }),
      );
      if (flash.value) progress(describeFlashClaims(backend, flash.value));
    }

    // Last: it writes points entries and corrects 100 orders, which nothing above should see.
    progress(`${backend}: points switched on, then three recomputes…`);
    points = await extra(backend, "points", () => benchPoints(owner));
    if (points.value) progress(`${backend}: ${describePointsBench(points.value)}`);

    // The members page's and the dashboard's outstanding points at the ledger just written.
    outstanding = await extra(backend, "outstanding points", () => benchOutstanding(storeId));
    if (outstanding.value) progress(`${backend}: ${describeOutstanding(outstanding.value)}`);
    // Last, as it changes the scoring rules: the care page's counts and "needs review" list.
    progress(`${backend}: care page: six reps for every high-value customer, a stricter return-rate gate and its recompute, then its reads…`);
    care = await extra(backend, "care page", async () => {
      await assignRepsAndReview(owner);
      return benchCareReads(owner);
    });
    for (const line of care.value ? describeCareReads(care.value) : []) progress(`${backend}: ${line}`);
  } finally {
    extrasRss = extrasSampler.stop();
  }
  progress(`${backend}: peak RSS during the dashboard, co-purchases, claims and points ${mb(extrasRss.totalMb)}`);
  return {
    seedMs: seeded.seedMs,
    analyzeMs: seeded.analyzeMs,
    seeded: seeded.seeded,
    databaseMb: seeded.databaseMb,
    recomputeFirstMs: first.ms,
    recomputeLaterMs: later,
    recomputeMedianMs,
    recomputeRulesChangeMs: rulesChange,
    customersScored: first.value.scored,
    highValue: first.value.highValue,
    floorMs,
    floorMedianMs,
    ratio: recomputeMedianMs / floorMedianMs,
    list,
    listCpu,
    listSequential,
    pageFloor,
    pageFloorCpu,
    listWarmup,
    listUrls,
    webServers: server.webServers,
    customer,
    customerWarmup,
    search,
    searchOne,
    rss,
    load: [loadBefore, loadAfter],
    dashboard,
    recommendations,
    flash,
    points,
    outstanding,
    care,
    extrasRss,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

function report(all: BackendResult[], options: Options) {
  const results = all.flatMap((r) => (r.main ? [{ backend: r.backend, ...r.main }] : []));
  if (results.length > 0) {
    const header = ["backend", "seed", "recompute 1st / median", "floor", "ratio", "list p50 / p95", "customer p50", "peak RSS", "dashboard p50", "co-purchases", "claims/s"];
    const rows = results.map((r) => [
      r.backend,
      secs(r.seedMs),
      `${secs(r.recomputeFirstMs)} / ${secs(r.recomputeMedianMs)}`,
      secs(r.floorMedianMs),
      r.ratio.toFixed(1),
      `${int(median(r.list.times))} / ${int(percentile(r.list.times, 95))} ms`,
      ms(median(r.customer.times)),
      mb(r.rss.totalMb),
      r.dashboard.value ? ms(r.dashboard.value.p50Ms) : "failed",
      r.recommendations.value ? secs(r.recommendations.value.refreshMedianMs) : "failed",
      r.flash.value ? `${int(r.flash.value.claimsPerSecond)}${r.flash.value.oversold > 0 ? " OVERSOLD" : ""}` : "failed",
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("   ").trimEnd();

    console.log(`\n=== Laoke bench: ${int(options.customers)} customers, ${int(options.orders)} orders (seed ${options.seed}) on ${os.cpus().length} CPUs ===\n`);
    console.log(line(header));
    for (const row of rows) console.log(line(row));

    for (const r of results) {
      const listP95 = percentile(r.list.times, 95);
      const customerP50 = median(r.customer.times);
      const target = TARGETS.recomputeMs[r.backend];
      console.log(`\n${r.backend}:`);
      console.log(
        `  data           ${int(r.seeded.customers)} customers, ${int(r.seeded.orders)} orders, ${int(r.seeded.orderItems)} items, ` +
          `${int(r.seeded.returns)} returns, ${int(r.seeded.reviews)} reviews, ${int(r.seeded.shares)} shares; database ${mb(r.databaseMb)}` +
          (r.analyzeMs === null ? "; not analyzed" : `; ANALYZE ${secs(r.analyzeMs)}`),
      );
      console.log(
        `  recompute      first ${secs(r.recomputeFirstMs)}, then ${r.recomputeLaterMs.map(secs).join(", ")}; ` +
          `${int(r.customersScored)} scored, ${int(r.highValue)} high-value; after a rules change ${r.recomputeRulesChangeMs.map(secs).join(", ")}`,
      );
      console.log(`  floor          ${r.floorMs.map(secs).join(", ")}`);
      console.log(
        `  list           ${r.list.times.length} requests × ${options.concurrency} concurrent over ${r.listUrls.length} URLs, ${r.webServers} web server${r.webServers === 1 ? "" : "s"}: ` +
          `p50 ${ms(median(r.list.times))}, p95 ${ms(listP95)}, max ${ms(Math.max(...r.list.times))}, ${r.list.errors} errors; ${describeCpu(r.listCpu)}`,
      );
      console.log(`  list, warm-up  the fresh server's first ${r.listWarmup.times.length} requests × ${options.concurrency} concurrent: p50 ${ms(median(r.listWarmup.times))}, p95 ${ms(percentile(r.listWarmup.times, 95))} (not the target's)`);
      console.log(`  list, 1 client ${r.listSequential.times.length} requests one at a time: p50 ${ms(median(r.listSequential.times))}, p95 ${ms(percentile(r.listSequential.times, 95))}`);
      console.log(`  page floor     the sign-in page (no session, no database), ${r.pageFloor.times.length} requests × ${options.concurrency} concurrent: p50 ${ms(median(r.pageFloor.times))}, p95 ${ms(percentile(r.pageFloor.times, 95))}, ${r.pageFloor.errors} errors; ${describeCpu(r.pageFloorCpu)}`);
      console.log(`  search         ${r.search.times.length} list searches one at a time (whole names, their first two characters, texts nobody has): p50 ${ms(median(r.search.times))}, p95 ${ms(percentile(r.search.times, 95))}, ${r.search.errors} errors`);
      console.log(`  search, 1 char ${r.searchOne.times.length} searches of one character one at a time (the names' first, rare ones nobody holds): p50 ${ms(median(r.searchOne.times))}, p95 ${ms(percentile(r.searchOne.times, 95))}, ${r.searchOne.errors} errors`);
      console.log(`  customer page  ${r.customer.times.length} customers one at a time: p50 ${ms(customerP50)}, p95 ${ms(percentile(r.customer.times, 95))}, ${r.customer.errors} errors`);
      console.log(`  customer, warm-up  the fresh server's first ${r.customerWarmup.times.length} views of other customers: p50 ${ms(median(r.customerWarmup.times))}, p95 ${ms(percentile(r.customerWarmup.times, 95))} (not the target's)`);
      console.log(`  peak RSS       ${mb(r.rss.totalMb)} together: launcher ${mb(r.rss.launcherMb)}${r.backend === "embedded" ? " (holds PGlite)" : ""}, Next.js ${mb(r.rss.childrenMb)}` + (r.backend === "postgres" ? " (PostgreSQL's own processes not counted)" : ""));
      console.log(`  load average   ${r.load[0].toFixed(2)} before the recompute, ${r.load[1].toFixed(2)} after the pages (${os.cpus().length} CPUs)`);
      console.log(`  dashboard      ${r.dashboard.value ? describeDashboardBench(r.backend, r.dashboard.value) : `failed: ${r.dashboard.error}`}`);
      if (r.recommendations.value) {
        for (const text of describeRecommendationsBench(r.recommendations.value)) console.log(`  co-purchases   ${text}`);
      } else console.log(`  co-purchases   failed: ${r.recommendations.error}`);
      console.log(`  flash claims   ${r.flash.value ? describeFlashClaims(r.backend, r.flash.value) : `failed: ${r.flash.error}`}`);
      console.log(`  points         ${r.points.value ? describePointsBench(r.points.value) : `failed: ${r.points.error}`}`);
      console.log(`  outstanding    ${r.outstanding.value ? describeOutstanding(r.outstanding.value) : `failed: ${r.outstanding.error}`}`);
      if (r.care.value) {
        for (const text of describeCareReads(r.care.value)) console.log(`  care page      ${text}`);
      } else console.log(`  care page      failed: ${r.care.error}`);
      console.log(`  RSS, extras    ${mb(r.extrasRss.totalMb)} peak during the dashboard, co-purchases, claims and points: launcher ${mb(r.extrasRss.launcherMb)}, Next.js ${mb(r.extrasRss.childrenMb)}`);
      console.log("  targets");
      console.log(`    ${verdict(r.recomputeMedianMs <= target)}  recompute median ${secs(r.recomputeMedianMs)} ≤ ${secs(target)}`);
      const rulesChangeMs = Math.max(...r.recomputeRulesChangeMs);
      console.log(`    ${verdict(rulesChangeMs <= target)}  recompute after a rules change (every row written) ${secs(rulesChangeMs)} ≤ ${secs(target)}`);
      if (r.points.value) {
        console.log(`    ${verdict(r.points.value.unchangedMs <= target)}  recompute with points on, nothing changed ${secs(r.points.value.unchangedMs)} ≤ ${secs(target)}`);
      } else console.log(`    MISS  recompute with points on not measured: ${r.points.error}`);
      console.log(`    ${verdict(r.ratio <= TARGETS.floorRatio)}  ratio to the floor ${r.ratio.toFixed(2)} ≤ ${TARGETS.floorRatio}`);
      console.log(`    ${verdict(listP95 <= TARGETS.listP95Ms && r.list.errors === 0)}  list p95 ${ms(listP95)} ≤ ${TARGETS.listP95Ms} ms${r.list.errors ? ` (${r.list.errors} errors)` : ""}`);
      console.log(`    ${verdict(customerP50 <= TARGETS.customerP50Ms && r.customer.errors === 0)}  customer page median ${ms(customerP50)} ≤ ${TARGETS.customerP50Ms} ms${r.customer.errors ? ` (${r.customer.errors} errors)` : ""}`);
      console.log(`    ${verdict(r.rss.totalMb <= TARGETS.rssMb)}  peak server RSS ${mb(r.rss.totalMb)} ≤ ${mb(TARGETS.rssMb)}`);
      const d = r.dashboard.value;
      if (!d) console.log(`    MISS  dashboard not measured: ${r.dashboard.error}`);
      else if (r.backend === "postgres") {
        console.log(`    ${verdict(d.p50Ms <= TARGETS.dashboardP50Ms && d.errors === 0)}  dashboard median ${ms(d.p50Ms)} ≤ ${TARGETS.dashboardP50Ms} ms${d.errors ? ` (${d.errors} errors)` : ""}`);
      } else {
        console.log(`    info  dashboard median ${ms(d.p50Ms)} (the ≤ ${TARGETS.dashboardP50Ms} ms target is PostgreSQL's)${d.errors ? `; ${d.errors} errors` : ""}`);
      }
      const f = r.flash.value;
      if (!f) console.log(`    MISS  flash claims not measured: ${r.flash.error}`);
      else {
        console.log(`    ${f.oversold === 0 && f.consistent ? "PASS" : "FAIL"}  flash sale oversold ${f.oversold} units = 0 (sold ${int(f.sold)} of ${int(f.quantity)}, ${int(f.unitsTaken)} units given to the clients)`);
        if (r.backend === "postgres") {
          console.log(`    ${verdict(f.claimsPerSecond >= TARGETS.flashClaimsPerSecond && f.errors === 0)}  flash claims ${int(f.claimsPerSecond)}/s ≥ ${int(TARGETS.flashClaimsPerSecond)}/s${f.errors ? ` (${f.errors} errors)` : ""}`);
        }
      }
      console.log(`    ${verdict(r.extrasRss.totalMb <= TARGETS.rssMb)}  peak server RSS during the dashboard, co-purchases, claims and points ${mb(r.extrasRss.totalMb)} ≤ ${mb(TARGETS.rssMb)}`);
    }
  }

  const imports = all.filter((r) => r.importResult || r.importSkipped);
  if (imports.length === 0) return;
  console.log(`\n=== Online Retail import end to end (POST /api/v1/imports, the recompute included) vs a bare COPY of the same rows ===\n`);
  const ih = ["backend", "import", "rows/s", "COPY floor", "ratio", "RSS before / peak", "co-purchases"];
  const irows = imports.map((r) => {
    const i = r.importResult;
    if (!i) return [r.backend, `skipped: ${r.importSkipped}`, "", "", "", "", ""];
    return [
      r.backend,
      `${secs(i.ms)}${i.view.status === "succeeded" ? "" : ` (${i.view.status})`}`,
      int(i.rows / (i.ms / 1000)),
      i.floor ? secs(i.floor.ms) : "—",
      Number.isFinite(i.ratio) ? i.ratio.toFixed(1) : "—",
      `${mb(i.rssBeforeMb)} / ${mb(i.rss.totalMb)}`,
      i.recommendations.value ? secs(i.recommendations.value.refreshMedianMs) : "failed",
    ];
  });
  const iw = ih.map((h, k) => Math.max(h.length, ...irows.map((row) => row[k]!.length)));
  const iline = (cells: string[]) => cells.map((c, k) => c.padEnd(iw[k]!)).join("   ").trimEnd();
  console.log(iline(ih));
  for (const row of irows) console.log(iline(row));
  for (const r of imports) {
    const i = r.importResult;
    console.log(`\n${r.backend} import:`);
    if (!i) {
      console.log(`  skipped        ${r.importSkipped}`);
      continue;
    }
    const c = (i.view.counts ?? {}) as Record<string, { created?: number; updated?: number } | undefined>;
    console.log(
      `  import         ${i.view.status} in ${secs(i.ms)}: ${int(i.rows)} rows, ${int(i.rows / (i.ms / 1000))} rows/s; ` +
        `orders created ${int(c.orders?.created ?? 0)}, customers ${int(c.customers?.created ?? 0)}, products ${int(c.products?.created ?? 0)}; ` +
        `${int(i.view.skippedRows ?? 0)} skipped, ${int(i.view.ignoredRows ?? 0)} ignored` + (i.view.message ? `; ${i.view.message}` : ""),
    );
    console.log(
      `  after it       co-purchase counts current ${i.coPurchasesAfterMs === null ? "never (see the server's log)" : `${secs(i.coPurchasesAfterMs)} after the import said done`} ` +
        `(brought up to date after the import says it succeeded; embedded, the poll is answered only once they are)`,
    );
    const changed = Object.keys(i.again.view.counts ?? {}).length > 0;
    console.log(
      `  again          the same file ${i.again.view.status} in ${secs(i.again.ms)}: ` +
        (changed ? `changed ${JSON.stringify(i.again.view.counts)} (should be nothing)` : "nothing changed"),
    );
    console.log(`  load average   ${i.loadBefore.toFixed(2)} before the import (${os.cpus().length} CPUs)`);
    console.log(i.floor ? `  COPY floor     ${int(i.floor.rows)} rows in ${secs(i.floor.ms)}: ${i.floor.where}` : `  COPY floor     failed: ${i.floorError}`);
    console.log(
      `  server RSS     ${mb(i.rssBeforeMb)} before the import, peak ${mb(i.rss.totalMb)} during it (+${int(Math.max(0, i.rss.totalMb - i.rssBeforeMb))} MB): ` +
        `launcher ${mb(i.rss.launcherMb)}${r.backend === "embedded" ? " (holds PGlite)" : ""}, Next.js ${mb(i.rss.childrenMb)}; ${i.rss.samples} samples`,
    );
    if (i.recommendations.value) {
      for (const text of describeRecommendationsBench(i.recommendations.value)) console.log(`  co-purchases   ${text}`);
    } else console.log(`  co-purchases   failed: ${i.recommendations.error}`);
    console.log("  targets");
    if (r.backend === "embedded") {
      console.log(`    ${verdict(i.view.status === "succeeded" && i.ms <= TARGETS.importEmbeddedMs)}  import end to end ${secs(i.ms)} ≤ ${secs(TARGETS.importEmbeddedMs)}`);
      const c = i.recommendations.value;
      console.log(
        c
          ? `    ${verdict(c.refreshMedianMs <= TARGETS.coPurchaseImportEmbeddedMs)}  co-purchase rebuild median ${secs(c.refreshMedianMs)} ≤ ${secs(TARGETS.coPurchaseImportEmbeddedMs)}`
          : `    MISS  co-purchase rebuild not measured: ${i.recommendations.error}`,
      );
    }
    console.log(`    ${verdict(i.view.status === "succeeded" && i.ratio <= TARGETS.importCopyRatio)}  ratio to COPY ${Number.isFinite(i.ratio) ? i.ratio.toFixed(2) : "—"} ≤ ${TARGETS.importCopyRatio}`);
    console.log(`    ${verdict(i.rss.totalMb <= TARGETS.rssMb)}  peak server RSS during the import ${mb(i.rss.totalMb)} ≤ ${mb(TARGETS.rssMb)} (before: ${mb(i.rssBeforeMb)})`);
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = readOptions();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-bench-"));
  if (!options.keep) onCleanup("remove the bench's files", async () => fs.rmSync(runDir, { recursive: true, force: true }));
  progress(
    `bench: ${options.onlyImport ? "the Online Retail import only" : `${int(options.customers)} customers, ${int(options.orders)} orders${options.skipImport ? "" : ", the Online Retail import"}`}; backends: ${options.backends.join(", ")}` +
      (options.pgUrl && options.backends.includes("postgres") ? ` (PostgreSQL at ${redact(options.pgUrl)})` : "") +
      `; files in ${runDir}${options.keep ? " (kept)" : ""}`,
  );
  if (!options.backends.includes("postgres") && !options.pgUrl) {
    progress("bench: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure PostgreSQL too");
  }

  buildIfNeeded(process.cwd(), (line) => progress(`bench: ${line}`));

  const results: BackendResult[] = [];
  const failures: string[] = [];
  for (const backend of options.backends) {
    const mark = cleanups.length;
    try {
      results.push(await benchBackend(backend, options, runDir));
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push(`${backend}: ${message.split("\n", 1)[0]}`);
      progress(`${backend}: FAILED: ${message}`);
    } finally {
      // Undo what this backend made before the next one starts (the run directory stays).
      while (cleanups.length > mark) {
        const { label, run } = cleanups.pop()!;
        try {
          await run();
        } catch (error) {
          console.error(`Cleanup (${label}) failed: ${error instanceof Error ? error.message : error}`);
        }
      }
    }
  }
  await cleanupAll();
  if (results.length > 0) report(results, options);
  if (failures.length > 0) {
    console.error(`\n${failures.length} backend(s) failed (details above):\n${failures.join("\n")}`);
    process.exitCode = 1;
  }
  if (extraFailures.length > 0) {
    console.error(`\n${extraFailures.length} part(s) of the bench failed, the rest measured (details above):\n${extraFailures.join("\n")}`);
    process.exitCode = 1;
  }
  progress("bench: done");
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await cleanupAll();
  process.exit(1);
});
