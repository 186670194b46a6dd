"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A <details> menu that closes as menus do: on Escape (focus back on its summary), on a click or
 * a focus outside it, and on a choice in it. A bare <details> stayed open over the page after a
 * store was chosen, and Escape did nothing.
 */
export function CloseableDetails({ className, children }: { className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const closeFromOutside = (event: Event) => {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("click", closeFromOutside);
    document.addEventListener("focusin", closeFromOutside);
    return () => {
      document.removeEventListener("click", closeFromOutside);
      document.removeEventListener("focusin", closeFromOutside);
    };
  }, []);
  return (
    <details
      ref={ref}
      className={className}
      onKeyDown={(event) => {
        const details = ref.current;
        if (event.key !== "Escape" || !details?.open) return;
        details.open = false;
        details.querySelector("summary")?.focus();
      }}
      onClick={(event) => {
        if (ref.current && (event.target as Element).closest("a")) ref.current.open = false;
      }}
    >
      {children}
    </details>
  );
}
