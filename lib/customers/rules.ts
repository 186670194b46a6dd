import { isDeepStrictEqual } from "node:util";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import { scoringRules } from "@/db/schema";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { anyMalformed } from "@/lib/validation/malformed";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import {
  defaultScoringRules,
  mergeScoringRules,
  scoringRulesPatchSchema,
  scoringRulesSchema,
  type ScoringRules,
} from "@/lib/validation/scoring-rules";

export interface VersionedRules {
  version: number;
  rules: ScoringRules;
  createdAt: Date | null;
}

/**
 * The rules in force (their newest version's, or null for the defaults) as a subquery, for a
 * statement that reads something else of the store anyway: the customers page's summary.
 */
export function rulesInForceSql(storeId: SQL): SQL<unknown> {
  return sql`(select ${scoringRules.rules} from ${scoringRules} where ${scoringRules.storeId} = ${storeId} order by ${scoringRules.version} desc limit 1)`;
}

/** What rulesInForceSql read: the saved rules, checked, or PRODUCT.md's defaults. */
export function rulesInForce(saved: unknown): ScoringRules {
  return saved === null || saved === undefined ? defaultScoringRules : scoringRulesSchema.parse(saved);
}

/** The rules in force for the store: its newest saved version, or PRODUCT.md's defaults as version 1. */
export const currentScoringRules = reusePlans(async function currentScoringRules(storeId: number, db: DbOrTx = getDb()): Promise<VersionedRules> {
  const [row] = await db
    .select({ version: scoringRules.version, rules: scoringRules.rules, createdAt: scoringRules.createdAt })
    .from(scoringRules)
    .where(eq(scoringRules.storeId, storeId))
    .orderBy(desc(scoringRules.version))
    .limit(1);
  if (!row) return { version: 1, rules: defaultScoringRules, createdAt: null };
  return { version: row.version, rules: scoringRulesSchema.parse(row.rules), createdAt: row.createdAt };
});

/**
 * Saves a new version of the rules: `patch` holds only the keys that change. Refused with the
 * failing fields when the merged rules are not valid: 400 when malformed (a misspelt key inside
 * `weights`, a weight that is not a number), 422 when they break a rule (cutoffs out of order). Rules the same as those in force are
 * no new version (`changed` false). Does not recompute: callers do, when something changed.
 * `baseVersion`: the version a whole form was made from; a newer one in force refuses the save.
 */
export async function saveScoringRules(
  ctx: StoreContext,
  patchInput: unknown,
  options: { baseVersion?: number } = {},
): Promise<VersionedRules & { changed: boolean }> {
  assertRole(ctx, "owner");
  const patch = scoringRulesPatchSchema.safeParse(patchInput);
  const invalid = (issues: z.core.$ZodIssue[]) => {
    const detail = issues.map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
    return new AppError(
      anyMalformed(issues) ? "invalid_request" : "invalid",
      `The scoring rules are not valid: ${detail}`,
      "errors.invalidRules",
      { detail },
      issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  };
  if (!patch.success) throw invalid(patch.error.issues);
  return getDb().transaction(async (tx) => {
    const current = await currentScoringRules(ctx.store.id, tx);
    const merged = scoringRulesSchema.safeParse(mergeScoringRules(current.rules, patch.data));
    if (!merged.success) throw invalid(merged.error.issues);
    // A save that changes nothing (`PUT {}`, the form sent again) would rescore every customer to the same scores.
    if (isDeepStrictEqual(merged.data, scoringRulesSchema.parse(current.rules))) return { ...current, changed: false };
    // The settings form sends every rule as it showed them: saved over a newer version (an API
    // PUT, another owner), it put that version's changes back without a word.
    if (options.baseVersion !== undefined && options.baseVersion !== current.version) {
      throw new AppError(
        "conflict",
        `The rules were changed meanwhile (now version ${current.version}); reload the page and make your change again.`,
        "errors.rulesChangedMeanwhile",
        { version: current.version },
      );
    }
    const version = current.version + 1;
    // The primary key (store, version) turns a concurrent save into a conflict, not a lost update.
    const [row] = await tx
      .insert(scoringRules)
      .values({ storeId: ctx.store.id, version, rules: merged.data, createdByUserId: ctx.userId })
      .onConflictDoNothing()
      .returning({ createdAt: scoringRules.createdAt });
    if (!row) throw new AppError("conflict", "The rules were changed at the same time; reload and try again.", "errors.rulesConflict");
    return { version, rules: merged.data, createdAt: row.createdAt, changed: true };
  });
}

/** The rules of each given version (version 1 without a saved row is the defaults). */
export const scoringRulesByVersion = reusePlans(async function scoringRulesByVersion(storeId: number, versions: number[], db: DbOrTx = getDb()): Promise<Map<number, ScoringRules>> {
  const wanted = [...new Set(versions)];
  const found = new Map<number, ScoringRules>();
  if (wanted.length === 0) return found;
  const rows = await db
    .select({ version: scoringRules.version, rules: scoringRules.rules })
    .from(scoringRules)
    .where(and(eq(scoringRules.storeId, storeId), inArray(scoringRules.version, wanted)));
  for (const row of rows) found.set(row.version, scoringRulesSchema.parse(row.rules));
  if (!found.has(1)) found.set(1, defaultScoringRules);
  return found;
});
