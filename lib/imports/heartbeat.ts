/**
 * Calls `beat` every `everyMs` until stopped: a running import's sign of life while it works
 * without reporting progress (its merge, its recompute). A beat that fails is let go; the next
 * one tries again.
 */
export function startHeartbeat(beat: () => Promise<unknown>, everyMs: number): () => void {
  const timer = setInterval(() => void beat().catch(() => undefined), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
