import { recomputeScores, type FollowUps } from "@/lib/customers/recompute";

/**
 * The recompute that follows an import or an API batch, once its rows are committed. They stay
 * whatever happens to it: when it fails, the caller says the data was saved and the scores were
 * not brought up to date (a 500 or "nothing was imported" would send the merchant to import
 * again what is already there). The error goes to the server's log. A file import asks for the
 * follow-ups (co-purchase counts, upkeep) "later": see catchUpAfterScores.
 */
export async function recomputeAfterWrite(storeId: number, what: string, options: { followUps?: FollowUps } = {}): Promise<boolean> {
  try {
    await recomputeScores(storeId, options);
    return true;
  } catch (error) {
    console.error(`[${what}] saved, but the recompute after it failed:`, error);
    return false;
  }
}
