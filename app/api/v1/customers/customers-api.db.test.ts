import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recomputeScores } from "@/lib/customers/recompute";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { apiRefusal } from "@/tests/refusal";
import { storeData } from "@/tests/store-data";
import { GET as getCustomer } from "./[externalId]/route";
import { GET as listCustomers } from "./route";
import { GET as getRules, PUT as putRules } from "../scoring-rules/route";
import { POST as recompute } from "../scores/recompute/route";

async function storeWithCustomers(n: number) {
  const ctx = await makeStore("capi");
  const d = storeData(ctx);
  for (let i = 1; i <= n; i++) {
    for (let k = 0; k < (i % 3) + 1; k++) await d.order(`K${String(i).padStart(3, "0")}`, `2026-0${(k % 5) + 1}-1${i % 10}T00:00:00Z`, 1000 * i);
  }
  await recomputeScores(ctx.store.id, { asOf: new Date("2026-06-30T00:00:00Z") });
  return { ctx, call: await apiClient(ctx) };
}

/** The external ids, sorted, of the customers a list search for `q` finds. */
function searcher(call: Awaited<ReturnType<typeof apiClient>>) {
  return async (q: string) =>
    ((await call(listCustomers, { path: `/api/v1/customers?q=${encodeURIComponent(q)}` })).body.customers as { externalId: string }[])
      .map((c) => c.externalId)
      .sort();
}

