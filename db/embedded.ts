import fs from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { ensureDataDir } from "./data-dir";
import { holdsLock, LockHeldError, readLock, takeLock, type LockInfo } from "./lock-file";
import { servePglite, wireUrl } from "./pglite-wire";

// PGlite is single-process: two processes opening one data directory corrupt it silently.
// So exactly one process opens it (guarded by a lock file beside it) and serves it over the
// PostgreSQL wire protocol on loopback; the app and the CLI both connect to that server.

const LOCK_FILE = "laoke.lock";
const PGLITE_DIR = "pglite";

/** The extensions the migrations create, loaded by every PGlite that is migrated (the tests' too). */
export const pgliteExtensions = { pg_trgm }; // the customers search index (migration 0022)

export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database in ${dir} is already open by process ${holder.pid}` +
        (holder.port
          ? ` (serving on 127.0.0.1:${holder.port}). Only one process may open it: connect through that process, or stop it first.`
          : ", a command that keeps it to itself. Wait for that command to finish, or start the app (npm start): while it runs, commands go through it.") +
        ` (If no Laoke process is running, delete ${path.join(dir, LOCK_FILE)}.)`,
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}

/** The lock's holder when a live process holds it, otherwise null. */
export function embeddedDatabaseHolder(dir: string): LockInfo | null {
  const info = readLock(path.join(dir, LOCK_FILE));
  return info && holdsLock(info) ? info : null;
}

function acquireLock(dir: string): void {
  try {
    takeLock(path.join(dir, LOCK_FILE), { pid: process.pid, port: null, startedAt: new Date().toISOString() });
  } catch (error) {
    if (error instanceof LockHeldError) throw new EmbeddedDatabaseBusyError(dir, error.holder);
    throw error;
  }
}

export interface EmbeddedServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Opens the PGlite database in `dir` (created when missing) and serves it on 127.0.0.1.
 * Throws EmbeddedDatabaseBusyError when another live process has it open. `share` false keeps
 * the port out of the lock file, so other processes are refused rather than let in: a command
 * that exits when done would cut them off mid-statement.
 */
export async function openEmbeddedServer(dir: string, options: { port?: number; share?: boolean } = {}): Promise<EmbeddedServer> {
  ensureDataDir(dir);
  acquireLock(dir);
  const lockPath = path.join(dir, LOCK_FILE);
  const releaseLock = () => {
    if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
  };
  process.once("exit", releaseLock);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(path.join(dir, PGLITE_DIR), { extensions: pgliteExtensions }).catch((error: unknown) => {
      // PGlite's own errors say little ("[object Object]" for a full disk): say where, and what to check.
      const reason = error instanceof Error ? error.message : inspect(error, { depth: 2, breakLength: Infinity });
      throw new Error(
        `Could not open the embedded database in ${dir} (${reason.slice(0, 300)}). ` +
          "Check that the directory is writable and its disk has free space.",
        { cause: error },
      );
    });
    const server = await servePglite(db, { port: options.port, maxConnections: 200 });
    const { port, password } = server;
    if (options.share !== false) {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, port, password, startedAt: new Date().toISOString() }), { mode: 0o600 });
    }
    const openDb = db;
    let closed = false;
    return {
      url: server.url,
      port,
      async close() {
        if (closed) return;
        closed = true;
        await server.close();
        await openDb.close();
        releaseLock();
        process.off("exit", releaseLock);
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    releaseLock();
    process.off("exit", releaseLock);
    throw error;
  }
}

/** The address of the embedded server another process runs on `dir`, if one does. */
export function runningEmbeddedServerUrl(dir: string): string | null {
  const holder = embeddedDatabaseHolder(dir);
  return holder?.port && holder.password ? wireUrl(holder.port, holder.password) : null;
}
