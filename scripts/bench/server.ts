// Starts the app the way `npm start` does (scripts/serve.ts: build when needed, open the
// database, run `next start` as a child) on a free port, and stops it again.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildApp, buildState } from "../app-build";
import { descendantsOf } from "./rss";

export interface AppServer {
  pid: number;
  port: number;
  baseUrl: string;
  /** Next.js servers behind the port, as the launcher says once all are ready. */
  webServers: number;
  logFile: string;
  /** The last lines the server printed, for error messages. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

/**
 * Builds the app now when scripts/serve.ts would (no build, or sources newer than it; the same
 * check), so a broken build fails before a long seed rather than after it.
 */
export function buildIfNeeded(root: string, log: (line: string) => void): void {
  const state = buildState(root);
  if (state === "current") return;
  log(state === "stale" ? "sources changed since the last build: building the app…" : "building the app…");
  const result = buildApp(root, "pipe");
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trimEnd().split("\n").slice(-30).join("\n");
    throw new Error(`The app's build failed:\n${output}`);
  }
  log("built");
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    // The default host, as `next start` listens: :: (and 0.0.0.0) when IPv6 is there.
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    if (await portIsFree(port)) return port;
  }
  throw new Error(`No free port in ${from}–${from + 199}`);
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts scripts/serve.ts with `env` (PORT, LAOKE_DATA_DIR, DATABASE_URL or none) and waits
 * until it answers HTTP. The launcher's own pid is `pid` (no npm or tsx wrapper in between),
 * so its process tree is exactly the server: the launcher and its Next.js children.
 */
export async function startAppServer(options: {
  root: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  readyTimeoutMs?: number;
  onProgress?: (line: string) => void;
}): Promise<AppServer> {
  const log = fs.openSync(options.logFile, "a");
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(options.root, "scripts", "serve.ts"), "start"],
    { cwd: options.root, env: { ...options.env, PORT: String(options.port) }, stdio: ["ignore", log, log] },
  );
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error("Could not start scripts/serve.ts");
  const baseUrl = `http://localhost:${options.port}`;

  const logTail = (lines = 40) => {
    try {
      return fs.readFileSync(options.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (exited(child)) return;
    // serve.ts stops its Next.js children and closes the database on SIGTERM.
    const tree = descendantsOf(pid);
    child.kill("SIGTERM");
    if (await waitForExit(child, 60_000)) {
      for (const p of tree) {
        try {
          process.kill(p, 0);
          process.kill(p, "SIGTERM");
        } catch {
          // already gone
        }
      }
      return;
    }
    for (const p of [pid, ...descendantsOf(pid), ...tree]) {
      try {
        process.kill(p, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await waitForExit(child, 5_000);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 15 * 60_000);
  let announcedBuild = false;
  for (;;) {
    if (exited(child)) {
      throw new Error(`The app exited before answering (code ${child.exitCode ?? child.signalCode}). Its log:\n${logTail()}`);
    }
    if (!announcedBuild && /building/i.test(logTail(5))) {
      announcedBuild = true;
      options.onProgress?.("the app is building (sources changed since the last build)…");
    }
    try {
      const response = await fetch(`${baseUrl}/api/auth/csrf`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The app did not answer on ${baseUrl} in time. Its log:\n${logTail()}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  // The first server answers before the others are ready: wait for the launcher to say all are.
  let webServers = 0;
  while (webServers === 0) {
    const running = /Laoke is running at \S+(?: \((\d+) web server processes\))?/.exec(logTail(20));
    if (running) webServers = Number(running[1] ?? 1);
    else if (exited(child) || Date.now() > deadline) throw new Error(`The app did not say it was running. Its log:\n${logTail()}`);
    else await new Promise((r) => setTimeout(r, 200));
  }
  return { pid, port: options.port, baseUrl, webServers, logFile: options.logFile, logTail, stop };
}
