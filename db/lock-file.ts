import fs from "node:fs";

// The embedded database's lock: a file naming the process that has the database open. A lock
// whose process has died is stale and may be taken over; taking it over is the one delicate step,
// since two openers that both find it stale must not both end up holding it.

export interface LockInfo {
  pid: number;
  port: number | null;
  /** The password of the server on `port`. */
  password?: string;
  startedAt: string;
}

export class LockHeldError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockInfo,
  ) {
    super(`${lockPath} is held by process ${holder.pid}`);
    this.name = "LockHeldError";
  }
}

/** Linux counts process times in USER_HZ ticks, 100 a second on every architecture it ships. */
const TICKS_PER_SECOND = 100;

/** When process `pid` started (ms since the epoch), or null where /proc cannot say. */
function processStartMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // starttime is the 22nd field; the command name before it may hold spaces, so count from ")".
    const startTicks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    const bootSeconds = Number(/^btime (\d+)$/m.exec(fs.readFileSync("/proc/stat", "utf8"))?.[1]);
    if (!Number.isFinite(startTicks) || !Number.isFinite(bootSeconds)) return null;
    return (bootSeconds + startTicks / TICKS_PER_SECOND) * 1000;
  } catch {
    return null;
  }
}

/**
 * Whether the lock's process is still the one that wrote it. After a crash and a restart of the
 * machine or container, its pid may belong to an unrelated process that started later: that
 * process holds nothing.
 */
export function holdsLock(info: LockInfo): boolean {
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const lockedAt = Date.parse(info.startedAt);
  const started = processStartMs(info.pid);
  // The lock is written after its process starts; a process started well after it is another one.
  return started === null || Number.isNaN(lockedAt) || started <= lockedAt + 2_000;
}

export function readLock(lockPath: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

function createLock(lockPath: string, info: LockInfo): boolean {
  try {
    const fd = fs.openSync(lockPath, "wx", 0o600);
    fs.writeSync(fd, JSON.stringify(info));
    fs.closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  }
}

/** A lock file still being written by its creator (between create and write) is not stale. */
const FRESH_MS = 5_000;
/** How long an opener waits for another that is taking over a stale lock. */
const TAKEOVER_WAIT_MS = 3_000;

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the lock at `lockPath` for `info.pid`, or throws LockHeldError naming its live holder.
 *
 * A stale lock is removed only under a second lock, `<lockPath>.takeover`, and only after reading
 * it again there: otherwise one opener could remove the lock another had just taken over, and
 * both would open the database.
 */
export function takeLock(lockPath: string, info: LockInfo): void {
  const guardPath = `${lockPath}.takeover`;
  const deadline = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    if (createLock(lockPath, info)) return;
    const holder = readLock(lockPath);
    if (holder && holdsLock(holder)) throw new LockHeldError(lockPath, holder);
    if (!holder) {
      const written = fs.statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs;
      if (written === undefined) continue; // released meanwhile: try again
      if (Date.now() - written < FRESH_MS) throw new LockHeldError(lockPath, { pid: 0, port: null, startedAt: "" });
    }
    if (createLock(guardPath, info)) {
      try {
        const again = readLock(lockPath);
        if (again && holdsLock(again)) throw new LockHeldError(lockPath, again);
        fs.rmSync(lockPath, { force: true });
        if (createLock(lockPath, info)) return;
      } finally {
        fs.rmSync(guardPath, { force: true });
      }
      continue;
    }
    // Another opener is taking the stale lock over: wait for it, then find it the holder. A guard
    // left by an opener that died mid-takeover is old, and goes.
    const guardAge = Date.now() - (fs.statSync(guardPath, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (guardAge > FRESH_MS) fs.rmSync(guardPath, { force: true });
    else if (Date.now() > deadline) throw new LockHeldError(lockPath, readLock(guardPath) ?? { pid: 0, port: null, startedAt: "" });
    else sleepSync(50);
  }
}
