import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { processRuns, whenProcessGone } from "./process-watch";

describe("watching the launcher", () => {
  it("tells a running process from one that has exited", async () => {
    expect(processRuns(process.pid)).toBe(true);
    const child = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => child.once("exit", resolve));
    expect(processRuns(child.pid!)).toBe(false);
  });

  it("calls back once the watched process is killed outright, and not before", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"]);
    let gone = 0;
    whenProcessGone(child.pid!, () => gone++, 50);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(gone).toBe(0);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(gone).toBe(1);
  });
});
