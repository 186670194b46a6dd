import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { imports } from "@/db/schema";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { readEnv } from "@/lib/env";
import { createImport } from "@/lib/imports/run-import";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { apiRefusal } from "@/tests/refusal";
import { GET as getImport } from "./[id]/route";
import { POST as postImport } from "./route";

// POST /api/v1/imports (a CSV body, 202 {importId}) and GET /api/v1/imports/{id}; files too
// large or not CSV at all are refused quickly, without holding them in memory.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-imports-api-"));
const savedDataDir = process.env.LAOKE_DATA_DIR;
beforeAll(() => {
  process.env.LAOKE_DATA_DIR = path.join(dir, "data"); // uploads wait here for their import
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.LAOKE_DATA_DIR;
  else process.env.LAOKE_DATA_DIR = savedDataDir;
  fs.rmSync(dir, { recursive: true, force: true });
});

const MB = 1024 * 1024;

async function client(ctx: StoreContext) {
  const { token } = await createApiToken(ctx, "imports test");
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, "content-type": "text/csv", ...extra });
  return {
    /** POSTs a body (text, or a stream) to /api/v1/imports?query. */
    async post(query: string, body: string | ReadableStream<Uint8Array>, extraHeaders: Record<string, string> = {}) {
      const request = new Request(`http://laoke.test/api/v1/imports?${query}`, {
        method: "POST",
        headers: headers(extraHeaders),
        body,
        ...(typeof body === "string" ? {} : { duplex: "half" }),
      } as RequestInit);
      const response = await postImport(request, { params: Promise.resolve({}) });
      return { status: response.status, body: (await response.json()) as any };
    },
    async get(id: number | string) {
      const request = new Request(`http://laoke.test/api/v1/imports/${id}`, { headers: headers() });
      const response = await getImport(request, { params: Promise.resolve({ id: String(id) }) });
      return { status: response.status, body: (await response.json()) as any };
    },
    /** Polls the import until it has finished. */
    async finished(id: number) {
      for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 50))) {
        const { body } = await this.get(id);
        if (body.status === "succeeded" || body.status === "failed") return body;
      }
      throw new Error(`import ${id} did not finish`);
    },
  };
}

const ordersCsv = [
  "orderExternalId,customerExternalId,customerName,placedAt,status,groupBuy,productExternalId,productName,quantity,unitPrice",
  "O1,C1,王芳,2026-05-01 10:00:00,paid,false,P1,保温杯,2,59.90",
  "O2,C2,李雷,2026-05-02 11:00:00,paid,true,P1,保温杯,1,59.90",
  "O3,C2,李雷,2026-05-03 11:00:00,paid,no,P2,茶叶,1,12.345",
].join("\n");

async function orderCount(storeId: number) {
  const { rows } = await getDb().execute(sql`select count(*)::int as n from orders where store_id = ${storeId}`);
  return rows[0]!.n;
}

