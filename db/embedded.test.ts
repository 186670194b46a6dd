import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { tempDirs } from "@/tests/temp-dir";
import { EmbeddedDatabaseBusyError, openEmbeddedServer, runningEmbeddedServerUrl, type EmbeddedServer } from "./embedded";

const run = promisify(execFile);
const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const opened: EmbeddedServer[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function open(dir: string) {
  const server = await openEmbeddedServer(dir);
  opened.push(server);
  return server;
}

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

const tempDir = tempDirs("laoke-embedded-");

describe("the embedded database has exactly one opener", () => {
  it("refuses a second opener in another process with a clear message, and the first keeps working", async () => {
    const dir = tempDir();
    const first = await open(dir);
    await query(first.url, "create table notes (body text); insert into notes values ('kept')");

    const second = await run(tsx, ["--conditions=react-server", "tests/open-embedded.ts", dir]).then(
      (r) => ({ code: 0, stderr: r.stderr, stdout: r.stdout }),
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    expect(second.code).toBe(3);
    expect(second.stdout).not.toContain("opened");
    expect(second.stderr).toContain(`already open by process ${process.pid}`);
    expect(second.stderr).toContain(`127.0.0.1:${first.port}`);

    expect(await query(first.url, "select body from notes")).toEqual([{ body: "kept" }]);
    // Other processes find the running server through the lock file instead of opening the files.
    expect(runningEmbeddedServerUrl(dir)).toBe(first.url);
  }, 60_000);

  it("lets in only a client that gives the server's password, and keeps the data directory to its owner", async () => {
    const dir = tempDir();
    // A directory made by hand, open to everyone, as an older Laoke or a `mkdir` left it.
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const server = await open(dir);
    expect(await query(server.url, "select 1 as one")).toEqual([{ one: 1 }]);
    // Any account of the machine reaches 127.0.0.1: without the password, or with a wrong one, no way in.
    for (const url of [`postgres://postgres@127.0.0.1:${server.port}/postgres`, `postgres://postgres:guess@127.0.0.1:${server.port}/postgres`]) {
      await expect(query(url, "select 1")).rejects.toThrow('password authentication failed for user "postgres"');
    }
    expect(await query(server.url, "select 2 as two")).toEqual([{ two: 2 }]);
    // The password is in the lock file, which only the directory's owner can reach.
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, "laoke.lock")).mode & 0o077).toBe(0);
  }, 60_000);

  it("refuses a second opener in the same process", async () => {
    const dir = tempDir();
    await open(dir);
    await expect(openEmbeddedServer(dir)).rejects.toBeInstanceOf(EmbeddedDatabaseBusyError);
  }, 60_000);

  it("says where and what to check when the database files cannot be opened, and keeps no lock", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "pglite"), "a file where the database's folder should be");
    await expect(openEmbeddedServer(dir)).rejects.toThrow(
      `Could not open the embedded database in ${dir} (`,
    );
    await expect(openEmbeddedServer(dir)).rejects.toThrow("Check that the directory is writable and its disk has free space.");
    expect(fs.existsSync(path.join(dir, "laoke.lock"))).toBe(false);
  }, 60_000);

  it("keeps the data across a close and reopen, and takes over a lock left by a dead process", async () => {
    const dir = tempDir();
    const first = await openEmbeddedServer(dir);
    await query(first.url, "create table notes (body text); insert into notes values ('durable')");
    await first.close();
    // A process that died without cleaning up leaves its lock behind.
    fs.writeFileSync(path.join(dir, "laoke.lock"), JSON.stringify({ pid: 2 ** 22 + 17, port: 1, startedAt: "" }));
    const again = await open(dir);
    expect(await query(again.url, "select body from notes")).toEqual([{ body: "durable" }]);
  }, 60_000);
});
