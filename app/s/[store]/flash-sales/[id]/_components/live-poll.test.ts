import { describe, expect, it } from "vitest";
import { afterPoll, REFRESH_MS, type Counters, type PollMemory } from "./live-poll";

const live = (sold: number, over: Partial<Counters> = {}): Counters => ({ sold, remaining: 10 - sold, quantity: 10, status: "live", returnedUnits: null, ...over });

describe("the sale page's poll", () => {
  it("refreshes the page for claims at most every few seconds, and owes a refresh it put off instead of dropping it", () => {
    let memory: PollMemory = { lastRefreshAt: 0, refreshOwed: false };
    const t0 = 100_000;
    let step = afterPoll(live(0), live(1), memory, t0);
    expect(step.refresh).toBe(true);
    memory = step.memory;
    // Another claim 2 s later: too soon, put off.
    step = afterPoll(live(1), live(2), memory, t0 + 2_000);
    expect(step.refresh).toBe(false);
    memory = step.memory;
    // No claim since, but the page still shows 1 sold in its chart: refreshed once the time is up.
    step = afterPoll(live(2), live(2), memory, t0 + 4_000);
    expect(step.refresh).toBe(false);
    step = afterPoll(live(2), live(2), step.memory, t0 + REFRESH_MS);
    expect(step.refresh).toBe(true);
    // And then not again while nothing changes.
    expect(afterPoll(live(2), live(2), step.memory, t0 + 3 * REFRESH_MS).refresh).toBe(false);
  });

  it("refreshes at once when the status changes, whatever the last refresh", () => {
    const memory = { lastRefreshAt: 100_000, refreshOwed: false };
    expect(afterPoll(live(3), live(3, { status: "ended", returnedUnits: 7 }), memory, 101_000).refresh).toBe(true);
    expect(afterPoll(live(0, { status: "scheduled" }), live(0), memory, 100_500).refresh).toBe(true);
  });
});
