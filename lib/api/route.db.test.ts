import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { AppError } from "@/lib/errors";
import { makeStore } from "@/tests/factories";
import { POST as postProducts } from "@/app/api/v1/products/route";
import { GET as getCustomers } from "@/app/api/v1/customers/route";
import { GET as getCustomer } from "@/app/api/v1/customers/[externalId]/route";
import { apiRoute } from "./route";

const echo = apiRoute({ body: z.object({ items: z.array(z.object({ n: z.number().int() })).max(3) }) }, async ({ ctx, body }) => ({
  store: ctx.store.slug,
  total: body.items.reduce((sum, item) => sum + item.n, 0),
}));
const refuse = apiRoute({}, async () => {
  throw new AppError("invalid", "Start must be before end.", undefined, undefined, [{ path: "start", message: "after end" }]);
});
const crash = apiRoute({}, async () => {
  throw new Error("database exploded with secret details");
});

const route = { params: Promise.resolve({}) };
const post = (token: string | null, body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://test/api/v1/echo", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);

async function tokenForNewStore() {
  const ctx = await makeStore("api");
  return { ctx, token: (await createApiToken(ctx, "test")).token };
}

describe("the API route wrapper", () => {
  it("runs the handler for a valid token and body", async () => {
    const { ctx, token } = await tokenForNewStore();
    const response = await echo(post(token, JSON.stringify({ items: [{ n: 2 }, { n: 3 }] })), route);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ store: ctx.store.slug, total: 5 });
  });

  it("holds each store to its rate: 429 with Retry-After past the burst, other stores unaffected", async () => {
    const { token } = await tokenForNewStore();
    const other = await tokenForNewStore();
    const before = process.env.LAOKE_API_RATE_PER_SECOND;
    process.env.LAOKE_API_RATE_PER_SECOND = "1";
    try {
      const send = (t: string) => echo(post(t, JSON.stringify({ items: [] })), route);
      const [first, second, third] = [await send(token), await send(token), await send(token)];
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.headers.get("ratelimit-limit")).toBe("2");
      expect([first.headers.get("ratelimit-remaining"), second.headers.get("ratelimit-remaining")]).toEqual(["1", "0"]);
      expect(third.status).toBe(429);
      expect(third.headers.get("retry-after")).toBe("1");
      expect(await third.json()).toEqual({
        error: {
          code: "rate_limited",
          message: "Too many requests for this store: the API takes 1 a second (2 at once). Try again in 1 s.",
          details: [],
        },
      });
      expect((await send(other.token)).status).toBe(200);
    } finally {
      if (before === undefined) delete process.env.LAOKE_API_RATE_PER_SECOND;
      else process.env.LAOKE_API_RATE_PER_SECOND = before;
    }
  });

  it("answers 401 in the error format without a valid token", async () => {
    const response = await echo(post(null, "{}"), route);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized", details: [] } });
  });

  it("answers 400 with the failing paths for a body of the wrong shape, and for broken JSON", async () => {
    const { token } = await tokenForNewStore();
    const wrong = await echo(post(token, JSON.stringify({ items: [{ n: "x" }] })), route);
    expect(wrong.status).toBe(400);
    const body = await wrong.json();
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details[0].path).toBe("items.0.n");
    const broken = await echo(post(token, "{not json"), route);
    expect(broken.status).toBe(400);
    const brokenError = (await broken.json()).error;
    expect(brokenError).toMatchObject({ code: "invalid_json", message: "The request body is not valid JSON." });
    // Where JSON.parse stopped, for whoever wrote the script.
    expect(brokenError.details).toEqual([{ path: "", message: expect.stringContaining("position 1") }]);
    // `curl -F` sends a multipart form: the answer names the type it was sent as.
    const form = new FormData();
    form.set("orders", "[]");
    const multipart = await echo(new Request("http://test/api/v1/echo", { method: "POST", body: form, headers: { authorization: `Bearer ${token}` } }), route);
    expect((await multipart.json()).error).toMatchObject({
      code: "invalid_json",
      message: "The request body is not valid JSON. It was sent as multipart/form-data; send JSON, with Content-Type: application/json.",
    });
  });

  it("reads the body as UTF-8: one in GBK is refused where it stops being UTF-8, a byte-order mark is let through", async () => {
    const { token } = await tokenForNewStore();
    // {"products":[{"externalId":"G1","name":"王芳","price":100}]} as an ERP in China may write it: GBK.
    const gbk = Buffer.concat([Buffer.from('{"products":[{"externalId":"G1","name":"'), Buffer.from([0xcd, 0xf5, 0xb7, 0xbc]), Buffer.from('","price":100}]}')]);
    const refused = await postProducts(post(token, gbk, { "content-type": "application/json; charset=GBK" }), route);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toEqual({
      code: "invalid_json",
      message: "The request body is not UTF-8 text. It was sent as gbk; JSON is read as UTF-8: encode the body so (the text of Chinese names too).",
      details: [{ path: "", message: "byte 40 (0xCD) begins no UTF-8 character" }],
    });
    const withBom = await postProducts(post(token, "\uFEFF" + JSON.stringify({ products: [{ externalId: "B1", name: "王芳", price: 100 }] })), route);
    expect(withBom.status).toBe(200);
    expect(await withBom.json()).toMatchObject({ created: 1 });
  });

  it("refuses a compressed JSON body naming its Content-Encoding, not as JSON that does not parse", async () => {
    const { token } = await tokenForNewStore();
    const gzipped = await postProducts(post(token, gzipSync(JSON.stringify({ products: [{ externalId: "Z1", name: "杯", price: 100 }] })), { "content-encoding": "gzip" }), route);
    expect(gzipped.status).toBe(400);
    expect((await gzipped.json()).error).toEqual({
      code: "invalid_request",
      message: "The request body was sent with Content-Encoding: gzip, which this route does not unpack; send the JSON uncompressed.",
      details: [{ path: "Content-Encoding", message: "gzip is not taken" }],
    });
  });

  it("refuses a body nested 100,000 arrays deep as the wrong shape (400), not a 500 of an overflowed stack", async () => {
    const { token } = await tokenForNewStore();
    const depth = 100_000;
    const deep = await postProducts(post(token, `{"products":${"[".repeat(depth)}${"]".repeat(depth)}}`), route);
    expect(deep.status).toBe(400);
    expect((await deep.json()).error).toMatchObject({ code: "invalid_request", details: [{ path: "products.0", message: "Invalid input: expected object, received array" }] });
  });

  it("refuses a NUL character in the body, the path or the query with a 400 naming where, not a 500", async () => {
    const nul = "must not contain U+0000, a control or bidirectional formatting character";
    const { token } = await tokenForNewStore();
    const auth = { authorization: `Bearer ${token}` };
    const body = JSON.stringify({ products: [{ externalId: "P-1", name: "x\u0000y", price: 100 }] });
    const products = await postProducts(new Request("http://test/api/v1/products", { method: "POST", body, headers: auth }), route);
    expect(products.status).toBe(400);
    expect((await products.json()).error).toMatchObject({
      code: "invalid_request",
      details: [{ path: "products.0.name", message: nul }],
    });
    const search = await getCustomers(new Request("http://test/api/v1/customers?q=%00", { headers: auth }), route);
    expect(search.status).toBe(400);
    expect((await search.json()).error.details).toEqual([{ path: "q", message: nul }]);
    const one = await getCustomer(new Request("http://test/api/v1/customers/C-1%00", { headers: auth }), {
      params: Promise.resolve({ externalId: "C-1\u0000" }),
    });
    expect(one.status).toBe(400);
    expect((await one.json()).error.details[0].path).toBe("externalId");
  });

  it("answers 413 for a body over the limit, declared or streamed", async () => {
    const { token } = await tokenForNewStore();
    const big = JSON.stringify({ items: [], pad: "x".repeat(6 * 1024 * 1024) });
    const declared = await echo(post(token, big, { "content-length": String(big.length) }), route);
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe("too_large");
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // An endless body: the wrapper must stop reading it, not buffer it all.
        sent += 1 << 20;
        controller.enqueue(new Uint8Array(1 << 20).fill(32));
        if (sent > 64 * (1 << 20)) controller.close();
      },
    });
    const streamed = await echo(post(token, stream), route);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(16 * (1 << 20));
  });

  it("maps domain refusals to their status with details, and hides unexpected errors behind a reference", async () => {
    const { token } = await tokenForNewStore();
    const refused = await refuse(post(token, null), route);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      error: { code: "invalid", message: "Start must be before end.", details: [{ path: "start", message: "after end" }] },
    });
    const crashed = await crash(post(token, null), route);
    expect(crashed.status).toBe(500);
    const message = (await crashed.json()).error.message as string;
    expect(message).toMatch(/reference [0-9a-f]{8}/);
    expect(message).not.toContain("secret");
  });
});
