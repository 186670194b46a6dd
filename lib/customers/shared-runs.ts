interface Flight<T> {
  running: Promise<T>;
  /** The run after this one, shared by every caller that came while this one ran. */
  next: Promise<T> | null;
}

/**
 * `run(key)` for callers that each need a run begun after they called, shared: a caller that
 * comes while a run of its key is under way gets the next run, which starts when that one ends
 * and which every caller coming meanwhile shares. Twelve API batches of a store landing at once
 * then cost two recomputes instead of twelve queued on the store row, each holding a connection
 * of the pool while it waits. Within this process only; the database still serialises runs of
 * other processes.
 */
export function sharedRuns<T>(run: (key: number) => Promise<T>): (key: number) => Promise<T> {
  const flights = new Map<number, Flight<T>>();
  const start = (key: number): Promise<T> => {
    const flight: Flight<T> = { running: run(key), next: null };
    flights.set(key, flight);
    const land = () => {
      if (flights.get(key) === flight && flight.next === null) flights.delete(key);
    };
    flight.running.then(land, land);
    return flight.running;
  };
  return (key) => {
    const flight = flights.get(key);
    if (!flight) return start(key);
    // The run under way may have begun before this caller's writes: it needs the next one.
    flight.next ??= flight.running.then(
      () => start(key),
      () => start(key),
    );
    return flight.next;
  };
}
