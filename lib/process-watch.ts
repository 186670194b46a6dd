/** Whether process `pid` still runs (one this process may not signal runs too). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Calls `onGone` once when process `pid` no longer runs, looking every `everyMs`; the timer does
 * not keep this process alive.
 */
export function whenProcessGone(pid: number, onGone: () => void, everyMs = 1_000): void {
  const timer = setInterval(() => {
    if (processRuns(pid)) return;
    clearInterval(timer);
    onGone();
  }, everyMs);
  timer.unref();
}

/**
 * For each Next.js server under `npm start` (scripts/serve.ts), which reaches the database through
 * the launcher: if the launcher is killed outright (SIGKILL, an out-of-memory kill), no signal
 * reaches the server, which would keep the port and answer every page with a database error, and
 * the next `npm start` could not listen on it. So the server leaves when its launcher is gone.
 * Gone, not merely no longer the parent: under `npm run dev` the server is the launcher's
 * grandchild (`next dev` forks it).
 */
export function leaveWhenLauncherGone(): void {
  const launcher = Number(process.env.LAOKE_LAUNCHER_PID);
  if (!launcher) return;
  whenProcessGone(launcher, () => {
    console.error("The Laoke launcher has stopped: stopping the web server too.");
    process.exit(1);
  });
}
