import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { tempDirs } from "./temp-dir";

// Called by test files at their top level (as they import this), so the file's suite removes them.
const tempDir = tempDirs("laoke-web-servers-");

// A stand-in for `next start`: listens on --port, answers with its pid, prints "Ready" as Next.js
// does; with DIE_AFTER_MS, every second server exits with code 3 that long after starting.
export function fakeNext(): string {
  const dir = tempDir();
  const bin = path.join(dir, "next.js");
  fs.writeFileSync(
    bin,
    `const http = require("node:http");
     const port = Number(process.argv[process.argv.indexOf("--port") + 1]);
     http.createServer((req, res) => res.end(String(process.pid))).listen(port, () => console.log("✓ Ready in 1ms"));
     const even = require("node:cluster").worker.id % 2 === 0;
     if (process.env.DIE_AFTER_MS && even) setTimeout(() => process.exit(3), Number(process.env.DIE_AFTER_MS));`,
  );
  return bin;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