describe("GET /api/v1/customers", () => {
  it("pages through every customer by cursor, in order, with every field of §3", async () => {
    const { call } = await storeWithCustomers(12);
    const seen: string[] = [];
    const scores: number[] = [];
    let cursor: string | null = null;
    do {
      const { status, body }: { status: number; body: any } = await call(listCustomers, { path: `/api/v1/customers?limit=5${cursor ? `&cursor=${cursor}` : ""}` });
      expect(status).toBe(200);
      seen.push(...body.customers.map((c: { externalId: string }) => c.externalId));
      scores.push(...body.customers.map((c: { score: number }) => c.score));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThanOrEqual(scores[i - 1]!);

    const { body } = await call(listCustomers, { path: "/api/v1/customers?limit=1" });
    const customer = body.customers[0];
    for (const field of [
      "externalId", "orders", "spend", "averageOrderValue", "lastOrderAt", "recencyDays", "returns", "returnRate", "refunded",
      "netSpend", "reviews", "interactionRate", "shares", "shareRate", "positiveReviewRate", "isRepeat", "score", "tier",
      "isHighValue", "gates", "factors",
    ]) {
      expect(customer, field).toHaveProperty(field);
    }
    expect(customer.factors[0]).toEqual({ key: "frequency", value: expect.any(Number), weight: 25, points: expect.any(Number), used: true });
  });

  it("answers 50 customers a page by default and up to 500 when asked (§8)", async () => {
    const { call } = await storeWithCustomers(51);
    const first = await call(listCustomers, { path: "/api/v1/customers" });
    expect(first.body.customers).toHaveLength(50);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await call(listCustomers, { path: `/api/v1/customers?cursor=${first.body.nextCursor}` });
    expect([rest.body.customers.length, rest.body.nextCursor]).toEqual([1, null]);
    const all = await call(listCustomers, { path: "/api/v1/customers?limit=500" });
    expect([all.body.customers.length, all.body.nextCursor]).toEqual([51, null]);
  });

  it("refuses rep=me by name: a token acts for the store, as no rep, and had answered an empty list", async () => {
    const { call } = await storeWithCustomers(2);
    const mine = await call(listCustomers, { path: "/api/v1/customers?rep=me" });
    expect(apiRefusal(mine)).toEqual({ status: 400, code: "invalid_request", paths: ["rep"] });
  });

  it("filters by repeat and sorts by orders ascending", async () => {
    const { call } = await storeWithCustomers(9);
    const { body } = await call(listCustomers, { path: "/api/v1/customers?repeat=true&sort=orders&order=asc" });
    const orders = body.customers.map((c: { orders: number }) => c.orders);
    expect(orders).toEqual([2, 2, 2, 3, 3, 3]);
  });

  it("searches names containing the text in any case and external ids starting with it, in this store only", async () => {
    const ctx = await makeStore("csearch");
    const d = storeData(ctx);
    await d.customer("VIP-7731", "Jane Harrington");
    await d.customer("C-1002", "袁洋红");
    await d.customer("C-1003", "Harriet Vane");
    await d.customer("X-7731", "Someone Else");
    await recomputeScores(ctx.store.id);
    const other = storeData(await makeStore("csearch-other"));
    await other.customer("VIP-7732", "Jane Harrington");
    const found = searcher(await apiClient(ctx));
    expect(await found("harr")).toEqual(["C-1003", "VIP-7731"]);
    expect(await found("洋红")).toEqual(["C-1002"]);
    expect(await found("袁洋红")).toEqual(["C-1002"]);
    expect(await found("vip-77")).toEqual(["VIP-7731"]); // a prefix of the external id, not the other store's
    expect(await found("7731")).toEqual([]); // the middle of an external id is not a match
    expect(await found("zzzz")).toEqual([]);
    // Through the trigram index of migration 0022, which both databases here can build: without
    // it a search of a large store reads every customer.
    const { rows } = await getDb().execute(sql`select 1 from pg_indexes where indexname = 'customers_search_idx'`);
    expect(rows).toHaveLength(1);
  });

  it("finds two-character names, through the index of character pairs", async () => {
    const ctx = await makeStore("cpairs");
    const d = storeData(ctx);
    await d.customer("P-1", "郭波");
    await d.customer("P-2", "小郭波涛");
    await d.customer("P-3", "郭小波"); // both characters, not side by side
    await d.customer("P-4", "Abe Lincoln");
    await d.customer("BE-5", "Zed");
    await d.customer("P-6", "Abba");
    await recomputeScores(ctx.store.id);
    const found = searcher(await apiClient(ctx));
    expect(await found("郭波")).toEqual(["P-1", "P-2"]);
    expect(await found("BE")).toEqual(["BE-5", "P-4"]); // a name in any case, or an external id's prefix
    expect(await found("e l")).toEqual(["P-4"]); // a space is a character like any other
    expect(await found("abab")).toEqual([]); // Abba holds both pairs, not the text
    expect(await found("郭")).toEqual(["P-1", "P-2", "P-3"]); // one character: read through, still found
    // The query's expression is the index's: with sequential scans ruled out, the planner takes
    // the pairs' index (it would not, were the function inlined or the index missing).
    const plan = await getDb().transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const { rows } = await tx.execute<{ "QUERY PLAN": string }>(
        sql`explain select id from customers where name_bigrams(name) @> name_bigrams(${"郭波"}) and name ilike ${"%郭波%"}`,
      );
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("customers_name_bigrams_idx");
  });

  it("refuses a bad query and a forged cursor with the error format", async () => {
    const { call } = await storeWithCustomers(2);
    const bad = await call(listCustomers, { path: "/api/v1/customers?limit=501&tier=platinum" });
    // A tier that is none is malformed (400), which a limit over 500 alone would not be (422): the 400 names both.
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["limit", "tier"]);
    // A cursor the list did not give out is a malformed query parameter: 400, as `?tier=platinum` is.
    const forged = await call(listCustomers, { path: "/api/v1/customers?cursor=not-a-cursor" });
    expect(apiRefusal(forged)).toEqual({ status: 400, code: "invalid_request", paths: ["cursor"] });
    expect(forged.body.error.message).toBe("The cursor is not one this list gave out.");
    // The page before one (`before`) is named as itself, not as `cursor`.
    const forgedBefore = await call(listCustomers, { path: "/api/v1/customers?before=not-a-cursor" });
    expect(apiRefusal(forgedBefore)).toEqual({ status: 400, code: "invalid_request", paths: ["before"] });
    // Cursors that decode but hold what no page gave out: refused alike, not a database error.
    const cursor = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const [sort, values] of [["orders", [1.5, 1]], ["recencyDays", [3e9, 1]], ["netSpend", [1.5, 1]], ["score", [50, 1.5]], ["score", [50, 1e300]], ["score", [50, -1]]] as const) {
      const answer = await call(listCustomers, { path: `/api/v1/customers?sort=${sort}&cursor=${cursor([...values])}` });
      expect(answer.status, `${sort} ${JSON.stringify(values)}`).toBe(400);
      expect(answer.body.error.code).toBe("invalid_request");
    }
    // Empty parameters are no filter, as the list page takes them.
    const empty = await call(listCustomers, { path: "/api/v1/customers?tier=&highValue=&repeat=&q=&order=&limit=&cursor=" });
    expect(empty.status).toBe(200);
    expect(empty.body.customers).toHaveLength(2);
  });

  it("reads one customer by external id, and 404s for another store's", async () => {
    const { call } = await storeWithCustomers(3);
    const { call: otherCall } = await storeWithCustomers(1);
    const one = await call(getCustomer, { params: { externalId: "K002" } });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ externalId: "K002", orders: 3, spend: 6000, rep: null });
    // The same shape as the list's customers.
    const listed = (await call(listCustomers, { path: "/api/v1/customers?q=K002" })).body.customers[0];
    expect(Object.keys(one.body).sort()).toEqual(Object.keys(listed).sort());
    const other = await otherCall(getCustomer, { params: { externalId: "K002" } });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("not_found");
  });
});

