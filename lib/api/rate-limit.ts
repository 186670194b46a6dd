// Each store's API requests are held to a rate, so that one runaway script cannot take the
// server from the store's own staff, or from the other stores: a token bucket per store, refilled
// at `perSecond` and holding twice that, so a burst of two seconds' worth goes through at once.
// Kept in this process's memory: with several web servers (LAOKE_WEB_SERVERS) each counts its
// own requests. Per store, not per token: another token would otherwise be another allowance.

export interface RateDecision {
  allowed: boolean;
  /** The sustained rate (0: no limit). */
  perSecond: number;
  /** The most requests the bucket holds. */
  limit: number;
  /** Requests left in the bucket after this one. */
  remaining: number;
  /** Whole seconds until the next request would be let through (0 when this one was). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A limiter over `perSecond()` (read at every request; 0 lets everything through). */
export function createRateLimiter(perSecond: () => number, now: () => number = () => performance.now()) {
  const buckets = new Map<number, Bucket>();
  return function take(storeId: number): RateDecision {
    const rate = perSecond();
    if (rate <= 0) return { allowed: true, perSecond: 0, limit: 0, remaining: 0, retryAfterSeconds: 0 };
    const capacity = 2 * rate;
    const at = now();
    const bucket = buckets.get(storeId) ?? { tokens: capacity, at };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((at - bucket.at) / 1000) * rate);
    bucket.at = at;
    buckets.set(storeId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, perSecond: rate, limit: capacity, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    return { allowed: false, perSecond: rate, limit: capacity, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
  };
}