/** Writes `bytes` bytes of junk to a file, a chunk at a time (never the whole in memory). */
async function writeJunk(file: string, bytes: number, chunk: (i: number) => Buffer) {
  const out = fs.createWriteStream(file);
  for (let i = 0, written = 0; written < bytes; i++) {
    const piece = chunk(i).subarray(0, bytes - written);
    written += piece.length;
    if (!out.write(piece)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** Runs `work` while sampling this process's RSS; returns its result and the peak growth. */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  global.gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - base };
  } finally {
    clearInterval(timer);
  }
}

describe("POST /api/v1/imports", () => {
  it("answers 202 with the import id, and GET shows its progress and result", async () => {
    const ctx = await makeStore("iapi");
    const api = await client(ctx);
    const refused = await api.post("kind=orders&format=canonical", ordersCsv);
    expect(refused.status).toBe(202);
    expect(refused.body).toEqual({ importId: expect.any(Number) });
    const failed = await api.finished(refused.body.importId);
    expect(failed).toMatchObject({
      status: "failed",
      totalRows: 3,
      processedRows: 3,
      errors: [{ row: 4, column: "unitPrice", message: `"12.345" is not an amount with at most 2 decimals` }],
      message: "1 row is not valid; nothing was imported.",
    });
    expect(await orderCount(ctx.store.id)).toBe(0);

    const skipping = await api.post("kind=orders&format=canonical&skipInvalid=true&fileName=orders.csv", ordersCsv);
    expect(skipping.status).toBe(202);
    const done = await api.finished(skipping.body.importId);
    expect(done).toMatchObject({
      status: "succeeded",
      fileName: "orders.csv",
      totalRows: 3,
      processedRows: 3,
      skippedRows: 1,
      errors: [{ row: 4, column: "unitPrice", message: `"12.345" is not an amount with at most 2 decimals` }],
      counts: { customers: { created: 2, updated: 0 }, products: { created: 1, updated: 0 }, orders: { created: 2, updated: 0 } },
    });
    expect(await orderCount(ctx.store.id)).toBe(2);
  });

  it("refuses a bad kind, and an import of another store is not found", async () => {
    const a = await client(await makeStore("iapi"));
    const b = await client(await makeStore("iapi"));
    const bad = await a.post("kind=customers", ordersCsv);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("kind");
    const { body } = await a.post("kind=orders", ordersCsv);
    await a.finished(body.importId);
    expect((await b.get(body.importId)).status).toBe(404);
  });

  it("reads a blank option as its default, and a blank kind as none given", async () => {
    const ctx = await makeStore("iapi");
    const api = await client(ctx);
    // `?format=&skipInvalid=`, as a template sends options it leaves out: canonical, not skipping
    // (they were refused with 400, "expected one of canonical, online-retail").
    const taken = await api.post("kind=orders&format=&skipInvalid=&fileName=", ordersCsv);
    expect(taken.status).toBe(202);
    const done = await api.finished(taken.body.importId);
    expect(done).toMatchObject({ format: "canonical", fileName: "api-upload.csv", status: "failed" });
    expect(done.errors.map((e: { row: number }) => e.row)).toEqual([4]);
    expect(apiRefusal(await api.post("kind=", ordersCsv))).toEqual({ status: 400, code: "invalid_request", paths: ["kind"] });
  });

  it("refuses a form upload (curl -F) and says how to send the file, opening no import", async () => {
    const ctx = await makeStore("iapi");
    const api = await client(ctx);
    const boundary = "----laoke";
    const form = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="orders.csv"\r\nContent-Type: text/csv\r\n\r\n${ordersCsv}\r\n--${boundary}--\r\n`;
    const refused = await api.post("kind=orders", form, { "content-type": `multipart/form-data; boundary=${boundary}` });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("--data-binary");
    const { rows } = await getDb().execute(sql`select count(*)::int as n from imports where store_id = ${ctx.store.id}`);
    expect(rows[0]!.n).toBe(0);
  });

  it("refuses a JSON body, pointing to the records route, where it was taken (202) to fail a moment later; opens no import", async () => {
    const ctx = await makeStore("iapi");
    const api = await client(ctx);
    const json = JSON.stringify({ orders: [{ externalId: "O1" }] });
    const refused = await api.post("kind=orders", json, { "content-type": "application/json; charset=utf-8" });
    expect(apiRefusal(refused)).toEqual({ status: 400, code: "invalid_request", paths: [] });
    expect(refused.body.error.message).toBe(
      "This route takes a CSV file (plain or gzip) as the request body, and it was sent as application/json. " +
        'Send the file (curl --data-binary @orders.csv -H "Content-Type: text/csv"), or the records as JSON to POST /api/v1/orders.',
    );
    const { rows } = await getDb().execute(sql`select count(*)::int as n from imports where store_id = ${ctx.store.id}`);
    expect(rows[0]!.n).toBe(0);
    // A CSV sent with curl's own type (--data-binary sends application/x-www-form-urlencoded) is still taken.
    const csv = await api.post("kind=orders", ordersCsv, { "content-type": "application/x-www-form-urlencoded" });
    expect(csv.status).toBe(202);
    expect((await api.finished(csv.body.importId)).totalRows).toBe(3);
  });

  it("GET shows an import whose process stopped reporting as failed, not running for ever", async () => {
    const ctx = await makeStore("iapi");
    const api = await client(ctx);
    const job = await createImport(ctx, { kind: "orders", format: "canonical", fileName: "dead.csv", skipInvalid: false });
    const setHeartbeat = (ago: string) =>
      getDb()
        .update(imports)
        .set({ status: "running", startedAt: sql`now() - interval '1 hour'`, heartbeatAt: sql`now() - ${sql.raw(`interval '${ago}'`)}` })
        .where(and(eq(imports.storeId, ctx.store.id), eq(imports.id, job.id)));

    await setHeartbeat("10 seconds");
    expect((await api.get(job.id)).body.status).toBe("running");

    await setHeartbeat("1 hour");
    const { status, body } = await api.get(job.id);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "failed",
      message: "Interrupted: the process running it stopped. Nothing was imported; run it again.",
      finishedAt: expect.any(String),
    });
  });

  it("answers 413 to a declared size of 2 GB without reading the body", async () => {
    const ctx = await makeStore("iapi");
    const api = await client(ctx);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++;
          controller.enqueue(new TextEncoder().encode(ordersCsv));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const started = Date.now();
    const { status, body: answer } = await api.post("kind=orders&format=canonical", body, { "content-length": "2147483648" });
    expect(status).toBe(413);
    expect(answer.error).toEqual({ code: "too_large", message: `The file is larger than the import limit of ${readEnv().LAOKE_MAX_IMPORT_BYTES} bytes.`, details: [] });
    expect(pulled).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await orderCount(ctx.store.id)).toBe(0);
  });

  // [what, a 1 MB chunk of it, the import's message, its listed errors, its rows counted]
  const junk: [string, (i: number) => Buffer, RegExp, unknown[], number | null][] = [
    // No line break anywhere: not even the header can be read.
    [
      "one gigantic line",
      () => Buffer.alloc(MB, "junk,"),
      /^The file is not readable CSV, so nothing was imported: record 1 is longer than 1,048,576 characters\.$/,
      [{ row: 1, message: "record 1 is longer than 1,048,576 characters" }],
      0,
    ],
    // Bytes of a fixed pseudo-random sequence: not text, said once, with no row's error, and no
    // rows counted (its 400,000 or so line breaks were counted as rows).
    [
      "random bytes",
      (i) => pseudoRandomBytes(MB, i + 1),
      /^The file is not text, so not CSV \(it looks like an image, an archive or another program's file\); nothing was imported\./,
      [],
      null,
    ],
  ];

  it.each(junk)("refuses 100 MB of junk (%s) quickly, with a clear message, in flat memory", async (_what, chunk, message, errors, totalRows) => {
    const ctx = await makeStore("iapi");
    const api = await client(ctx);
    const file = path.join(dir, "junk.csv");
    await writeJunk(file, 100 * MB, chunk);

    const started = Date.now();
    const { result: done, growth } = await peakRssGrowth(async () => {
      const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
      const { status, body: answer } = await api.post("kind=orders&format=canonical", body, { "content-length": String(100 * MB) });
      expect(status).toBe(202);
      return api.finished(answer.importId);
    });
    const seconds = (Date.now() - started) / 1000;
    fs.rmSync(file);

    expect(done.status).toBe("failed");
    expect(done.message).toMatch(message);
    expect(done.errors).toEqual(errors);
    expect(done.totalRows).toBe(totalRows);
    expect(seconds).toBeLessThan(30);
    expect(growth).toBeLessThan(100 * MB);
    expect(await orderCount(ctx.store.id)).toBe(0);
  }, 120_000);
});

/** A deterministic stream of bytes (xorshift32), so a failure can be replayed. */
function pseudoRandomBytes(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed * 2654435761 || 1;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeUInt32LE(x >>> 0, i);
  }
  return out;
}
