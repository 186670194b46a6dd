import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { AppError } from "@/lib/errors";

/**
 * The condition a save from a page holds to (lib/validation/seen.ts): `updatedAt` as the page
 * saw it, to the millisecond a page carries. `seen` undefined (no page): none; null (the page
 * was drawn before anything was saved): never, so a row saved meanwhile is not overwritten.
 * For an UPDATE's WHERE or an upsert's setWhere: no row touched means the save was stale.
 */
export function unchangedSince(updatedAt: AnyPgColumn, seen: Date | null | undefined): SQL | undefined {
  if (seen === undefined) return undefined;
  return seen === null ? sql`false` : sql`date_trunc('milliseconds', ${updatedAt}) = ${seen}`;
}

/**
 * A save's new `updatedAt`: now, and always a later millisecond than the one it replaces, so two
 * saves within one millisecond do not look like one to a page that saw the first.
 */
export const savedAt = (updatedAt: AnyPgColumn): SQL => sql`greatest(now(), date_trunc('milliseconds', ${updatedAt}) + interval '1 millisecond')`;

/**
 * After a save held to unchangedSince: no row `saved` means the page was stale, refused (409)
 * with `message` (what changed meanwhile, and to reload) in the reader's words under `key`.
 */
export function assertUnchanged(saved: readonly unknown[], message: string, key: string): void {
  if (saved.length === 0) throw new AppError("conflict", message, key);
}
