import { z } from "zod";

/** Records a request of `POST /api/v1/<kind>` takes (PRODUCT.md §8). */
export const MAX_BATCH = 1000;

/**
 * A request's batch: 1 to MAX_BATCH records under `key` and no other key (a misspelt option is
 * refused, not ignored). A longer batch is answered 413 (`oversizedBatch`).
 */
export function batchOf<K extends string, T extends z.ZodType>(key: K, record: T) {
  return z.object({ [key]: z.array(record).min(1).max(MAX_BATCH) } as Record<K, z.ZodArray<T>>).strict();
}

/** The refusal of a batch longer than a request takes, if that is among `error`'s issues. */
export function oversizedBatch(error: z.ZodError) {
  for (const issue of error.issues) {
    if (issue.code === "too_big" && issue.origin === "array" && issue.path.length === 1 && issue.maximum === MAX_BATCH) {
      return { key: String(issue.path[0]), message: issue.message };
    }
  }
  return undefined;
}
