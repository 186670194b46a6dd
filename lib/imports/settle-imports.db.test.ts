import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { imports } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import { onPostgres } from "@/tests/backend";
import { makeStore } from "@/tests/factories";
import { createImport, listImports, runImport, settleImportsLeftRunning } from "./run-import";

// What the import's row says once the merge has committed, seen when the recompute after it
// starts: the moment a process killed there leaves behind.
const atRecompute = vi.hoisted(() => ({ row: null as null | { status: string; counts: unknown } }));
vi.mock("./recompute-after-write", async (original) => {
  const actual = await original<typeof import("./recompute-after-write")>();
  const { getDb } = await import("@/db");
  const { imports } = await import("@/db/schema");
  const { desc } = await import("drizzle-orm");
  return {
    ...actual,
    recomputeAfterWrite: async (...args: Parameters<typeof actual.recomputeAfterWrite>) => {
      atRecompute.row = (await getDb().select({ status: imports.status, counts: imports.counts }).from(imports).orderBy(desc(imports.id)).limit(1))[0] ?? null;
      return actual.recomputeAfterWrite(...args);
    },
  };
});

// The planner's count of orders when the staged rows are cleared, right after the merge commits.
const atClear = vi.hoisted(() => ({ watch: false, seen: null as null | { planned: number; actual: number } }));
vi.mock("./stage", async (original) => {
  const actual = await original<typeof import("./stage")>();
  const { getDb } = await import("@/db");
  const { sql } = await import("drizzle-orm");
  return {
    ...actual,
    clearImportStaging: async (...args: Parameters<typeof actual.clearImportStaging>) => {
      if (atClear.watch && !atClear.seen) {
        const { rows } = await getDb().execute<{ planned: number; actual: number }>(
          sql`select (select reltuples from pg_class where relname = 'orders')::int as planned, (select count(*) from orders)::int as actual`,
        );
        atClear.seen = rows[0]!;
      }
      return actual.clearImportStaging(...args);
    },
  };
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-settle-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function importOrders(ctx: StoreContext) {
  const file = path.join(dir, `${ctx.store.slug}.csv`);
  fs.writeFileSync(
    file,
    "orderExternalId,customerExternalId,customerName,placedAt,status,groupBuy,productExternalId,productName,quantity,unitPrice\n" +
      "O1,K1,买家,2026-01-05 09:00:00,paid,false,SKU1,商品,1,88.00\n",
  );
  const job = await createImport(ctx, { kind: "orders", format: "canonical", fileName: "orders.csv", skipInvalid: false });
  return runImport(ctx, job.id, file);
}

/** The import's row as a process killed after the merge leaves it: running, its heartbeat `age` old. */
async function killedAfterMerge(ctx: StoreContext, importId: number, age: string) {
  await getDb()
    .update(imports)
    .set({ status: "running", message: null, messageKey: null, finishedAt: null, heartbeatAt: sql`now() - ${age}::interval` })
    .where(and(eq(imports.storeId, ctx.store.id), eq(imports.id, importId)));
}

describe("an import whose process died after its merge committed", () => {
  it("has its counts written with the merge, before the recompute", async () => {
    const ctx = await makeStore("settle-marker");
    await importOrders(ctx);
    expect(atRecompute.row).toEqual({ status: "running", counts: { customers: { created: 1, updated: 0 }, products: { created: 1, updated: 0 }, orders: { created: 1, updated: 0 } } });
  });

  it("reads as imported with its scores not recomputed, not as nothing imported", async () => {
    const ctx = await makeStore("settle-late");
    const done = await importOrders(ctx);
    await killedAfterMerge(ctx, done.id, "1 hour");
    const [shown] = await listImports(ctx);
    expect(shown).toMatchObject({
      status: "succeeded",
      message: "Imported, but the scores could not be recomputed: recompute them on the customers page.",
    });
  });

  // Embedded only: on the shared PostgreSQL test database reltuples is an estimate over every file's rows.
  it.skipIf(onPostgres)("has its planner statistics committed with its rows, before anything after the merge", async () => {
    const ctx = await makeStore("settle-stats");
    const file = path.join(dir, "many.csv");
    const lines = Array.from({ length: 6000 }, (_, i) => `M${i},K${i % 700},买家,2026-01-05 09:00:00,paid,false,SKU${i % 50},商品,1,8.00`);
    fs.writeFileSync(file, "orderExternalId,customerExternalId,customerName,placedAt,status,groupBuy,productExternalId,productName,quantity,unitPrice\n" + lines.join("\n") + "\n");
    const job = await createImport(ctx, { kind: "orders", format: "canonical", fileName: "many.csv", skipInvalid: false });
    atClear.watch = true;
    const done = await runImport(ctx, job.id, file);
    atClear.watch = false;
    expect(done.status).toBe("succeeded");
    expect(atClear.seen!.planned).toBe(atClear.seen!.actual);
  });

  // Embedded only: it settles every store's imports, and PostgreSQL test files share one database.
  it.skipIf(onPostgres)("is settled, with fresh planner statistics, by the process that opens the embedded database next", async () => {
    const ctx = await makeStore("settle-open");
    const done = await importOrders(ctx);
    await killedAfterMerge(ctx, done.id, "1 second");
    const before = new Date(Date.now() - 1000);
    await settleImportsLeftRunning();
    const [shown] = await listImports(ctx);
    expect(shown).toMatchObject({ id: done.id, status: "succeeded", messageKey: "importReasons.notRecomputed" });
    const { rows } = await getDb().execute<{ analyzed: Date | string | null }>(
      sql`select greatest(last_analyze, last_autoanalyze) as analyzed from pg_stat_user_tables where relname = 'orders'`,
    );
    expect(new Date(rows[0]!.analyzed!).getTime()).toBeGreaterThan(before.getTime());
  });
});
