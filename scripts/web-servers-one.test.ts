import { execFileSync } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import { fakeNext, freePort } from "@/tests/fake-next";
import { startWebServers, type WebServers } from "./web-servers";

// Apart from web-servers.test.ts: Node fixes the cluster's scheduling at its first use in a process.
let running: WebServers | null = null;
afterEach(async () => {
  await running?.stop(2_000);
});

it("one web server takes new connections while the launcher is busy", async () => {
  // The launcher of the embedded database runs each statement on its own thread: a first
  // recompute holds it for 20 s. Here the test's process is that launcher, held by execFileSync.
  const port = await freePort();
  running = startWebServers({ nextBin: fakeNext(), mode: "start", port, count: 1, env: {}, onUnexpectedExit: () => undefined });
  await running.ready;
  const request = `require("node:http").get({ port: ${port}, agent: false }, (res) => res.pipe(process.stdout))`;
  const pid = execFileSync(process.execPath, ["-e", request], { timeout: 5_000, encoding: "utf8" });
  expect(Number(pid)).toBeGreaterThan(0);
});
