"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { keptTexts } from "@/lib/i18n/kept-texts";

/**
 * The box's name, kept for the process (keptTexts): the translator of client components is made
 * again for every server render, with nothing of the last one's, so each render parsed the
 * message again (0.2 ms of the customers list's 20 ms of server CPU).
 */
function named(locale: string, scrolls: boolean, make: (title: string) => string) {
  return keptTexts(scrolls ? "app.tableRegion" : "app.tableRegionFits", locale, make);
}

/**
 * The box a table stands in, named for it ("<title>: table"), so a screen reader says what it
 * holds. Where the table is wider than the box (on a phone) the box scrolls sideways, says so
 * ("<title>: table, scrolls sideways") and is a tab stop, so a keyboard can reach and scroll it
 * (axe scrollable-region-focusable); where the table fits it is neither, as a box of a table
 * that does not scroll is no stop of its own. The box measures itself, and again as it or its
 * table is resized (a phone turned, the language switched, rows added). Until measured (the
 * server's HTML, a page not yet running its script) it is named "<title>: table", which is true
 * either way (said to scroll, a box that did not was announced so to a screen reader on every
 * page load), and is a tab stop, so that a keyboard can reach a table that does scroll.
 */
export function ScrollRegion({ title, className = "", children }: { title: string; className?: string; children: ReactNode }) {
  const t = useTranslations("app");
  const locale = useLocale();
  const box = useRef<HTMLDivElement>(null);
  // null until measured.
  const [scrolls, setScrolls] = useState<boolean | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth);
    const resized = new ResizeObserver(measure);
    // The box and what it holds: a table that grows inside a box of the same size changes no box.
    const observe = () => {
      resized.disconnect();
      resized.observe(element);
      for (const child of element.children) resized.observe(child);
      measure();
    };
    observe();
    // A table put in another's place (a page refreshed with other columns) is watched in its turn.
    const replaced = new MutationObserver(observe);
    replaced.observe(element, { childList: true });
    return () => {
      resized.disconnect();
      replaced.disconnect();
    };
  }, []);
  return (
    <div
      ref={box}
      className={`overflow-x-auto ${className}`.trim()}
      tabIndex={scrolls === false ? undefined : 0}
      role="region"
      aria-label={named(locale, scrolls === true, (text) => t(scrolls ? "tableRegion" : "tableRegionFits", { title: text }))(title)}
    >
      {children}
    </div>
  );
}