describe("scoring rules and recompute over the API", () => {
  it("reads the defaults, saves a partial change as a new version and recomputes", async () => {
    const { call } = await storeWithCustomers(4);
    const rules = await call(getRules);
    expect(rules.body).toEqual({
      windowDays: 365,
      weights: { frequency: 25, monetary: 30, recency: 10, interaction: 10, sharing: 10, returns: 10, reputation: 5 },
      cutoffs: { silver: 40, gold: 60, diamond: 75, crown: 90 },
      hysteresis: 5,
      gates: { maxReturnRate: 0.3, complianceFlags: true },
    });
    const put = await call(putRules, { method: "PUT", body: { hysteresis: 2, weights: { monetary: 50 } } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ hysteresis: 2, weights: { monetary: 50, frequency: 25 } });
    const { body } = await call(listCustomers, { path: "/api/v1/customers?limit=1" });
    expect(body.customers[0].factors.find((f: { key: string }) => f.key === "monetary").weight).toBe(50);

    const refused = await call(putRules, { method: "PUT", body: { cutoffs: { silver: 70 } } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([{ path: "cutoffs.gold", message: "The gold cutoff (60) must be above the silver cutoff (70)." }]);
    // A misspelt key is refused, not dropped: malformed (400) inside `weights` as at the top level,
    // and so is a weight that is not a number; a weight past its bound is a rule broken (422).
    const misspelt = await call(putRules, { method: "PUT", body: { weights: { frequncy: 40 } } });
    expect(apiRefusal(misspelt)).toEqual({ status: 400, code: "invalid_request", paths: ["weights"] });
    expect(misspelt.body.error.details).toMatchObject([{ path: "weights", message: expect.stringContaining("frequncy") }]);
    // A key `__proto__` (JSON keeps it as a key) is one the rules do not take: it was let through as no change (200).
    const proto = await call(putRules, { method: "PUT", body: { weights: JSON.parse('{"__proto__":{"frequency":99}}') } });
    expect(apiRefusal(proto)).toEqual({ status: 400, code: "invalid_request", paths: ["weights"] });
    expect(proto.body.error.details).toMatchObject([{ path: "weights", message: expect.stringContaining("__proto__") }]);
    const list = await call(putRules, { method: "PUT", body: { cutoffs: [] } });
    expect(apiRefusal(list)).toEqual({ status: 400, code: "invalid_request", paths: ["cutoffs"] });
    const text = await call(putRules, { method: "PUT", body: { weights: { monetary: "40" } } });
    expect(apiRefusal(text)).toEqual({ status: 400, code: "invalid_request", paths: ["weights.monetary"] });
    const heavy = await call(putRules, { method: "PUT", body: { weights: { monetary: 1001 } } });
    expect(apiRefusal(heavy)).toEqual({ status: 422, code: "invalid", paths: ["weights.monetary"] });
    // A body of the wrong shape is a 400, as in every other route.
    for (const shape of [{ colour: "red" }, [], null]) {
      const wrong = await call(putRules, { method: "PUT", body: shape });
      expect([wrong.status, wrong.body.error.code]).toEqual([400, "invalid_request"]);
    }
    const same = await call(putRules, { method: "PUT", body: {} });
    expect([same.status, same.body.hysteresis]).toEqual([200, 2]);
  });

  it("recomputes on demand at a given time and answers the §8 fields", async () => {
    const { call } = await storeWithCustomers(5);
    const result = await call(recompute, { body: { asOf: "2026-07-01T00:00:00+08:00" } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ customers: 5, highValue: expect.any(Number), ruleVersion: 1, tookMs: expect.any(Number) });
    const { body } = await call(getCustomer, { params: { externalId: "K001" } });
    expect(body.asOf).toBe("2026-06-30T16:00:00.000Z");
    const bad = await call(recompute, { body: { asOf: "yesterday" } });
    expect(bad.status).toBe(400);
    // Year 1: its window reached back past what PostgreSQL's dates hold, and answered 500.
    // Readable, but outside the years the store takes: a rule broken (422), where "yesterday" is malformed (400).
    const yearOne = await call(recompute, { body: { asOf: "0001-01-01T00:00:00Z" } });
    expect(yearOne.status).toBe(422);
    expect(yearOne.body.error.details).toEqual([{ path: "asOf", message: "must be in the years 2000 to 2099" }]);
    // A time far ahead is a slip, as a record's is: as of it, every customer's points would expire
    // in the ledger for good. Refused (422), and no run is written; a few hours ahead is a fast clock.
    const farAhead = await call(recompute, { body: { asOf: "2099-01-01T00:00:00Z" } });
    expect(apiRefusal(farAhead)).toEqual({ status: 422, code: "invalid", paths: ["asOf"] });
    expect(farAhead.body.error.message).toBe(
      "The request's body breaks a rule of this route: asOf: 2099-01-01T00:00:00Z is more than 24 hours after now: check its year and time zone",
    );
    expect((await call(getCustomer, { params: { externalId: "K001" } })).body.asOf).toBe("2026-06-30T16:00:00.000Z");
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    expect((await call(recompute, { body: { asOf: soon } })).status).toBe(200);
    // No body at all: now.
    const bare = await call(recompute, { method: "POST" });
    expect(bare.status).toBe(200);
    expect(bare.body).toMatchObject({ customers: 5 });
    expect(new Date((await call(getCustomer, { params: { externalId: "K001" } })).body.asOf).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
