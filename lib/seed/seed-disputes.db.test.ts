import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { disputeCounts, getDispute, listDisputes } from "@/lib/disputes/queries";
import { makeStore } from "@/tests/factories";
import { seedDisputes } from "./seed-disputes";
import { seedStore } from "./seed-store";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-seed-evidence-"));
  process.env.LAOKE_EVIDENCE_DIR = dir;
});
afterAll(() => {
  delete process.env.LAOKE_EVIDENCE_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("demo disputes", () => {
  it("seed disputes in different states: overdue, escalated, resolved, a draft, a flagged repeat complainant", async () => {
    const ctx = await makeStore("sdd");
    await seedStore(getDb(), ctx.store.id, { customers: 200, orders: 1500 });
    expect(await seedDisputes(ctx.store.id)).toEqual({ disputes: 8 });
    const counts = await disputeCounts(ctx);
    expect(counts.byStatus).toMatchObject({ draft: 1, submitted: 1, routed: 1, escalated: 1, resolved: 4 });
    expect(counts.overdue).toBe(1);
    const [overdue] = (await listDisputes(ctx, { page: 1, overdue: true })).disputes;
    const fake = await getDispute(ctx, overdue!.id);
    expect(fake).toMatchObject({ type: "fake_return", repeatComplainant: true, currentParty: "platform" });
    expect(fake.routing.chain[0]).toBe("consumer_protection_agency");
    expect(fake.evidence).toHaveLength(1);
    const [escalated] = (await listDisputes(ctx, { page: 1, status: "escalated" })).disputes;
    expect((await getDispute(ctx, escalated!.id)).events.map((e) => e.kind)).toEqual([
      "created", "submitted", "assigned", "review_started", "routed", "comment", "escalated",
    ]);
  });
});
