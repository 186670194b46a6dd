import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { makeStore } from "@/tests/factories";
import { inChinese } from "@/tests/in-chinese";
import { snapshotStore } from "@/tests/store-data";
import { NOT_RECOMPUTED_WARNING, upsertOrders } from "./ingest";
import { createImport, runImport } from "./run-import";
import { importView } from "./view";

// The recompute after a batch fails (as one did on a points total past the integer range):
// the rows are committed by then, and the answer must say so rather than report nothing saved.
const failNext = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/customers/recompute", async (original) => {
  const actual = await original<typeof import("@/lib/customers/recompute")>();
  return {
    ...actual,
    recomputeScores: async (...args: Parameters<typeof actual.recomputeScores>) => {
      if (failNext.count > 0) {
        failNext.count--;
        throw new Error("the database went away");
      }
      return actual.recomputeScores(...args);
    },
  };
});
vi.spyOn(console, "error").mockImplementation(() => undefined);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-recompute-failure-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const order = {
  externalId: "O-1",
  customer: { externalId: "C-1" },
  placedAt: new Date("2026-06-01T10:00:00Z"),
  status: "paid" as const,
  items: [{ productExternalId: "SKU-1", quantity: 2, unitPrice: 1500 }],
};

describe("a recompute that fails after the rows are saved", () => {
  it("answers an API batch with its counts and a warning, and the batch stays", async () => {
    const ctx = await makeStore("rcf");
    failNext.count = 1;
    const result = await upsertOrders(ctx, { orders: [order] });
    expect(result).toMatchObject({ created: 1, customersCreated: 1, warnings: [NOT_RECOMPUTED_WARNING] });
    expect((await snapshotStore(ctx.store.id)).orders).toHaveLength(1);
    // The next batch recomputes as usual and says nothing more.
    expect(await upsertOrders(ctx, { orders: [order] })).not.toHaveProperty("warnings");
  });

  it("ends an import as succeeded, with its counts, saying the scores were not recomputed", async () => {
    const ctx = await makeStore("rcf");
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(
      file,
      "orderExternalId,customerExternalId,customerName,placedAt,status,groupBuy,productExternalId,productName,quantity,unitPrice\n" +
        "O-1,C-1,,2026-06-01T10:00:00Z,paid,false,SKU-1,,2,15.00\n",
    );
    const job = await createImport(ctx, { kind: "orders", format: "canonical", fileName: "orders.csv", skipInvalid: false });
    failNext.count = 1;
    const done = await runImport(ctx, job.id, file);
    expect(done.status).toBe("succeeded");
    expect(done.counts).toMatchObject({ orders: { created: 1, updated: 0 } });
    expect((await snapshotStore(ctx.store.id)).orders).toHaveLength(1);
    expect(importView(done).message).toBe("Imported, but the scores could not be recomputed: recompute them on the customers page.");
    expect(importView(done, inChinese).message).toBe("已导入，但未能重新评分：请在客户页面重新评分。");
  });
});
