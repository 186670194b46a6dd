import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { resolveDispute, routeDispute, startReview, withdrawDispute } from "@/lib/disputes/commands";
import type { StoreContext } from "@/lib/stores/context";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";
import { GET } from "./[id]/route";
import { POST } from "./route";

const ip = {
  type: "ip_infringement",
  title: "Copied photos",
  description: "Shop X uses our product photos on its listing.",
  amountAtStake: 8_000_000,
  infringedRight: "Original photos, shot 2025-11",
  counterparty: { name: "Shop X", kind: "competitor" },
};

describe("POST /api/v1/disputes", () => {
  it("files a submitted dispute and answers 201 with its routing, reasons in words and deadline", async () => {
    const ctx = await makeStore("dapi");
    const call = await apiClient(ctx);
    const before = Date.now();
    const { status, body } = await call(POST, { body: ip });
    expect(status).toBe(201);
    expect(body).toEqual({
      id: expect.any(Number),
      status: "submitted",
      routing: {
        primary: "ip_protection_agency",
        chain: ["lawyer", "platform"],
        reasons: [
          "IP infringement goes first to the IP protection agency, then the platform, then a lawyer, by the routing table; the rules below may move a party forward.",
          "Amount at stake ¥80,000.00 ≥ ¥50,000.00 (the store's legal threshold): it goes to the IP protection agency, then to a lawyer.",
        ],
        deadlineAt: expect.any(String),
      },
    });
    const due = new Date(body.routing.deadlineAt).getTime();
    expect(due - before).toBeGreaterThanOrEqual(7 * 86_400_000);
    expect(due - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);

    const read = await call(GET, { params: { id: String(body.id) } });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: body.id,
      type: "ip_infringement",
      status: "submitted",
      amountAtStake: 8_000_000,
      counterparty: { name: "Shop X", kind: "competitor" },
      routing: { primary: "ip_protection_agency", chain: ["lawyer", "platform"], preview: false },
      currentParty: "ip_protection_agency",
      evidence: [],
    });
    expect(read.body.history.map((h: { kind: string }) => h.kind)).toEqual(["created", "submitted"]);
  });

  it("saves a draft with \"draft\": true, even without the type's facts", async () => {
    const ctx = await makeStore("dapi");
    const call = await apiClient(ctx);
    const { status, body } = await call(POST, { body: { type: "fake_return", title: "Swapped item", draft: true } });
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: "draft", routing: { primary: "platform", chain: ["consumer_protection_agency", "lawyer"], deadlineAt: null } });
  });

  it("refuses a submission that lacks the type's facts (422) and a malformed body (400)", async () => {
    const ctx = await makeStore("dapi");
    const call = await apiClient(ctx);
    const missing = await call(POST, { body: { type: "fake_return", title: "Swapped item", description: "An old case came back instead." } });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({
      code: "invalid",
      message: "This dispute (type fake_return) needs more facts before it is submitted: return|order.",
      details: [{ path: "return|order" }],
    });
    // A description there but short is named as such, not as missing.
    const short = await call(POST, { body: { type: "counterfeit_accusation", title: "假货投诉", description: "买家称假货" } });
    expect(short.status).toBe(422);
    expect(short.body.error.details).toContainEqual({ path: "description", message: "At least 10 characters saying what happened" });
    const bad = await call(POST, { body: { type: "theft", title: "x", amountAtStake: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_request");
    const unknown = await call(POST, { body: { ...ip, customerExternalId: "NOBODY" } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ path: "customerExternalId", message: expect.any(String) }]);
    // Several unknown links are named together, not one per attempt.
    const several = await call(POST, { body: { ...ip, customerExternalId: "NOBODY", orderExternalId: "NO-ORDER", productExternalId: "NO-PRODUCT" } });
    expect(several.status).toBe(422);
    expect(several.body.error.details.map((d: { path: string }) => d.path)).toEqual(["customerExternalId", "orderExternalId", "productExternalId"]);
    expect(several.body.error.message).toBe('These are not in this store: customerExternalId "NOBODY", orderExternalId "NO-ORDER", productExternalId "NO-PRODUCT".');
  });

  it("refuses a misspelt key with 400 naming it, and files nothing", async () => {
    const ctx = await makeStore("dapi");
    const call = await apiClient(ctx);
    const misspelt = await call(POST, { body: { ...ip, customerExternalID: "BUYER-9" } });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error.code).toBe("invalid_request");
    expect(misspelt.body.error.details).toEqual([{ path: "", message: expect.stringContaining('"customerExternalID"') }]);
    const nested = await call(POST, { body: { ...ip, counterparty: { name: "Shop X", knd: "competitor" } } });
    expect(nested.status).toBe(400);
    expect(nested.body.error.details).toEqual([{ path: "counterparty", message: expect.stringContaining('"knd"') }]);
    const { rows } = await getDb().execute(sql`select count(*)::int as n from disputes where store_id = ${ctx.store.id}`);
    expect(rows[0]!.n).toBe(0);
  });

  it("links the complainant by external id and answers in Chinese when asked", async () => {
    const ctx = await makeStore("dapi");
    await storeData(ctx).customer("BUYER-9");
    const call = await apiClient(ctx);
    const { body } = await call(POST, {
      body: { type: "malicious_complaint", title: "Extortion", description: "Demands a refund or a one-star review.", amountAtStake: 9900, customerExternalId: "BUYER-9" },
    });
    const read = await call(GET, { params: { id: String(body.id) } });
    expect(read.body).toMatchObject({ customerExternalId: "BUYER-9", repeatComplainant: false });
    expect(body.routing.reasons[2]).toBe(
      "The complainant has 0 earlier malicious-complaint or fake-return disputes (fewer than 3): not a repeat complainant.",
    );

    const { token } = await createApiToken(ctx, "zh");
    const zh = await POST(
      new Request("http://laoke.test/api/v1/disputes", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "zh-CN,zh;q=0.9" },
        body: JSON.stringify({ ...ip, amountAtStake: 100 }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(((await zh.json()) as { routing: { reasons: string[] } }).routing.reasons).toEqual([
      "路由表规定：知识产权侵权类维权案件首先交给知识产权保护机构，然后依次是平台，再到律师；以下规则可能将某一方提前。",
      "争议金额 ¥1.00 低于法律门槛 ¥50,000.00：律师不提前介入。",
    ]);
  });

  it("answers 404 for another store's dispute and 401 without a token", async () => {
    const a = await makeStore("dapi");
    const b = await makeStore("dapi");
    const { body } = await (await apiClient(a))(POST, { body: ip });
    const other = await (await apiClient(b))(GET, { params: { id: String(body.id) } });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("not_found");
    const anonymous = await GET(new Request("http://laoke.test/api/v1/disputes/1"), { params: Promise.resolve({ id: String(body.id) }) });
    expect(anonymous.status).toBe(401);
  });
});

/** POST /api/v1/disputes as an ERP sends it, with its own headers; the answer's headers kept. */
async function poster(ctx: StoreContext) {
  const { token } = await createApiToken(ctx, "erp");
  return async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await POST(
      new Request("http://laoke.test/api/v1/disputes", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
}

async function disputesOf(ctx: StoreContext) {
  const { rows } = await getDb().execute(sql`select count(*)::int as n from disputes where store_id = ${ctx.store.id}`);
  return rows[0]!.n;
}

describe("POST /api/v1/disputes with an Idempotency-Key", () => {
  it("answers a retry with the first dispute (201, Idempotent-Replayed) and refuses the key with another body (409)", async () => {
    const ctx = await makeStore("dapi");
    const post = await poster(ctx);
    const first = await post(ip, { "idempotency-key": "erp-2026-000481" });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    // The ERP timed out and sends it again, its keys in another order.
    const { title, ...rest } = ip;
    const retry = await post({ ...rest, title }, { "Idempotency-Key": "erp-2026-000481" });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect(await disputesOf(ctx)).toBe(1);

    const other = await post({ ...ip, amountAtStake: 9_000_000 }, { "idempotency-key": "erp-2026-000481" });
    expect(other.status).toBe(409);
    expect(other.body).toEqual({
      error: {
        code: "conflict",
        message: `This Idempotency-Key was already used to file dispute #${first.body.id} with a different request; nothing was filed. Send a new key for a new dispute.`,
        details: [{ path: "Idempotency-Key", message: `Already used for dispute #${first.body.id} with a different body` }],
      },
    });
    // Another key, or none, files another dispute.
    expect((await post(ip, { "idempotency-key": "erp-2026-000482" })).body.id).not.toBe(first.body.id);
    expect((await post(ip)).status).toBe(201);
    expect(await disputesOf(ctx)).toBe(3);
  });

  it("files one dispute when the same request arrives twice at once", async () => {
    const ctx = await makeStore("dapi");
    const post = await poster(ctx);
    const [a, b] = await Promise.all([post(ip, { "idempotency-key": "twice" }), post(ip, { "idempotency-key": "twice" })]);
    expect([a!.status, b!.status]).toEqual([201, 201]);
    expect(a!.body.id).toBe(b!.body.id);
    expect([a!.headers.get("idempotent-replayed"), b!.headers.get("idempotent-replayed")].sort()).toEqual(["true", null].sort());
    expect(await disputesOf(ctx)).toBe(1);
  });

  it("refuses an empty, overlong or non-ASCII key with 400, filing nothing", async () => {
    const ctx = await makeStore("dapi");
    const post = await poster(ctx);
    for (const [key, says] of [
      [" ", "is empty"],
      ["k".repeat(256), "is 256 characters long; it takes at most 255."],
      ["caf\u00e9", "holds a character outside printable ASCII."],
    ] as const) {
      const refused = await post(ip, { "idempotency-key": key });
      expect(refused.status, key).toBe(400);
      expect(refused.body.error).toMatchObject({ code: "invalid_request", message: expect.stringContaining(says), details: [{ path: "Idempotency-Key" }] });
    }
    expect(await disputesOf(ctx)).toBe(0);
    expect((await post(ip, { "idempotency-key": "k".repeat(255) })).status).toBe(201);
  });
});

describe("GET /api/v1/disputes/{id} of a closed dispute", () => {
  it("says it waits on no one: no current party, no deadline, the party it was last with as lastParty", async () => {
    const ctx = await makeStore("dapi");
    const call = await apiClient(ctx);
    const filed = async () => (await call(POST, { body: ip })).body.id as number;
    const read = async (id: number) => (await call(GET, { params: { id: String(id) } })).body;

    const open = await filed();
    expect(await read(open)).toMatchObject({
      status: "submitted",
      currentParty: "ip_protection_agency",
      lastParty: null,
      overdue: false,
      routing: { deadlineAt: expect.any(String) },
    });

    const resolved = await filed();
    await startReview(ctx, resolved);
    await routeDispute(ctx, resolved);
    await resolveDispute(ctx, resolved, { outcome: "won", summary: "Listing taken down." });
    const withdrawn = await filed();
    await withdrawDispute(ctx, withdrawn, { reason: "Settled with the shop" });
    // Their deadlines run out after they closed: still nothing is awaited, nothing overdue.
    await getDb().execute(sql`update disputes set deadline_at = now() - interval '1 day' where store_id = ${ctx.store.id} and id in (${resolved}, ${withdrawn})`);
    for (const [id, status] of [[resolved, "resolved"], [withdrawn, "withdrawn"]] as const) {
      expect(await read(id)).toMatchObject({
        status,
        currentParty: null,
        lastParty: "ip_protection_agency",
        overdue: false,
        routing: { primary: "ip_protection_agency", deadlineAt: null },
        closedAt: expect.any(String),
      });
    }
    // A retried filing of a dispute withdrawn since answers it as it is now.
    const post = await poster(ctx);
    const keyed = (await post(ip, { "idempotency-key": "later-withdrawn" })).body.id as number;
    await withdrawDispute(ctx, keyed, { reason: "Filed in error" });
    const retry = await post(ip, { "idempotency-key": "later-withdrawn" });
    expect(retry.body).toMatchObject({ id: keyed, status: "withdrawn", routing: { deadlineAt: null } });
  });
});
