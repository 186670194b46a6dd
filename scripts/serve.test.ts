import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, expect, it } from "vitest";
import { freePort } from "@/tests/fake-next";
import { tempDirs } from "@/tests/temp-dir";
import { portInUse } from "./web-servers";

const run = promisify(execFile);
const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const tempDir = tempDirs("laoke-serve-");

let holder: net.Server | null = null;
afterEach(async () => {
  await new Promise((resolve) => (holder ? holder.close(resolve) : resolve(undefined)));
  holder = null;
});

async function holdPort(): Promise<number> {
  const port = await freePort();
  holder = net.createServer();
  await new Promise<void>((resolve) => holder!.listen(port, resolve));
  return port;
}

it("knows a port something listens on from a free one", async () => {
  const busy = await holdPort();
  expect(await portInUse(busy)).toBe(true);
  expect(await portInUse(await freePort())).toBe(false);
});

/** `npm start` with this port and data directory, on the embedded database. */
async function npmStart(port: number, dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LAOKE_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return run(tsx, ["--conditions=react-server", "scripts/serve.ts", "start"], { env, timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

it("npm start on a port in use says so at once, before building or creating a data directory", async () => {
  const port = await holdPort();
  const dataDir = path.join(tempDir(), "data");
  const result = await npmStart(port, dataDir);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`Port ${port} is already in use: is Laoke, or another app, already running on it?`);
  expect(result.stderr).toContain(`(PORT=${port + 1} npm start)`);
  expect(fs.existsSync(dataDir)).toBe(false);
});

it("npm start with a data directory it cannot use says which and what to do, before building", async () => {
  const file = path.join(tempDir(), "a-file");
  fs.writeFileSync(file, "");
  const result = await npmStart(await freePort(), path.join(file, "data"));
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`Cannot use ${path.join(file, "data")} as the data directory (ENOTDIR: not a directory`);
  expect(result.stderr).toContain("Set LAOKE_DATA_DIR to a directory this user can write.");
  expect(result.stdout).not.toContain("building");
});
