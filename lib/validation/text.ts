import { z } from "zod";
import { forbiddenCharacter, forbiddenCharacterMessage } from "./forbidden-characters";
import { malformed } from "./malformed";

// The one judge of a text's length and form, for the API, the forms, the CSV imports and the
// command line alike.
//
// Lengths count Unicode code points, not UTF-16 units: an emoji (😀, U+1F600, two UTF-16 units) is
// one character to the merchant, so a name of 200 emoji is 200 characters. (A character built of
// several code points, as a flag or a family emoji, counts each.)
//
// Names and free text are stored in NFC, so that an accented or composed character typed two ways
// is one text. External ids (customers', orders', products') are stored in NFKC, so that the
// full-width '１２３' a Chinese IME types and the '123' an ERP sends are the same customer.

/** How many Unicode code points `text` holds (what a limit of N characters counts). */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** Whether `text` holds more than `max` code points. */
export function longerThan(text: string, max: number): boolean {
  // A code point is one or two UTF-16 units: a text of at most `max` units needs no count.
  return text.length > max && codePointLength(text) > max;
}

// A text of ASCII characters only is in every normalization form already (UAX #15: none of them
// decomposes, and none composes with another), and most texts are: a native scan for any other
// character spares them ICU's normalizer, which copies the text to look at it (on a CSV import,
// twice for each of most rows).
const NON_ASCII = /[^\u0000-\u007F]/;

/** A name or free text as it is stored: NFC, without surrounding white space. */
export function normalizeText(text: string): string {
  return (NON_ASCII.test(text) ? text.normalize("NFC") : text).trim();
}

/** An external id as it is stored and looked up: NFKC (full-width digits and letters as ASCII), trimmed. */
export function normalizeExternalId(text: string): string {
  return (NON_ASCII.test(text) ? text.normalize("NFKC") : text).trim();
}

interface TextRules {
  /** At least this many characters (code points); 1 makes the field required. */
  min?: number;
  /** At most this many characters (code points). */
  max: number;
  /** Free text of several lines: keeps tabs and line breaks, which a name or an id may not hold. */
  multiline?: boolean;
}

/**
 * The refusals of a text already normalised: a character it may not hold, and its length as zod's own
 * refusals (of origin string, worded by its locale and by the forms' catalogue), counted in code points.
 */
function textIssues(value: string, rules: TextRules): z.core.$ZodRawIssue[] {
  const issues: z.core.$ZodRawIssue[] = [];
  const char = forbiddenCharacter(value, rules);
  if (char) {
    // A character no text may hold is of the text's form (as the API's check of every string is), not a rule.
    issues.push({ code: "custom", input: value, ...malformed({ message: forbiddenCharacterMessage(char), params: { key: "errors.field.forbiddenCharacter", values: { char } } }) });
  }
  if (rules.min !== undefined && codePointLength(value) < rules.min) {
    issues.push({ code: "too_small", origin: "string", minimum: rules.min, inclusive: true, input: value });
  } else if (longerThan(value, rules.max)) {
    issues.push({ code: "too_big", origin: "string", maximum: rules.max, inclusive: true, input: value });
  }
  return issues;
}

/** A name (one line) or, with `multiline`, free text: stored NFC and trimmed, its length in code points. */
export function text(rules: TextRules) {
  return z
    .string()
    .overwrite(normalizeText)
    .check((ctx) => void ctx.issues.push(...textIssues(ctx.value, rules)));
}

/** A customer's, order's or product's external id: one line, stored NFKC and trimmed, 1 to `max` code points. */
export function externalIdText(max = 200) {
  return z
    .string()
    .overwrite(normalizeExternalId)
    .check((ctx) => void ctx.issues.push(...textIssues(ctx.value, { min: 1, max })));
}
