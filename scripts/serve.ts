// `npm start` / `npm run dev`: the one process that opens the embedded database (unless
// DATABASE_URL points at PostgreSQL), migrates it, seeds the demo store on first start, and runs
// the Next.js servers as child processes that reach the database over the PostgreSQL protocol
// (scripts/web-servers.ts).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { connectDatabase } from "@/db/connect";
import { ensureDataDir } from "@/db/data-dir";
import { EmbeddedDatabaseBusyError } from "@/db/embedded";
import { readEnv } from "@/lib/env";
import { settleImportsLeftRunning } from "@/lib/imports/run-import";
import { ensureDemoStore } from "@/lib/seed/demo-store";
import { buildApp, buildState } from "./app-build";
import { portInUse, startWebServers, webServerCount } from "./web-servers";

const mode = process.argv[2] === "dev" ? "dev" : "start";
// No telemetry calls from a merchant's machine (and none can leave this network anyway).
process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** `next start` needs a build: make one when there is none or the sources are newer. */
function buildIfNeeded() {
  const state = buildState(root);
  if (state === "current") return;
  console.log(state === "stale" ? "Sources changed since the last build: building…" : "First start: building the app (takes a minute)…");
  const result = buildApp(root, "inherit");
  if (result.status !== 0) {
    console.error("The build failed; see above.");
    process.exit(result.status ?? 1);
  }
}

function authSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

async function main() {
  const env = readEnv();
  const dataDir = path.resolve(env.LAOKE_DATA_DIR);
  if (await portInUse(env.PORT)) {
    console.error(`Port ${env.PORT} is already in use: is Laoke, or another app, already running on it? Stop it, or choose another port (PORT=${env.PORT === 65535 ? 3000 : env.PORT + 1} ${mode === "dev" ? "npm run dev" : "npm start"}).`);
    process.exit(1);
  }
  // Before the build: an unusable directory is said at once, not after a minute of building.
  ensureDataDir(dataDir);
  if (mode === "start") buildIfNeeded();

  let connection;
  try {
    connection = await connectDatabase(dataDir, { mustOwnEmbedded: true });
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError) {
      console.error(`${error.message}\nIs Laoke already running?`);
      process.exit(1);
    }
    throw error;
  }
  console.log(`Database: ${connection.description} (migrated)`);
  // The embedded database is this process's alone: an import it shows running was cut off.
  if (connection.embedded) await settleImportsLeftRunning();
  const logins = await ensureDemoStore(dataDir);

  const url = `http://localhost:${env.PORT}`;
  const count = webServerCount({ mode, embedded: connection.embedded !== null, configured: env.LAOKE_WEB_SERVERS });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // The servers finish or abandon their requests first: closing the database under them turned
    // an import in progress into connection errors and left it shown as running.
    await servers.stop(10_000);
    await connection.close();
    process.exit(code);
  };
  const servers = startWebServers({
    nextBin,
    mode,
    port: env.PORT,
    count,
    env: {
      DATABASE_URL: process.env.DATABASE_URL,
      NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? authSecret(dataDir),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url,
      LAOKE_DATA_DIR: dataDir,
      // A server stops when this process is gone, even killed outright (instrumentation.ts).
      LAOKE_LAUNCHER_PID: String(process.pid),
    },
    onUnexpectedExit: (description, code) => {
      if (stopping) return;
      // A server stopped on its own: that is a failure, and the merchant is told so.
      console.error(`A web server stopped unexpectedly (${description}); stopping Laoke.`);
      void stop(code);
    },
  });
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  await servers.ready;
  console.log(`\nLaoke is running at ${url}` + (count > 1 ? ` (${count} web server processes)` : ""));
  if (logins) {
    console.log("Demo store logins:");
    for (const login of logins) console.log(`  ${login.role.padEnd(5)}  ${login.email}  password: ${login.password}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
