/**
 * A success often removes the form that was sent (a revoked token's button, a cleared flag, a
 * removed staff member's row) in the refresh that follows it, and the browser then drops the
 * keyboard focus to <body>: the next Tab starts again from the top of the page. This waits for
 * that removal and, if the focus was lost with it, puts it on what stands nearest in its place.
 */
export function keepFocusWhenRemoved(form: HTMLFormElement | null, { timeoutMs = 5000, intervalMs = 50 } = {}) {
  if (!form) return;
  // The ancestors as they are now: once the form is gone, the nearest one left is where it was.
  const ancestors: Element[] = [];
  for (let el = form.parentElement; el; el = el.parentElement) ancestors.push(el);
  const started = Date.now();
  const check = () => {
    if (form.isConnected) {
      if (Date.now() - started < timeoutMs) window.setTimeout(check, intervalMs);
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const nearest = ancestors.find((el) => el.isConnected);
    const target = nearest && focusTargetWithin(nearest);
    if (!target) return;
    if (!target.hasAttribute("tabindex") && target.tabIndex < 0) target.setAttribute("tabindex", "-1");
    target.focus();
  };
  window.setTimeout(check, intervalMs);
}

/**
 * From the element the removed form stood in, outwards: a focusable region (a table's scroll
 * box, named for its table) is where the reader was; else the heading of the section it was in,
 * which names what changed; else that section or the page's main itself.
 */
export function focusTargetWithin(start: Element): HTMLElement | null {
  for (let el: Element | null = start; el; el = el.parentElement) {
    if (!(el instanceof HTMLElement)) continue;
    if (el.getAttribute("role") === "region" && el.tabIndex >= 0) return el;
    if (el.matches("section, article, main, dialog, [role=dialog], [role=region]")) {
      return el.querySelector<HTMLElement>("h1, h2, h3, h4, h5, h6") ?? el;
    }
  }
  return null;
}
