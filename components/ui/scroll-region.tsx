import type { ReactNode } from "react";

/**
 * A box a table wider than a phone scrolls sideways in. It is focusable and named, so a keyboard
 * can reach and scroll it and a screen reader says what it holds (axe scrollable-region-focusable).
 * `label` is already translated, e.g. t("app.tableRegion", { title }).
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`overflow-x-auto ${className}`.trim()} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
