import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LockHeldError, readLock, takeLock } from "./lock-file";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function lockIn(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-lock-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, "laoke.lock");
}

const mine = () => ({ pid: process.pid, port: null, startedAt: new Date().toISOString() });
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

describe("the embedded database's lock", () => {
  it("is taken once: a second opener is told who holds it", () => {
    const lock = lockIn();
    takeLock(lock, mine());
    expect(() => takeLock(lock, mine())).toThrow(LockHeldError);
    expect(readLock(lock)?.pid).toBe(process.pid);
  });

  it("is taken over from a process that died", () => {
    const lock = lockIn();
    fs.writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 17, port: 1, startedAt: hourAgo() }));
    takeLock(lock, mine());
    expect(readLock(lock)?.pid).toBe(process.pid);
  });

  it("is taken over when its pid now belongs to a process started after it (a restarted machine)", async () => {
    const lock = lockIn();
    const other = spawn("sleep", ["30"]);
    cleanups.push(() => other.kill());
    await new Promise((resolve) => other.once("spawn", resolve));
    fs.writeFileSync(lock, JSON.stringify({ pid: other.pid, port: 1, startedAt: hourAgo() }));
    takeLock(lock, mine());
    expect(readLock(lock)?.pid).toBe(process.pid);
  });

  it("is not taken over while another opener is taking it over: that opener becomes the holder", () => {
    const lock = lockIn();
    const stale = { pid: 2 ** 22 + 17, port: 1, startedAt: hourAgo() };
    fs.writeFileSync(lock, JSON.stringify(stale));
    // Another process found the same stale lock and is replacing it.
    fs.writeFileSync(`${lock}.takeover`, JSON.stringify({ pid: 2 ** 22 + 18, port: null, startedAt: new Date().toISOString() }));
    expect(() => takeLock(lock, mine())).toThrow(LockHeldError);
    expect(readLock(lock)).toEqual(stale);
  });

  it("is taken over when the other opener died mid-takeover", () => {
    const lock = lockIn();
    fs.writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 17, port: 1, startedAt: hourAgo() }));
    fs.writeFileSync(`${lock}.takeover`, "");
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${lock}.takeover`, old, old);
    takeLock(lock, mine());
    expect(readLock(lock)?.pid).toBe(process.pid);
    expect(fs.existsSync(`${lock}.takeover`)).toBe(false);
  });
});
