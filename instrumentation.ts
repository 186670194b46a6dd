/** Runs once as each Next.js server starts. */
export async function register() {
  // Imported here, not above: this file is bundled for the edge runtime too, which has no processes.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { leaveWhenLauncherGone } = await import("@/lib/process-watch");
    leaveWhenLauncherGone();
  }
}
