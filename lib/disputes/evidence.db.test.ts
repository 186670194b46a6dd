import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DisputeFacts } from "@/lib/validation/disputes";
import { makeStore } from "@/tests/factories";
import { fileDispute, resolveDispute, startReview } from "./commands";
import { addEvidence, listEvidence, openEvidence } from "./evidence";
import { getDispute } from "./queries";

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR fake image body")]);
const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(64), Buffer.from("This program cannot be run in DOS mode")]);
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

const facts: DisputeFacts = {
  type: "fake_return",
  title: "Empty box",
  description: "Return came back as an empty box.",
  amountAtStake: 29_900,
  counterparty: { name: "Buyer 17", kind: "buyer" },
  orderExternalId: undefined,
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-evidence-"));
  process.env.LAOKE_EVIDENCE_DIR = dir;
});
afterAll(() => {
  delete process.env.LAOKE_EVIDENCE_DIR;
  delete process.env.LAOKE_EVIDENCE_MAX_BYTES;
  fs.rmSync(dir, { recursive: true, force: true });
});

function filesUnder(root: string): string[] {
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function draft() {
  const ctx = await makeStore("evd");
  const { id } = await fileDispute(ctx, facts, { draft: true });
  return { ctx, id };
}

describe("evidence files", () => {
  it("keeps a PNG under a server-chosen name with its sha256, and records the upload in the history", async () => {
    const { ctx, id } = await draft();
    const saved = await addEvidence(ctx, id, { fileName: "../../../../etc/cron.d/evil.png", body: png });
    expect(saved).toMatchObject({ fileName: "evil.png", mediaType: "image/png", sizeBytes: png.length, sha256: sha(png) });

    const opened = await openEvidence(ctx, id, saved.id);
    expect(opened.path.startsWith(path.join(dir, String(ctx.store.id), String(id)) + path.sep)).toBe(true);
    expect(path.basename(opened.path)).toMatch(/^[0-9a-f-]{36}\.png$/);
    expect(fs.readFileSync(opened.path)).toEqual(png);
    // Nothing was written anywhere but under the evidence directory.
    expect(filesUnder(dir)).toEqual([opened.path]);

    const view = await getDispute(ctx, id);
    expect(view.evidence.map((e) => e.sha256)).toEqual([sha(png)]);
    expect(view.events.at(-1)).toMatchObject({ kind: "evidence_added", data: { fileName: "evil.png", sha256: sha(png) } });
  });

  it("takes a stream, plain text and a PDF; refuses an .exe renamed .png and an empty file, keeping nothing", async () => {
    const { ctx, id } = await draft();
    const text = Buffer.from("买家聊天记录:\n2026-03-01 收到空包裹\n");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(text.subarray(0, 7));
        controller.enqueue(text.subarray(7));
        controller.close();
      },
    });
    expect(await addEvidence(ctx, id, { fileName: "chat.log", body: stream })).toMatchObject({ mediaType: "text/plain; charset=utf-8", sha256: sha(text) });
    expect(await addEvidence(ctx, id, { fileName: "notice", body: Buffer.from("%PDF-1.4\n...") })).toMatchObject({ mediaType: "application/pdf" });

    const before = filesUnder(dir).length;
    await expect(addEvidence(ctx, id, { fileName: "photo.png", body: exe })).rejects.toMatchObject({ code: "invalid", key: "disputes.errors.evidenceType" });
    await expect(addEvidence(ctx, id, { fileName: "empty.txt", body: Buffer.alloc(0) })).rejects.toMatchObject({ key: "disputes.errors.evidenceEmpty" });
    expect(filesUnder(dir).length).toBe(before);
    expect((await listEvidence(ctx, id)).map((e) => e.fileName)).toEqual(["chat.log", "notice"]);
  });

  it("refuses a file over the configured limit, declared or streamed", async () => {
    const { ctx, id } = await draft();
    process.env.LAOKE_EVIDENCE_MAX_BYTES = "2048";
    try {
      const big = Buffer.concat([png, Buffer.alloc(2048)]);
      await expect(addEvidence(ctx, id, { fileName: "big.png", body: big })).rejects.toMatchObject({ code: "too_large", status: 413 });
      await expect(addEvidence(ctx, id, { fileName: "big.png", body: png, declaredSize: 4096 })).rejects.toMatchObject({ code: "too_large" });
      expect(await addEvidence(ctx, id, { fileName: "small.png", body: Buffer.concat([png, Buffer.alloc(2048 - png.length)]) })).toMatchObject({
        sizeBytes: 2048,
      });
    } finally {
      delete process.env.LAOKE_EVIDENCE_MAX_BYTES;
    }
  });

  it("is not found for another store's member, nor under another dispute", async () => {
    const { ctx, id } = await draft();
    const saved = await addEvidence(ctx, id, { fileName: "a.png", body: png });
    const other = await makeStore("evd");
    const { id: otherDispute } = await fileDispute(other, facts, { draft: true });
    await expect(openEvidence(other, id, saved.id)).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(openEvidence(other, otherDispute, saved.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(addEvidence(other, id, { fileName: "x.png", body: png })).rejects.toMatchObject({ code: "not_found" });
    const second = await fileDispute(ctx, facts, { draft: true });
    await expect(openEvidence(ctx, second.id, saved.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps one copy of a file sent twice (a double click, a retry after the connection dropped), saying it is there", async () => {
    const { ctx, id } = await draft();
    const both = await Promise.allSettled([addEvidence(ctx, id, { fileName: "box.png", body: png }), addEvidence(ctx, id, { fileName: "box (1).png", body: png })]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const kept = (both.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ fileName: string }>).value;
    const refused = (both.find((r) => r.status === "rejected") as PromiseRejectedResult).reason;
    expect(refused).toMatchObject({ code: "conflict", key: "disputes.errors.evidenceDuplicate", values: { fileName: kept.fileName } });
    const view = await getDispute(ctx, id);
    expect(view.evidence).toHaveLength(1);
    expect(view.events.filter((e) => e.kind === "evidence_added")).toHaveLength(1);
    expect(filesUnder(path.join(dir, String(ctx.store.id), String(id)))).toHaveLength(1);
    // Another file is added as ever.
    await addEvidence(ctx, id, { fileName: "note.txt", body: Buffer.from("The box weighed 120 g.") });
    expect((await getDispute(ctx, id)).evidence).toHaveLength(2);
  });

  it("refuses evidence on a closed dispute", async () => {
    const ctx = await makeStore("evd");
    const { id } = await fileDispute(ctx, { ...facts, type: "unfair_platform_treatment" });
    await startReview(ctx, id);
    await resolveDispute(ctx, id, { outcome: "won", summary: "Funds released." });
    await expect(addEvidence(ctx, id, { fileName: "late.png", body: png })).rejects.toMatchObject({
      code: "conflict",
      values: { action: "addEvidence", status: "resolved" },
    });
  });
});
