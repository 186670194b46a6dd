import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { setComplianceFlag } from "@/lib/customers/flags";
import { recomputeScores } from "@/lib/customers/recompute";
import { saveScoringRules } from "@/lib/customers/rules";
import { upsertOrders } from "@/lib/imports/ingest";
import type { StoreContext } from "@/lib/stores/context";
import { ensureUserWithRole } from "@/lib/users/commands";
import { asStaff, makeStore } from "@/tests/factories";
import { assignRep, markQueueSeen, spreadReps, unassignRep } from "./assignments";
import { customerRep, repOverview, staffCustomers, staffLoads } from "./queries";
import { myCustomersQueue } from "./queue";

const HOUR = 3_600_000;
let serial = 0;

/**
 * Customers k1–k12: k<n> has n paid orders of n × 10 yuan, a day ago. With only orders,
 * recency and returns in play, the scores are k12 100, …, k7 66.7, k6 60.0 (gold), k5 53.3:
 * k6–k12 are the 7 high-value customers.
 */
async function storeWithCustomers() {
  const ctx = await makeStore("reps");
  const orders = [];
  for (let n = 1; n <= 12; n++) {
    for (let i = 0; i < n; i++) {
      orders.push({
        externalId: `O${++serial}`,
        customer: { externalId: `k${n}` },
        placedAt: new Date(Date.now() - 24 * HOUR - i * 60_000),
        status: "paid" as const,
        items: [{ productExternalId: "P1", quantity: 1, unitPrice: n * 1000 }],
      });
    }
  }
  await upsertOrders(ctx, { orders });
  const reps: StoreContext[] = [];
  for (const name of ["rep1", "rep2", "rep3"]) {
    const { userId } = await ensureUserWithRole({
      storeId: ctx.store.id,
      email: `${name}-${ctx.store.slug}@test.laoke`,
      password: "staff-password",
      role: "staff",
    });
    reps.push(asStaff(ctx, userId));
  }
  const ids = new Map<string, number>();
  const { rows } = await getDb().execute<{ external_id: string; id: number }>(sql`
    select external_id, id::float8 as id from customers where store_id = ${ctx.store.id}`);
  for (const r of rows) ids.set(r.external_id, Number(r.id));
  return { ctx, reps, id: (externalId: string) => ids.get(externalId)! };
}

async function repsOf(ctx: StoreContext) {
  const { rows } = await getDb().execute<{ external_id: string; user_id: number }>(sql`
    select c.external_id, a.user_id::float8 as user_id from rep_assignments a
    join customers c on c.store_id = a.store_id and c.id = a.customer_id
    where a.store_id = ${ctx.store.id}`);
  return Object.fromEntries(rows.map((r) => [r.external_id, Number(r.user_id)]));
}

