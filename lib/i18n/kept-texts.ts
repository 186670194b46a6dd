/** At most this many texts a format and language: past them a text is made each time it is asked. */
const MAX_KEPT = 5000;

// On globalThis: the bundler may load this module once per layer of Next.js.
const globalForTexts = globalThis as unknown as { laokeKeptTexts?: Map<string, Map<unknown, string>> };
const kept = (globalForTexts.laokeKeptTexts ??= new Map());

/**
 * `format`, its texts kept for the life of the process in each language: for a text that depends
 * on the reader's language and the value alone ("3 days ago", "1,204"), which every view of a
 * list would otherwise make again for its fifty rows. `name` tells the formats apart: one name,
 * one format (its message or options), whichever page asks. Not for a text that depends on
 * anything else (a store's rules, its currency): that one would be served to the next store.
 */
export function keptTexts<V extends string | number>(name: string, locale: string, format: (value: V) => string): (value: V) => string {
  const key = `${name}\u0000${locale}`;
  let texts = kept.get(key);
  if (!texts) kept.set(key, (texts = new Map()));
  const mine = texts;
  return (value) => {
    let text = mine.get(value);
    if (text === undefined) {
      text = format(value);
      if (mine.size < MAX_KEPT) mine.set(value, text);
    }
    return text;
  };
}
