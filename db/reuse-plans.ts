import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import pg from "pg";

// On globalThis, as the pool is (db/index.ts): the bundler may load this module more than once
// (once per layer of Next.js), and the pool must see the flag set through any of them.
const globalForPlans = globalThis as unknown as { laokeReusingPlans?: AsyncLocalStorage<true> };
const reusing = (globalForPlans.laokeReusingPlans ??= new AsyncLocalStorage<true>());

/**
 * `load`, with its parameterised queries sent as named prepared statements: the database then
 * plans each text once per session and runs that plan again with new values. PGlite takes
 * 0.3–0.6 ms to plan even a lookup by key, and a customer page runs thirty of them (its median
 * 46–63 ms instead of 57–78 ms on the 1M-order store). Only for domain functions that look
 * things up by key — one user, one customer, one store's settings — whose best plan is the same
 * whatever the values: a plan kept for one store must not serve another a hundred times its size.
 */
export function reusePlans<A extends unknown[], R>(load: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => reusing.run(true, () => load(...args));
}

/** More distinct texts than the lookups have: beyond it a text goes unnamed (each name keeps a plan). */
const MAX_NAMES = 1000;
const names = new Map<string, string>();

function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMES) {
    name = `l${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

type QueryConfig = { text?: string; name?: string; values?: unknown[] };

/**
 * The app's pool: names the statements sent inside `reusePlans` (drizzle sends every query
 * outside a transaction through `pool.query`; a transaction's go through its own client, unnamed).
 */
export class PlanReusingPool extends pg.Pool {
  // The signature of pg's many overloads, passed through as they are.
  query(config: any, values?: any, callback?: any): any {
    if (reusing.getStore() && typeof config === "object" && config !== null && !(config as QueryConfig).name) {
      const { text } = config as QueryConfig;
      // A text without parameters may carry its values inline: each would be a new name.
      const count = (Array.isArray(values) ? values : (config as QueryConfig).values)?.length ?? 0;
      const name = typeof text === "string" && count > 0 ? nameFor(text) : undefined;
      if (name) config = { ...config, name };
    }
    return super.query(config, values, callback);
  }
}
