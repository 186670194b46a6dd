import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";

describe("the API's rate limit", () => {
  it("lets a burst of two seconds' worth through, then refuses until the bucket refills", () => {
    let clock = 0;
    const take = createRateLimiter(() => 5, () => clock);
    const burst = Array.from({ length: 10 }, () => take(1));
    expect(burst.every((d) => d.allowed)).toBe(true);
    expect(burst.map((d) => d.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);

    expect(take(1)).toEqual({ allowed: false, perSecond: 5, limit: 10, remaining: 0, retryAfterSeconds: 1 });
    clock += 199;
    expect(take(1).allowed).toBe(false);
    clock += 1; // 200 ms at 5 a second is one request
    expect(take(1)).toMatchObject({ allowed: true, remaining: 0 });
    expect(take(1).allowed).toBe(false);

    clock += 60_000; // a long pause refills the bucket, but no further than it holds
    expect(take(1)).toMatchObject({ allowed: true, remaining: 9 });
  });

  it("counts each store on its own", () => {
    const take = createRateLimiter(() => 1, () => 0);
    expect([take(1), take(1), take(1)].map((d) => d.allowed)).toEqual([true, true, false]);
    expect(take(2).allowed).toBe(true);
  });

  it("lets everything through at a rate of 0", () => {
    const take = createRateLimiter(() => 0, () => 0);
    expect(Array.from({ length: 1000 }, () => take(1).allowed).every(Boolean)).toBe(true);
  });
});
