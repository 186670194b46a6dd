// The app's production build, made only when it is missing or older than the sources: `npm start`
// (scripts/serve.ts) and the bench (which builds before its long seed) share this check.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "db", "messages", "public", "next.config.mjs", "package-lock.json"];

function newestSourceMtime(root: string): number {
  let newest = 0;
  const walk = (entry: string) => {
    const stat = fs.statSync(entry, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry)) walk(path.join(entry, child));
    } else if (!entry.endsWith(".test.ts")) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of SOURCES) walk(path.join(root, entry));
  return newest;
}

const buildIdOf = (root: string) => path.join(root, process.env.LAOKE_DIST_DIR || ".next", "BUILD_ID");

/** "missing" without a build, "stale" when a source is newer than it, else "current". */
export function buildState(root: string): "missing" | "stale" | "current" {
  const built = fs.statSync(buildIdOf(root), { throwIfNoEntry: false });
  if (!built) return "missing";
  return built.mtimeMs >= newestSourceMtime(root) ? "current" : "stale";
}

/**
 * Runs `next build` (without DATABASE_URL: the build never opens the database). A successful
 * build is dated from when it started, not when it ended: a source saved while it ran may not be
 * in it, and must make the next start build again rather than serve the older code.
 */
export function buildApp(root: string, stdio: "inherit" | "pipe"): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  const started = new Date();
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    env,
    stdio,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status === 0) fs.utimesSync(buildIdOf(root), started, started);
  return result;
}
