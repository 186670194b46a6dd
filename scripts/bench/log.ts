// The kept-store benches' progress lines: the time of day, then what was done or measured.

export function log(line: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/** Runs `run` once and logs how long it took, in seconds. */
export async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await run();
  log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
}
