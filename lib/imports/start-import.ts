import fs from "node:fs";
import type { ImportFormat, ImportKind } from "@/db/schema";
import type { StoreContext } from "@/lib/stores/context";
import { AppError } from "@/lib/errors";
import { reason } from "./reasons";
import { createImport, markImportFailed, runImport } from "./run-import";
import { saveUpload, uploadPath } from "./upload";

/**
 * Saves an uploaded file and runs its import in the background of this server process; the
 * caller answers at once with the import id and the page (or API client) follows its progress.
 */
export async function startUploadedImport(
  ctx: StoreContext,
  input: { kind: ImportKind; format: ImportFormat; fileName: string; skipInvalid: boolean },
  body: ReadableStream<Uint8Array> | null,
  declaredSize: number | null,
) {
  const job = await createImport(ctx, input);
  const file = uploadPath(ctx.store.id, job.id);
  try {
    await saveUpload(body, declaredSize, file);
  } catch (error) {
    // The upload's own refusals (too large, empty) carry their catalogue key; anything else is
    // said in general words, as the API answers it.
    const why =
      error instanceof AppError && error.key ? { message: error.message, key: error.key, values: error.values } : reason("uploadFailed");
    await markImportFailed(ctx.store.id, job.id, why);
    throw error;
  }
  void runImport(ctx, job.id, file)
    .catch((error: unknown) => console.error(`[import ${job.id}]`, error))
    .finally(() => fs.rmSync(file, { force: true }));
  return job;
}
