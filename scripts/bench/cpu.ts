// CPU time the app's processes spend per request, from /proc (Linux). Under load on two shared
// cores a page's response time swings by a third from run to run; the CPU each request costs the
// server swings far less, and with one Next.js process serving N clients the list's median was
// about N times that cost (with S processes, on S cores, about N / S times). It says whether a
// change to a page made it cheaper.
import fs from "node:fs";
import { descendantsOf } from "./rss";

/** Linux counts process times in USER_HZ ticks, 100 a second on every architecture it ships. */
const MS_PER_TICK = 10;

export interface TreeCpu {
  /** The launcher (for the embedded database, it holds PGlite and runs its queries). */
  launcherMs: number;
  /** The launcher's descendants together (the Next.js servers). */
  childrenMs: number;
  /** Every PostgreSQL process on the machine (0 with the embedded database). */
  postgresMs: number;
  /** This process: the bench's own HTTP clients. */
  benchMs: number;
  /** The whole machine, every core's busy time: what else ran shows as the rest. */
  machineMs: number;
}

/**
 * User and system time of one process so far, 0 when it is gone (or not on Linux); with
 * `reaped`, its children's that have ended too.
 */
function cpuMsOf(pid: number, reaped = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th,
    // the ended children's the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const own = Number(fields[11]) + Number(fields[12]);
    return (reaped ? own + Number(fields[13]) + Number(fields[14]) : own) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

/**
 * The PostgreSQL server's processes on this machine, by their command name, with the backends
 * that have ended (a pool closes idle connections): the server counts its ended children.
 */
function postgresCpuMs(): number {
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") total += cpuMsOf(Number(entry), true);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return total;
}

/** Busy time of every core since boot: user, nice, system, irq, softirq and steal ticks. */
function machineBusyMs(): number {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

export function treeCpu(rootPid: number): TreeCpu {
  let childrenMs = 0;
  for (const pid of descendantsOf(rootPid)) childrenMs += cpuMsOf(pid);
  const own = process.cpuUsage();
  return {
    launcherMs: cpuMsOf(rootPid),
    childrenMs,
    postgresMs: postgresCpuMs(),
    benchMs: (own.user + own.system) / 1000,
    machineMs: machineBusyMs(),
  };
}

/** What `requests` requests cost each, between two readings of `treeCpu`. */
export function cpuPerRequest(before: TreeCpu, after: TreeCpu, requests: number): TreeCpu | null {
  if (requests === 0 || !fs.existsSync("/proc/self/stat")) return null;
  const per = (key: keyof TreeCpu) => (after[key] - before[key]) / requests;
  return { launcherMs: per("launcherMs"), childrenMs: per("childrenMs"), postgresMs: per("postgresMs"), benchMs: per("benchMs"), machineMs: per("machineMs") };
}

export function describeCpu(cpu: TreeCpu | null): string {
  if (!cpu) return "CPU per request not measured (no /proc)";
  const postgres = cpu.postgresMs > 0 ? `, PostgreSQL ${cpu.postgresMs.toFixed(1)} ms` : "";
  return (
    `CPU per request: Next.js ${cpu.childrenMs.toFixed(1)} ms, launcher ${cpu.launcherMs.toFixed(1)} ms${postgres}, ` +
    `the bench's clients ${cpu.benchMs.toFixed(1)} ms; the machine ${cpu.machineMs.toFixed(1)} ms in all`
  );
}
