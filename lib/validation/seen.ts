import { z } from "zod";

/**
 * Two at once (README): a form that sends a whole thing as it showed it carries `seen`, when
 * what it showed was last saved ("" never yet), and the lib function refuses a save over a later
 * one (db/unchanged.ts' unchangedSince) instead of putting back what another owner changed.
 * Absent (the API, the command line, an old page): no such check.
 */
export const seenField = z
  .union([z.literal(""), z.iso.datetime({ offset: true })])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "" ? null : new Date(v)));

/** What a page puts in its `seen` field: the saved thing's updatedAt, "" when none is saved yet. */
export const seenValue = (updatedAt: Date | null | undefined) => updatedAt?.toISOString() ?? "";
