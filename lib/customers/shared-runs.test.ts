import { describe, expect, it } from "vitest";
import { sharedRuns } from "./shared-runs";

/** A run that ends when told, numbered in the order runs start. */
function controlledRuns() {
  const started: { key: number; finish: (fail?: boolean) => void }[] = [];
  const run = sharedRuns(
    (key) =>
      new Promise<string>((resolve, reject) => {
        const n = started.length + 1;
        started.push({ key, finish: (fail) => (fail ? reject(new Error(`run ${n} failed`)) : resolve(`run ${n}`)) });
      }),
  );
  return { run, started };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("shared runs", () => {
  it("gives callers that come during a run the next run, one for them all", async () => {
    const { run, started } = controlledRuns();
    const first = run(1);
    const [second, third] = [run(1), run(1)];
    expect(started).toHaveLength(1);
    started[0]!.finish();
    expect(await first).toBe("run 1");
    await tick();
    expect(started).toHaveLength(2);
    const fourth = run(1); // during run 2: waits for run 3
    started[1]!.finish();
    expect([await second, await third]).toEqual(["run 2", "run 2"]);
    await tick();
    started[2]!.finish();
    expect(await fourth).toBe("run 3");
    expect(started).toHaveLength(3);
  });

  it("keeps keys apart, starts afresh once idle, and runs the next after a failed one", async () => {
    const { run, started } = controlledRuns();
    const a = run(1);
    const b = run(2);
    expect(started.map((s) => s.key)).toEqual([1, 2]);
    const afterA = run(1);
    started[0]!.finish(true);
    await expect(a).rejects.toThrow("run 1 failed");
    await tick();
    started[2]!.finish();
    expect(await afterA).toBe("run 3");
    started[1]!.finish();
    expect(await b).toBe("run 2");
    const idle = run(1);
    expect(started).toHaveLength(4);
    started[3]!.finish();
    expect(await idle).toBe("run 4");
  });
});
