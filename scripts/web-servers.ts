// The Next.js servers `npm start` runs: one process renders one page at a time, so on a machine
// with two cores a second process answers while the first renders. They share one port through
// node:cluster.
import cluster, { type Worker } from "node:cluster";
import net from "node:net";
import os from "node:os";

/**
 * How many servers to run: LAOKE_WEB_SERVERS when set, else with PostgreSQL one a core up to two
 * (each holds its own copy of the app, 250–350 MB under load). With the embedded database, one:
 * the launcher already holds the database (560 MB at 100,000 customers) and runs every query on
 * its one thread: with a second server the bench's list answered with p95 184 ms (one server,
 * the same day: 239–249) and peaked at 1.22 GB (one: 0.94), over its 1 GB target. The
 * development server is always one: it compiles.
 */
export function webServerCount(options: { mode: "start" | "dev"; embedded: boolean; configured: number | undefined }): number {
  if (options.mode === "dev") return 1;
  if (options.configured !== undefined) return options.configured;
  return options.embedded ? 1 : Math.min(2, os.availableParallelism());
}

/**
 * Whether something already listens on `port`, tried as `next start` binds it (every interface).
 * Asked before the build and the database: a busy port otherwise surfaced a minute later as
 * Next.js's "bind EADDRINUSE" stack, after a fresh data directory had been created for nothing.
 */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => (error.code === "EADDRINUSE" ? resolve(true) : reject(error)));
    probe.listen(port, () => probe.close(() => resolve(false)));
  });
}

export interface WebServers {
  /** Resolves when every server has said it is ready. */
  ready: Promise<void>;
  /** Asks every server to finish (SIGTERM), kills those still running after `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

export function startWebServers(options: {
  nextBin: string;
  mode: "start" | "dev";
  port: number;
  count: number;
  /** Added to this process's environment. */
  env: Record<string, string | undefined>;
  /** A server stopped without being asked to: the caller stops the rest. */
  onUnexpectedExit: (description: string, code: number) => void;
}): WebServers {
  // Several servers: the launcher accepts each connection and hands it to the next in turn (left
  // to the kernel, the first server awake takes every connection waiting). One: it accepts its
  // own, so a new connection does not wait while the launcher runs an embedded database
  // statement. Node fixes the policy at the first setupPrimary: one call per process.
  cluster.schedulingPolicy = options.count > 1 ? cluster.SCHED_RR : cluster.SCHED_NONE;
  cluster.setupPrimary({
    exec: options.nextBin,
    args: [options.mode, "--port", String(options.port)],
    // Not this launcher's flags (tsx's loader, the react-server condition): Next.js's own.
    execArgv: [],
    // stdout through this process, to notice "Ready"; stderr straight to the terminal.
    stdio: ["inherit", "pipe", "inherit", "ipc"],
  });

  let stopping = false;
  const workers: Worker[] = [];
  const readiness: Promise<void>[] = [];
  for (let i = 0; i < options.count; i++) {
    const worker = cluster.fork(options.env);
    workers.push(worker);
    readiness.push(
      new Promise<void>((resolve) => {
        const stdout = worker.process.stdout!;
        let ready = false;
        stdout.on("data", (chunk: Buffer) => {
          // Every server prints the same banner up to "Ready": the first one's is enough.
          if (i === 0 || ready) process.stdout.write(chunk);
          if (!ready && /ready/i.test(chunk.toString())) {
            ready = true;
            resolve();
          }
        });
      }),
    );
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      options.onUnexpectedExit(signal ? `signal ${signal}` : `exit code ${code}`, code || 1);
    });
  }

  const stop = async (graceMs: number) => {
    stopping = true;
    const running = workers.filter((w) => w.process.exitCode === null && w.process.signalCode === null);
    const exits = running.map((w) => new Promise<void>((resolve) => w.process.once("exit", () => resolve())));
    for (const w of running) w.process.kill("SIGTERM");
    const killLater = setTimeout(() => {
      for (const w of running) w.process.kill("SIGKILL");
    }, graceMs);
    await Promise.all(exits);
    clearTimeout(killLater);
  };

  return { ready: Promise.all(readiness).then(() => undefined), stop };
}
