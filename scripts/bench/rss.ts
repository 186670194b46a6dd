// Peak resident memory of a process tree, sampled from /proc (Linux) every 100 ms.
import fs from "node:fs";

function readRssKb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // gone, or a zombie
  }
}

/** Direct children of `pid`: from /proc/<pid>/task/<tid>/children, else by scanning /proc. */
function childrenOf(pid: number): number[] {
  try {
    const out: number[] = [];
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
    return out;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return [];
    // Kernels without CONFIG_PROC_CHILDREN: find the children by their parent pid.
    const out: number[] = [];
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === pid) out.push(Number(entry));
      } catch {
        // gone meanwhile
      }
    }
    return out;
  }
}

/** Every descendant of `pid` (not `pid` itself). */
export function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of childrenOf(queue.shift()!)) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

export interface RssPeaks {
  /** Peak of launcher + children at one instant. */
  totalMb: number;
  /** Peak of the launcher process alone (for the embedded database, it holds PGlite). */
  launcherMb: number;
  /** Peak of the launcher's descendants together (the Next.js servers). */
  childrenMb: number;
  samples: number;
}

/**
 * Samples the RSS of `rootPid` and its descendants every `intervalMs` while running;
 * `peaks()` answers the highest figures seen since start (or the last reset).
 */
export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  private current: RssPeaks = { totalMb: 0, launcherMb: 0, childrenMb: 0, samples: 0 };
  private lastTotalMb = 0;

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 100,
  ) {}

  static supported(): boolean {
    return fs.existsSync("/proc/self/status");
  }

  sample(): void {
    const launcher = readRssKb(this.rootPid);
    let children = 0;
    for (const pid of descendantsOf(this.rootPid)) children += readRssKb(pid);
    const mb = (kb: number) => kb / 1024;
    this.current.launcherMb = Math.max(this.current.launcherMb, mb(launcher));
    this.current.childrenMb = Math.max(this.current.childrenMb, mb(children));
    this.current.totalMb = Math.max(this.current.totalMb, mb(launcher + children));
    this.lastTotalMb = mb(launcher + children);
    this.current.samples++;
  }

  start(): void {
    if (this.timer || !RssSampler.supported()) return;
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): RssPeaks {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (RssSampler.supported()) this.sample();
    return this.peaks();
  }

  reset(): void {
    this.current = { totalMb: 0, launcherMb: 0, childrenMb: 0, samples: 0 };
  }

  /** Launcher + children at the latest sample (0 before the first). */
  latestTotalMb(): number {
    return this.lastTotalMb;
  }

  peaks(): RssPeaks {
    return { ...this.current };
  }
}
