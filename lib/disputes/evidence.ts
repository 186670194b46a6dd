import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { disputeEvidence, disputes } from "@/db/schema";
import { evidenceDir, readEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { StoreContext } from "@/lib/stores/context";
import { appendDisputeEvent, lockForEvidence, type Clock } from "./commands";
import { displayFileName, sniffEvidenceType } from "./file-types";
import { assertCanRun } from "./workflow";
import { byteLimit } from "@/lib/bytes";

const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg|webp|pdf|txt)$/;

function disputeFolder(storeId: number, disputeId: number) {
  return path.join(evidenceDir(), String(storeId), String(disputeId));
}

/** The file of a stored name, refusing anything that is not a server-made name inside the folder. */
function storedPath(storeId: number, disputeId: number, storedName: string): string {
  const folder = disputeFolder(storeId, disputeId);
  const full = path.resolve(folder, storedName);
  if (!STORED_NAME.test(storedName) || path.dirname(full) !== folder) throw new Error(`unexpected stored evidence name ${storedName}`);
  return full;
}

const tooLarge = (max: number) =>
  new AppError("too_large", `An evidence file may be at most ${byteLimit(max)}.`, "disputes.errors.evidenceTooLarge", { max: byteLimit(max) });

async function* chunksOf(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Uint8Array) {
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  if ("getReader" in body) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* body as AsyncIterable<Uint8Array>;
}

export interface EvidenceUpload {
  /** What the user called the file: shown, never used as a path. */
  fileName: string;
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Uint8Array;
  /** Content-Length when the client sent one: an oversized file is refused before it is read. */
  declaredSize?: number | null;
}

/**
 * Keeps an evidence file: at most LAOKE_EVIDENCE_MAX_BYTES (the file is held in memory, which
 * that limit keeps small), its type proven from its bytes, its sha256 recorded, written under a
 * name the server chooses, and the upload added to the dispute's history.
 */
export async function addEvidence(ctx: StoreContext, disputeId: number, upload: EvidenceUpload, options: Clock = {}) {
  const at = options.now ?? new Date();
  const max = readEnv().LAOKE_EVIDENCE_MAX_BYTES;
  // Refuse before reading when the dispute is not there or is closed.
  const [current] = await getDb()
    .select({ status: disputes.status })
    .from(disputes)
    .where(and(eq(disputes.storeId, ctx.store.id), eq(disputes.id, disputeId)));
  if (!current) throw new AppError("not_found", "No such dispute in this store.", "disputes.errors.noSuchDispute");
  assertCanRun("addEvidence", current.status);
  if (upload.declaredSize != null && upload.declaredSize > max) throw tooLarge(max);

  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunksOf(upload.body)) {
    size += chunk.byteLength;
    if (size > max) throw tooLarge(max);
    parts.push(chunk);
  }
  if (size === 0) throw new AppError("invalid", "The file is empty.", "disputes.errors.evidenceEmpty");
  const bytes = Buffer.concat(parts);
  const type = sniffEvidenceType(bytes);
  if (!type) {
    throw new AppError(
      "invalid",
      "This file is not a PNG, JPEG or WebP image, a PDF or plain text (checked from its contents, not its name).",
      "disputes.errors.evidenceType",
    );
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storedName = `${randomUUID()}.${type.extension}`;
  const file = storedPath(ctx.store.id, disputeId, storedName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written under a temporary name first, so a half-written file never carries a stored name.
  const temporary = `${file}.part`;
  fs.writeFileSync(temporary, bytes, { mode: 0o600 });
  fs.renameSync(temporary, file);
  const fileName = displayFileName(upload.fileName);
  try {
    return await getDb().transaction(async (tx) => {
      await lockForEvidence(tx, ctx, disputeId);
      // The same bytes again (a double click, a retry after an upload whose answer was lost): the
      // case packet would list the file twice. Under the dispute's lock, so two at once are one.
      const [same] = await tx
        .select({ fileName: disputeEvidence.fileName })
        .from(disputeEvidence)
        .where(and(eq(disputeEvidence.storeId, ctx.store.id), eq(disputeEvidence.disputeId, disputeId), eq(disputeEvidence.sha256, sha256)))
        .limit(1);
      if (same) {
        throw new AppError("conflict", `This file is already attached to the dispute, as ${same.fileName}.`, "disputes.errors.evidenceDuplicate", {
          fileName: same.fileName,
        });
      }
      const [row] = await tx
        .insert(disputeEvidence)
        .values({
          storeId: ctx.store.id,
          disputeId,
          fileName,
          storedName,
          mediaType: type.mediaType,
          sizeBytes: size,
          sha256,
          uploadedByUserId: ctx.userId,
          uploadedAt: at,
        })
        .returning({ id: disputeEvidence.id });
      await appendDisputeEvent(tx, ctx, {
        disputeId,
        kind: "evidence_added",
        at,
        data: { evidenceId: row!.id, fileName, mediaType: type.mediaType, sizeBytes: size, sha256 },
      });
      return { id: row!.id, fileName, mediaType: type.mediaType, sizeBytes: size, sha256 };
    });
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
}

export async function listEvidence(ctx: StoreContext, disputeId: number) {
  return getDb()
    .select({
      id: disputeEvidence.id,
      fileName: disputeEvidence.fileName,
      mediaType: disputeEvidence.mediaType,
      sizeBytes: disputeEvidence.sizeBytes,
      sha256: disputeEvidence.sha256,
      uploadedAt: disputeEvidence.uploadedAt,
      uploadedByUserId: disputeEvidence.uploadedByUserId,
    })
    .from(disputeEvidence)
    .where(and(eq(disputeEvidence.storeId, ctx.store.id), eq(disputeEvidence.disputeId, disputeId)))
    .orderBy(asc(disputeEvidence.id));
}

/**
 * An evidence file of this store's dispute, for download: looked up by store, dispute and id
 * together, so another store's file is simply not found (404).
 */
export async function openEvidence(ctx: StoreContext, disputeId: number, evidenceId: number) {
  const [row] = await getDb()
    .select({
      fileName: disputeEvidence.fileName,
      storedName: disputeEvidence.storedName,
      mediaType: disputeEvidence.mediaType,
      sizeBytes: disputeEvidence.sizeBytes,
      sha256: disputeEvidence.sha256,
    })
    .from(disputeEvidence)
    .where(
      and(eq(disputeEvidence.storeId, ctx.store.id), eq(disputeEvidence.disputeId, disputeId), eq(disputeEvidence.id, evidenceId)),
    );
  if (!row) throw new AppError("not_found", "No such evidence file in this store.", "disputes.errors.noSuchEvidence");
  const file = storedPath(ctx.store.id, disputeId, row.storedName);
  if (!fs.existsSync(file)) throw new AppError("not_found", "The evidence file is missing from storage.", "disputes.errors.noSuchEvidence");
  return { ...row, path: file, extension: row.storedName.split(".").pop()! };
}
