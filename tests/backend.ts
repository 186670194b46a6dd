import { setTimeout as sleep } from "node:timers/promises";

/**
 * Whether this database test file runs on PostgreSQL (the db:postgres project) rather than on
 * PGlite. PGlite serves one transaction at a time, so nothing ever meets another half done there:
 * what writers let through or make wait is PostgreSQL's to show.
 */
export const onPostgres = process.env.LAOKE_TEST_BACKEND === "postgres";

/** `work`, or "still waiting" when it has not settled after `ms`. */
export function within<T>(work: Promise<T>, ms: number): Promise<T | "still waiting"> {
  return Promise.race([work, sleep(ms).then(() => "still waiting" as const)]);
}
