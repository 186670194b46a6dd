import { getDb, type Db } from "./index";

/**
 * A statement drizzle builds once for the process (once a database handle: tests close and open
 * theirs) instead of on every call: `build` makes it with `sql.placeholder`s for its values and
 * `.prepare(name)`s it. Building the statement of a lookup every request pages make (the
 * session's account, the customers summary) took drizzle 0.15–0.3 ms of CPU each, as long as
 * the rest of the lookup in the server; the database's plan is kept by the name, as reusePlans does.
 */
export function preparedOnce<Q>(build: (db: Db) => Q): () => Q {
  const byDb = new WeakMap<Db, Q>();
  return () => {
    const db = getDb();
    let query = byDb.get(db);
    if (query === undefined) byDb.set(db, (query = build(db)));
    return query;
  };
}
