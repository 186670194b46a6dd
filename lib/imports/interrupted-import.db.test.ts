import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { openEmbeddedServer, type EmbeddedServer } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { imports } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import { onPostgres } from "@/tests/backend";
import { makeStore } from "@/tests/factories";
import { createImport, listImports, runImport } from "./run-import";

// The command line is killed (SIGKILL) halfway through a large import: the store's tables are
// as they were, and running the import again succeeds. On the embedded backend the database is
// a real data directory served by this test process (as `npm start` serves it), so the CLI goes
// through that server; on PostgreSQL the CLI uses the test database.

const ORDERS = 100_000; // × 3 lines = 300,000 rows
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-interrupted-"));
const dataDir = path.join(dir, "data");
const embedded = !onPostgres;
let server: EmbeddedServer | null = null;
let perFileDatabaseUrl: string | undefined;
/** CLI processes this file started: any still running when it ends (a failed test) is stopped. */
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (!embedded) return;
  await closeDb();
  perFileDatabaseUrl = process.env.DATABASE_URL;
  server = await openEmbeddedServer(dataDir);
  process.env.DATABASE_URL = server.url;
  await migrateDatabase();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  if (server) {
    await closeDb();
    process.env.DATABASE_URL = perFileDatabaseUrl;
    await server.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts `npm run laoke -- import …` as one node process (so SIGKILL stops all of it). */
function startCliImport(slug: string, file: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, LAOKE_DATA_DIR: dataDir };
  // Embedded: no DATABASE_URL, so the CLI finds the running server through data/laoke.lock.
  if (embedded) delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/laoke.ts", "import", "--store", slug, "--kind", "orders", "--format", "canonical", "--file", file],
    { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}

/** A canonical orders file of ORDERS orders × 3 lines, written a chunk at a time. */
async function writeLargeOrdersFile(file: string) {
  const out = fs.createWriteStream(file);
  out.write("orderExternalId,customerExternalId,customerName,placedAt,status,groupBuy,productExternalId,productName,quantity,unitPrice\n");
  for (let i = 0; i < ORDERS; i += 1000) {
    let chunk = "";
    for (let j = i; j < i + 1000; j++) {
      const day = String((j % 28) + 1).padStart(2, "0");
      for (let line = 0; line < 3; line++) {
        chunk += `BIG${j},K${j % 20_000},买家${j % 20_000},2026-03-${day} 10:00:00,paid,false,SKU${(j + line) % 500},商品,${line + 1},${(j % 90) + 10}.50\n`;
      }
    }
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

const storeTables = ["customers", "products", "orders", "order_items", "returns", "reviews", "shares"] as const;

/** Row counts and a checksum of every data table of the store. */
async function fingerprint(storeId: number) {
  const result: Record<string, string> = {};
  for (const table of storeTables) {
    const { rows } = await getDb().execute(
      sql`select count(*)::int as n, coalesce(md5(string_agg(to_jsonb(t)::text, '|' order by to_jsonb(t)::text)), '') as sum
          from ${sql.raw(table)} t where store_id = ${storeId}`,
    );
    result[table] = `${rows[0]!.n}:${rows[0]!.sum}`;
  }
  return result;
}

async function smallImport(ctx: StoreContext) {
  const file = path.join(dir, "small.csv");
  fs.writeFileSync(
    file,
    "orderExternalId,customerExternalId,customerName,placedAt,status,groupBuy,productExternalId,productName,quantity,unitPrice\n" +
      "EARLY1,K1,早先的买家,2026-01-05 09:00:00,paid,false,SKU1,老商品,1,88.00\n",
  );
  const done = await runImport(ctx, (await createImport(ctx, { kind: "orders", format: "canonical", fileName: "small.csv", skipInvalid: false })).id, file);
  expect(done.status).toBe("succeeded");
  return done.id;
}

describe("an import killed halfway", () => {
  it("leaves the store's tables unchanged, and the same import then runs to success", async () => {
    const ctx = await makeStore("killed");
    const earlier = await smallImport(ctx);
    const before = await fingerprint(ctx.store.id);
    const file = path.join(dir, "large-orders.csv");
    await writeLargeOrdersFile(file);

    const { child, exited } = startCliImport(ctx.store.slug, file);
    // Wait until the import has worked through rows and is still running, then kill it.
    let seen: { status: string; processedRows: number } | undefined;
    for (const started = Date.now(); Date.now() - started < 180_000; await new Promise((r) => setTimeout(r, 100))) {
      [seen] = await getDb()
        .select({ status: imports.status, processedRows: imports.processedRows })
        .from(imports)
        .where(and(eq(imports.storeId, ctx.store.id), ne(imports.id, earlier)));
      if ((seen?.status === "running" && seen.processedRows > 0) || child.exitCode !== null) break;
    }
    expect(seen?.status).toBe("running");
    expect(seen!.processedRows).toBeGreaterThan(0);
    expect(seen!.processedRows).toBeLessThan(3 * ORDERS);
    child.kill("SIGKILL");
    expect((await exited).signal).toBe("SIGKILL");

    expect(await fingerprint(ctx.store.id)).toEqual(before);

    // Once its heartbeat is old, the history shows it failed (and its staged rows are gone).
    await getDb()
      .update(imports)
      .set({ heartbeatAt: sql`now() - interval '1 hour'` })
      .where(and(eq(imports.storeId, ctx.store.id), ne(imports.id, earlier)));
    const [killed] = await listImports(ctx);
    expect(killed).toMatchObject({ status: "failed", message: "Interrupted: the process running it stopped. Nothing was imported; run it again." });
    const { rows: staged } = await getDb().execute(sql`select count(*)::int as n from staged_order_lines where store_id = ${ctx.store.id}`);
    expect(staged[0]!.n).toBe(0);
    expect(await fingerprint(ctx.store.id)).toEqual(before);

    const again = await startCliImport(ctx.store.slug, file).exited;
    expect(again.output).toContain(`orders: ${ORDERS} created, 0 updated`);
    expect(again.code).toBe(0);
    const { rows } = await getDb().execute(sql`
      select (select count(*)::int from orders where store_id = ${ctx.store.id}) as orders,
             (select count(*)::int from order_items where store_id = ${ctx.store.id}) as items,
             (select count(*)::int from customers where store_id = ${ctx.store.id}) as customers`);
    expect(rows[0]).toEqual({ orders: ORDERS + 1, items: 3 * ORDERS + 1, customers: 20_000 });
    const [last] = await listImports(ctx);
    expect(last).toMatchObject({ status: "succeeded", totalRows: 3 * ORDERS, processedRows: 3 * ORDERS });
  }, 900_000);
});
