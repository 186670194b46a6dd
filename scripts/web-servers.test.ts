import http from "node:http";
import os from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { fakeNext, freePort } from "@/tests/fake-next";
import { startWebServers, webServerCount, type WebServers } from "./web-servers";

/** One request on a connection of its own; the pid of the server that answered. */
function answeringPid(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ port, path: "/", agent: false }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve(Number(body)));
      })
      .on("error", reject);
  });
}

let running: WebServers | null = null;
afterEach(async () => {
  await running?.stop(2_000);
  running = null;
});

describe("the web servers behind npm start's port", () => {
  it("runs the number asked for on one port, and new connections go to each in turn", async () => {
    const port = await freePort();
    running = startWebServers({ nextBin: fakeNext(), mode: "start", port, count: 2, env: {}, onUnexpectedExit: () => undefined });
    await running.ready;
    const pids = [];
    for (let i = 0; i < 6; i++) pids.push(await answeringPid(port));
    expect(new Set(pids).size).toBe(2);
    // Round robin: no server takes two connections in a row.
    for (let i = 1; i < pids.length; i++) expect(pids[i]).not.toBe(pids[i - 1]);
  });

  it("tells the launcher when a server stops on its own, and stop() ends the others", async () => {
    const port = await freePort();
    const exits: { description: string; code: number }[] = [];
    running = startWebServers({
      nextBin: fakeNext(),
      mode: "start",
      port,
      count: 2,
      env: { DIE_AFTER_MS: "300" },
      onUnexpectedExit: (description, code) => exits.push({ description, code }),
    });
    await running.ready;
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(exits).toEqual([{ description: "exit code 3", code: 3 }]);
    // The other still answers until the launcher stops it.
    const survivor = await answeringPid(port);
    expect(await answeringPid(port)).toBe(survivor);
    await running.stop(2_000);
    await expect(answeringPid(port)).rejects.toThrow();
  });

  it("runs one development server; by default one with the embedded database, else one a core up to two", () => {
    expect(webServerCount({ mode: "dev", embedded: false, configured: 4 })).toBe(1);
    expect(webServerCount({ mode: "start", embedded: true, configured: 3 })).toBe(3);
    expect(webServerCount({ mode: "start", embedded: true, configured: undefined })).toBe(1);
    expect(webServerCount({ mode: "start", embedded: false, configured: undefined })).toBe(Math.min(2, os.availableParallelism()));
  });
});
