/**
 * How far the browser's clock is behind the server's (positive) or ahead of it (negative), as
 * far as the page can tell: the server's time when it rendered the page against the browser's
 * when the page came to life. That gap also holds the page's load, a second or a few, so a gap
 * under `tolerance` is taken for the load and the browser's clock is trusted; a larger one is a
 * clock set wrong (a shop's PC minutes or hours off), and the countdown follows the server's.
 */
export function clockSkew(serverNow: number, browserNow: number, tolerance = 30_000): number {
  const gap = serverNow - browserNow;
  return Math.abs(gap) < tolerance ? 0 : gap;
}
