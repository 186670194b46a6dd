import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import { dataDir, readEnv } from "@/lib/env";

/** Where uploaded files wait for their import: inside the data directory, never under public/. */
export function uploadPath(storeId: number, importId: number): string {
  return path.join(dataDir(), "imports", String(storeId), `${importId}.upload`);
}

/**
 * Streams a request body to disk, refusing (413) a declared or actual size over the limit
 * without ever holding the file in memory.
 */
export async function saveUpload(body: ReadableStream<Uint8Array> | null, declaredSize: number | null, target: string) {
  const max = readEnv().LAOKE_MAX_IMPORT_BYTES;
  const tooLarge = () =>
    new AppError("too_large", `The file is larger than the import limit of ${max} bytes.`, "errors.fileTooLarge", { max });
  if (declaredSize !== null && declaredSize > max) throw tooLarge();
  if (!body) throw new AppError("invalid", "The request has no file.", "errors.noFile");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  let size = 0;
  try {
    await pipeline(
      Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>),
      async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          size += chunk.byteLength;
          if (size > max) throw tooLarge();
          yield chunk;
        }
      },
      fs.createWriteStream(target),
    );
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
  if (size === 0) {
    fs.rmSync(target, { force: true });
    throw new AppError("invalid", "The file is empty.", "errors.noFile");
  }
  return size;
}
