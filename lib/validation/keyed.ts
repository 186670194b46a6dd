// A refusal of ours is worded twice: its English message, which the API and the command line
// show, and its catalogue key (with values), which a form words in its reader's language
// (fieldErrorInReaderLanguage in lib/actions/field-errors.ts reads `params`).

type Values = Record<string, string | number>;

/** A refinement's refusal: `.refine(check, keyed("Not zero.", "errors.field.notZero"))`. */
export function keyed(message: string, key: string, values: Values = {}) {
  return { message, params: { key, values } };
}

/** The same as an issue for `ctx.addIssue` in a superRefine, at `path` (the value's own by default). */
export function keyedIssue(message: string, key: string, values: Values = {}, path: PropertyKey[] = []) {
  return { code: "custom" as const, path, ...keyed(message, key, values) };
}
