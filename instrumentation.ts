/**
 * Runs once as each Next.js server starts. Under `npm start` the servers are the launcher's
 * children (scripts/serve.ts), which reach the database through it: if the launcher is killed outright
 * (SIGKILL, an out-of-memory kill), no signal reaches the child, which would keep the port and
 * answer every page with a database error, and the next `npm start` could not listen on it.
 * So the server leaves when its launcher is gone.
 */
export function register() {
  const launcher = Number(process.env.LAOKE_LAUNCHER_PID);
  if (process.env.NEXT_RUNTIME !== "nodejs" || !launcher) return;
  setInterval(() => {
    if (process.ppid !== launcher) {
      console.error("The Laoke launcher has stopped: stopping the web server too.");
      process.exit(1);
    }
  }, 1000).unref();
}
