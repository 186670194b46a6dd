/**
 * A record's id in a path (`/disputes/{id}`, `/s/<store>/imports/{id}/errors`) as the app gives
 * it out: digits, no sign, no leading zero; null for any other text. `Number()` alone read 0x1f,
 * 1e3, " 7" and 7.0 as ids, answering another record than the one the text names; those are not
 * found, as any id not in the store. Pages write `parsePathId(id) ?? notFound()`; the API's
 * routes read it through `pathId` (lib/api/route.ts).
 */
export function parsePathId(text: string): number | null {
  const id = /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(id) ? id : null;
}
