"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";

type Announce = (message: string) => void;

const AnnounceContext = createContext<Announce>(() => {});

/**
 * The app's one polite live region, in the root layout so that it is in the page before anything
 * is said into it (a live region added together with its text is often not read) and outlives
 * what a success removes: a revoked token's form, a cleared flag's row. `useAnnounce()` says a
 * text; the same text twice is said twice.
 */
export function Announcer({ children }: { children: React.ReactNode }) {
  const region = useRef<HTMLDivElement>(null);
  const timers = useRef<number[]>([]);
  useEffect(() => () => timers.current.forEach((timer) => window.clearTimeout(timer)), []);
  const announce = useCallback<Announce>((message) => {
    const el = region.current;
    if (!el) return;
    timers.current.forEach((timer) => window.clearTimeout(timer));
    // Emptied first and filled a moment later: a region whose text does not change says nothing.
    el.textContent = "";
    timers.current = [
      window.setTimeout(() => (el.textContent = message), 100),
      // Then emptied, so that a reader browsing the page does not come upon old news at its end.
      window.setTimeout(() => (el.textContent = ""), 10_000),
    ];
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      {/* No role="status": a form's own confirmation line is the status on the page; this only speaks. */}
      <div ref={region} aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announcer" />
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = () => useContext(AnnounceContext);

/**
 * A success's line kept outside the form that succeeded, for a form the page's refresh takes
 * away (a removed staff member's row, a cleared flag, the last points redeemed): `say` shows the
 * text as `notice` (for a SuccessStatus the caller places) and has the announcer speak it.
 */
export function useLastingNotice(): [notice: string | null, say: (message: string) => void] {
  const [notice, setNotice] = useState<string | null>(null);
  const announce = useAnnounce();
  const say = useCallback(
    (message: string) => {
      setNotice(message);
      announce(message);
    },
    [announce],
  );
  return [notice, say];
}
