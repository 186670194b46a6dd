import type { z } from "zod";

// Which of a schema's refusals say the request is malformed (the API's 400) and which that it
// breaks a rule of the product (its 422). The one rule, for bodies and queries alike:
//
// - 400 `invalid_request`: the request cannot be read as what the route takes: not JSON, not an
//   object, a key it does not take (at any depth), a field missing or of the wrong type, a text
//   not of its format (a time without its zone, a value not among the choices), a cursor this
//   API did not give out. Judged from the request alone; the client has a bug to fix.
// - 422 `invalid`: a request that reads well but asks for what the product refuses: a value past
//   its bound (an amount over MAX_MONEY_MINOR, a negative quantity, a name too long, a time too
//   far ahead), fields that do not agree (a floor price above the price, cutoffs not increasing),
//   or the store's state (a flash sale overlapping another). The same value is refused the same
//   way from a form or the command line.
//
// A refusal with issues of both kinds is a 400: the request must be read before its values are.

/** Zod's issue codes that say the request does not read as the route's shape. */
const malformedCodes = new Set(["invalid_type", "unrecognized_keys", "invalid_format", "invalid_value", "invalid_union", "invalid_key", "invalid_element"]);

const MALFORMED = "malformed";

/**
 * A refinement's refusal (a message, or `keyed(…)`) marked as one of form or shape, not of a rule:
 * `.refine(check, malformed(keyed("Use a date and time like…", …)))`.
 */
export function malformed(refusal: string | { message: string; params?: Record<string, unknown>; path?: PropertyKey[] }) {
  const { params, ...rest } = typeof refusal === "string" ? { message: refusal } : refusal;
  return { ...rest, params: { ...params, [MALFORMED]: true } };
}

/** Whether an issue says the request is malformed (400) rather than that it breaks a rule (422). */
function isMalformedIssue(issue: z.core.$ZodIssue): boolean {
  if (malformedCodes.has(issue.code)) return true;
  return issue.code === "custom" && (issue.params as { [MALFORMED]?: unknown } | undefined)?.[MALFORMED] === true;
}

/** Whether any of the issues makes the request malformed: see the rule above. */
export const anyMalformed = (issues: readonly z.core.$ZodIssue[]) => issues.some(isMalformedIssue);
