"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box a table wider than a phone scrolls sideways in. It is focusable and named, so a keyboard
 * can reach and scroll it and a screen reader says what it holds (axe scrollable-region-focusable).
 * `label` is already translated, e.g. t("app.tableRegion", { title }).
 *
 * `labelWhenFits` (e.g. t("app.tableRegionFits", { title })), for a table laid out to fit a phone
 * at some widths: the box then measures itself and, while its table fits, is named so and is no
 * tab stop, instead of being announced as scrolling sideways when it does not. Until measured
 * (the server's HTML, no script) it is named `label`.
 */
export function ScrollRegion({ label, labelWhenFits, className = "", children }: { label: string; labelWhenFits?: string; className?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [fits, setFits] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element || labelWhenFits === undefined) return;
    const measure = () => setFits(element.scrollWidth <= element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [labelWhenFits]);
  const scrolls = labelWhenFits === undefined || !fits;
  return (
    <div ref={box} className={`overflow-x-auto ${className}`.trim()} tabIndex={scrolls ? 0 : undefined} role="region" aria-label={scrolls ? label : labelWhenFits}>
      {children}
    </div>
  );
}
