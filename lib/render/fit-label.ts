// Chart labels are SVG text, which neither wraps nor clips: a long product name on a category
// axis ran over the chart or off its left edge. Nothing measures text on the server, so widths are
// estimated from the characters: Chinese, Japanese, Korean and full-width forms take a whole em,
// everything else about 0.6 em (a little more than most Latin letters and digits, so an estimate
// errs towards a shorter label rather than one that overflows).

const WIDE_RANGES: [number, number][] = [
  [0x1100, 0x115f], // Hangul Jamo
  [0x2e80, 0xa4cf], // CJK radicals, punctuation, kana, ideographs, Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // full-width forms
  [0xffe0, 0xffe6], // full-width signs
  [0x1f300, 0x1faff], // emoji
  [0x20000, 0x3fffd], // CJK extensions B and on
];

const ELLIPSIS = "…";

function isWide(codePoint: number): boolean {
  return WIDE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

function charWidth(char: string, fontSize: number): number {
  return (isWide(char.codePointAt(0)!) ? 1 : 0.6) * fontSize;
}

/** The estimated width in pixels of `text` set at `fontSize` pixels. */
export function textWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const char of text) width += charWidth(char, fontSize);
  return width;
}

/**
 * `label` as it is when it fits in `maxWidth` pixels at `fontSize`, or else cut at a character
 * (never inside a surrogate pair) and ended with an ellipsis so that the whole still fits.
 */
export function fitLabel(label: string, maxWidth: number, fontSize: number): string {
  const text = label.trim();
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const room = maxWidth - textWidth(ELLIPSIS, fontSize);
  let kept = "";
  let width = 0;
  for (const char of text) {
    const next = width + charWidth(char, fontSize);
    if (next > room) break;
    kept += char;
    width = next;
  }
  return kept.trimEnd() + ELLIPSIS;
}

/**
 * The width to give a category axis of `labels`: the longest one's, plus the tick's gap, held
 * between `min` and `max` (past `max`, `fitLabel` shortens a label to fit).
 */
export function labelColumnWidth(labels: string[], fontSize: number, { min, max, gap = 12 }: { min: number; max: number; gap?: number }): number {
  const longest = Math.max(0, ...labels.map((label) => textWidth(label.trim(), fontSize)));
  // Rounded up: rounded to the nearest, "Silver → Ordinary" (122.4 px) got 122 px and lost its end.
  return Math.ceil(Math.min(max, Math.max(min, longest + gap)));
}

/**
 * The pieces a label may break between: a word with the space before it, a wide character (an
 * ideograph breaks anywhere, as Chinese text does), and after a slash or a hyphen ("侵权/假货");
 * never before a slash, a hyphen or a space's word.
 */
function breakUnits(text: string): string[] {
  const units: string[] = [];
  let current = "";
  let prevWide = false;
  for (const char of text) {
    const wide = isWide(char.codePointAt(0)!);
    const joins = char === "/" || char === "-";
    if (current !== "" && !joins && (char === " " || wide || prevWide)) {
      units.push(current);
      current = "";
    }
    current += char;
    prevWide = wide;
    if (joins) {
      units.push(current);
      current = "";
    }
  }
  if (current) units.push(current);
  return units;
}

/**
 * `label` on at most `maxLines` lines of `maxWidth` pixels, broken between words (anywhere between
 * ideographs); what does not fit on them is cut from the last line with an ellipsis, as fitLabel
 * does. `cut` says whether anything was left out (the full label then belongs in a tooltip).
 */
export function wrapLabel(label: string, maxWidth: number, fontSize: number, maxLines: number): { lines: string[]; cut: boolean } {
  const lines: string[] = [];
  let line = "";
  const units = breakUnits(label.trim());
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (line === "" || textWidth((line + unit).trimEnd(), fontSize) <= maxWidth) {
      line += unit;
      continue;
    }
    if (lines.length === maxLines - 1) {
      const rest = line + units.slice(i).join("");
      const last = fitLabel(rest, maxWidth, fontSize);
      return { lines: [...lines, last], cut: last !== rest.trim() };
    }
    lines.push(line.trim());
    line = unit.trimStart();
  }
  if (line.trim() !== "") {
    const last = fitLabel(line, maxWidth, fontSize);
    lines.push(last);
    return { lines, cut: last !== line.trim() };
  }
  return { lines, cut: false };
}

/** The narrowest width (whole pixels) in which `label` wraps onto `maxLines` lines with nothing cut. */
export function wrappedWidth(label: string, fontSize: number, maxLines: number): number {
  let low = 0;
  let high = Math.ceil(textWidth(label.trim(), fontSize));
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (wrapLabel(label, mid, fontSize, maxLines).cut) low = mid + 1;
    else high = mid;
  }
  return high;
}