describe("dedicated reps", () => {
  it("spread the high-value customers without a rep evenly, best customers to the least loaded rep first", async () => {
    const { ctx, reps, id } = await storeWithCustomers();
    const [r1, r2, r3] = reps.map((r) => r.userId!) as [number, number, number];
    await assignRep(ctx, { customerId: id("k12"), userId: r1 });
    expect(await repOverview(ctx)).toMatchObject({ highValue: 7, assigned: 1, unassignedHighValue: 6 });
    // Staff without customers are listed with none.
    expect((await staffLoads(ctx)).map((s) => [s.customers, s.needsReview])).toEqual([[1, 0], [0, 0], [0, 0]]);
    const result = await spreadReps(ctx, [r3, r2, r1]);
    expect(result.assigned).toBe(6);
    expect(Object.fromEntries(result.perRep)).toEqual({ [r1]: 2, [r2]: 2, [r3]: 2 });
    expect(await repsOf(ctx)).toEqual({ k12: r1, k11: r2, k10: r3, k9: r1, k8: r2, k7: r3, k6: r1 });
    expect((await staffLoads(ctx)).map((s) => s.customers)).toEqual([3, 2, 2]);
    // The customer page's picker: the same staff, in the same order, with the same counts.
    expect(await staffCustomers(ctx)).toEqual((await staffLoads(ctx)).map(({ needsReview: _, ...s }) => s));
    // Nothing left to spread: a second run assigns no one and moves no one.
    expect((await spreadReps(ctx, [r2, r3])).assigned).toBe(0);
    expect((await repOverview(ctx)).unassignedHighValue).toBe(0);
  });

  it("keep a customer who stops being high-value with their rep, flagged for the owner's review", async () => {
    const { ctx, reps, id } = await storeWithCustomers();
    const r2 = reps[1]!.userId!;
    await assignRep(ctx, { customerId: id("k11"), userId: r2 });
    expect((await customerRep(ctx, id("k11")))?.needsReview).toBe(false);
    await setComplianceFlag(ctx, id("k11"), "malicious_complaint", "three false complaints");
    const rep = await customerRep(ctx, id("k11"));
    expect(rep).toMatchObject({ userId: r2, needsReview: true });
    expect((await repOverview(ctx)).needsReview.map((c) => [c.externalId, c.rep.userId, c.gates])).toEqual([
      ["k11", r2, ["compliance_flag"]],
    ]);
    expect((await staffLoads(ctx)).find((s) => s.userId === r2)?.needsReview).toBe(1);
    expect((await myCustomersQueue(reps[1]!)).needsReview).toBe(1);
    // Handing the flagged customer over is allowed; a first rep for an ordinary customer is not.
    await assignRep(ctx, { customerId: id("k11"), userId: reps[2]!.userId! });
    await expect(assignRep(ctx, { customerId: id("k1"), userId: r2 })).rejects.toMatchObject({ key: "care.errors.repForHighValueOnly" });
  });

  it("list the assigned customers no longer high-value for review, best score first, with their rep, of this store only", async () => {
    const { ctx, reps, id } = await storeWithCustomers();
    const other = await storeWithCustomers();
    await spreadReps(ctx, reps.map((r) => r.userId!));
    await spreadReps(other.ctx, other.reps.map((r) => r.userId!));
    for (const k of ["k7", "k11", "k9"]) await setComplianceFlag(ctx, id(k), "malicious_complaint", "false complaints");
    await setComplianceFlag(other.ctx, other.id("k12"), "malicious_complaint", "false complaints");
    const assigned = await repsOf(ctx);
    const review = (await repOverview(ctx)).needsReview;
    expect(review.map((c) => [c.externalId, c.rep.userId, c.gates])).toEqual([
      ["k11", assigned.k11, ["compliance_flag"]],
      ["k9", assigned.k9, ["compliance_flag"]],
      ["k7", assigned.k7, ["compliance_flag"]],
    ]);
    expect(review.map((c) => c.score)).toEqual([...review.map((c) => c.score)].sort((a, b) => b! - a!));
    expect((await repOverview(ctx, { reviewLimit: 2 })).needsReview.map((c) => c.externalId)).toEqual(["k11", "k9"]);
    expect((await repOverview(other.ctx)).needsReview.map((c) => c.externalId)).toEqual(["k12"]);
  });

  it("are assigned and removed by owners only, to staff of the same store only", async () => {
    const { ctx, reps, id } = await storeWithCustomers();
    const other = await makeStore("reps-other");
    await expect(assignRep(reps[0]!, { customerId: id("k12"), userId: reps[0]!.userId! })).rejects.toMatchObject({ code: "forbidden" });
    await expect(assignRep(ctx, { customerId: id("k12"), userId: other.userId! })).rejects.toMatchObject({ key: "care.errors.noSuchRep" });
    await expect(spreadReps(ctx, [reps[0]!.userId!, other.userId!])).rejects.toMatchObject({ key: "care.errors.noSuchRep" });
    await assignRep(ctx, { customerId: id("k12"), userId: reps[0]!.userId! });
    // Another store's owner cannot see or remove this store's assignment by its customer id.
    expect(await customerRep(other, id("k12"))).toBeNull();
    await expect(unassignRep(other, id("k12"))).rejects.toMatchObject({ code: "not_found" });
    await unassignRep(ctx, id("k12"));
    expect(await customerRep(ctx, id("k12"))).toBeNull();
  });

  it("show the rep what happened to their customers since they last looked", async () => {
    const { ctx, reps, id } = await storeWithCustomers();
    const rep = reps[0]!;
    await assignRep(ctx, { customerId: id("k12"), userId: rep.userId! });
    await assignRep(ctx, { customerId: id("k8"), userId: rep.userId! });
    await assignRep(ctx, { customerId: id("k9"), userId: reps[1]!.userId! });
    const first = await myCustomersQueue(rep);
    expect(first.looked).toBe(false);
    expect(first.active.map((c) => [c.externalId, c.newOrders]).sort()).toEqual([
      ["k12", 12],
      ["k8", 8],
    ]);
    await markQueueSeen(rep);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await upsertOrders(ctx, {
      orders: [{ externalId: "NEW-1", customer: { externalId: "k8" }, placedAt: new Date(), status: "paid", items: [{ productExternalId: "P1", quantity: 1, unitPrice: 500 }] }],
    });
    const later = await myCustomersQueue(rep);
    expect(later.looked).toBe(true);
    expect(later.customers).toBe(2);
    expect(later.active.map((c) => [c.externalId, c.newOrders, c.newReturns, c.newReviews])).toEqual([["k8", 1, 0, 0]]);
    // Another rep's customer never shows up in this queue.
    expect(later.active.some((c) => c.externalId === "k9")).toBe(false);
  });

  it("do not count a customer's first tier as a tier change, but do count a move after it", async () => {
    const { ctx, reps, id } = await storeWithCustomers();
    const rep = reps[0]!;
    await assignRep(ctx, { customerId: id("k8"), userId: rep.userId! });
    // k8 got its first tier (none → gold) when its orders came in: that is no change.
    const first = await myCustomersQueue(rep);
    expect(first.active.map((c) => [c.externalId, c.tierChange])).toEqual([["k8", null]]);
    await markQueueSeen(rep);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Gold raised past k8's 73.3, with no hysteresis to hold it: gold → silver is a move.
    await saveScoringRules(ctx, { cutoffs: { silver: 40, gold: 80, diamond: 85, crown: 90 }, hysteresis: 0 });
    await recomputeScores(ctx.store.id);
    const later = await myCustomersQueue(rep);
    expect(later.active.map((c) => [c.externalId, c.tierChange])).toEqual([["k8", { from: "gold", to: "silver" }]]);
  });
});
