import { afterEach, describe, expect, it, vi } from "vitest";
import { startHeartbeat } from "./heartbeat";

afterEach(() => {
  vi.useRealTimers();
});

describe("an import's heartbeat", () => {
  it("beats every interval until stopped, and a failed beat does not stop the next", async () => {
    vi.useFakeTimers();
    let beats = 0;
    const stop = startHeartbeat(async () => {
      beats++;
      if (beats === 1) throw new Error("the database was busy");
    }, 30_000);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(beats).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(beats).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(beats).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(beats).toBe(3);
  });
});
