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
}

/** User and system time of one process so far, 0 when it is gone (or not on Linux). */
function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

export function treeCpu(rootPid: number): TreeCpu {
  let childrenMs = 0;
  for (const pid of descendantsOf(rootPid)) childrenMs += cpuMsOf(pid);
  return { launcherMs: cpuMsOf(rootPid), childrenMs };
}

/** What `requests` requests cost each, between two readings of `treeCpu`. */
export function cpuPerRequest(before: TreeCpu, after: TreeCpu, requests: number): TreeCpu | null {
  if (requests === 0 || !fs.existsSync("/proc/self/stat")) return null;
  return {
    launcherMs: (after.launcherMs - before.launcherMs) / requests,
    childrenMs: (after.childrenMs - before.childrenMs) / requests,
  };
}

export function describeCpu(cpu: TreeCpu | null): string {
  if (!cpu) return "CPU per request not measured (no /proc)";
  return `CPU per request: Next.js ${cpu.childrenMs.toFixed(1)} ms, launcher ${cpu.launcherMs.toFixed(1)} ms`;
}
