"use client";

import { useEffect } from "react";

/**
 * Puts the keyboard focus on the element `targetId` when this is shown: the answer of a plain GET
 * form (a new page, where a live region says nothing), or what takes a removed form's place, so
 * that a screen reader reads it and the keyboard goes on from it, instead of from the top of the
 * page. The target needs tabIndex -1.
 */
export function FocusOnArrival({ targetId }: { targetId: string }) {
  useEffect(() => {
    document.getElementById(targetId)?.focus();
  }, [targetId]);
  return null;
}
