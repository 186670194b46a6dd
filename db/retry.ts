const DEADLOCK = "40P01";
const MAX_ATTEMPTS = 4;

/** Whether PostgreSQL aborted the statement (or one it caused) to break a deadlock. */
function isDeadlock(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === DEADLOCK) return true;
  }
  return false;
}

/**
 * Runs `run` (a whole transaction) again when PostgreSQL broke a deadlock by aborting it, up to
 * four times, after a short random pause. The transaction rolled back whole, so running it again
 * is safe. Two writers that lock rows in different orders are bound to meet now and then (two
 * claims of one buyer, two API batches naming the same customers in another order, a batch and
 * a recompute's settle): one of them is aborted, and the request should not fail for it.
 * Never around work that runs inside a caller's transaction: that one is aborted too.
 */
export async function retryOnDeadlock<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
