import { z } from "zod";
import { malformed } from "./malformed";

/**
 * A number of a query string (`?limit=`, `?minScore=`), read strictly: decimal digits (and, where
 * `decimals`, a fraction), nothing else. z.coerce.number() read it as JavaScript's Number() does:
 * `limit=%20` (a space) was 0, `limit=0x10` 16, `limit=1e2` 100, and `limit=1e400` a 400 saying
 * "received Infinity". A text that is no such number is malformed (400); one past the range breaks
 * a rule (422), and both say what the parameter allows.
 */
export function queryNumber({ min, max, decimals = false }: { min: number; max: number; decimals?: boolean }) {
  const allowed = `${decimals ? "a number" : "a whole number"} from ${min} to ${max}`;
  const shape = decimals ? /^\d+(\.\d+)?$/ : /^\d+$/;
  return z
    .string()
    .refine((text) => shape.test(text), malformed(`must be ${allowed}, written in decimal digits${decimals ? " (a point before any fraction)" : ""}`))
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be ${allowed}`);
}

/**
 * A whole number of a JSON body, from `min` to `max` (`unit` names what it counts in the refusal:
 * "minor units"). zod's `.int()` also bounds every integer by 2^53, so an amount past that was
 * refused first as "expected int to be <=9007199254740991", a cap the product does not have
 * (money's is MAX_MONEY_MINOR, 10^10 minor units). Without `max` the bound is the caller's to
 * check (assertMoneyWithinBound names it in the store's currency).
 */
export function wholeNumber(min: number, max?: number, unit?: string) {
  const units = unit ? ` ${unit}` : "";
  // The issues zod's own checks raise (invalid_type "int", too_small, too_big), so that a form
  // words them from the catalogues as before (lib/actions/field-errors.ts) and 400 stays 400.
  const whole = z.number().check((ctx) => {
    if (!Number.isInteger(ctx.value)) ctx.issues.push({ code: "invalid_type", expected: "int", input: ctx.value, message: "must be a whole number", continue: false });
  });
  const from = whole.min(min, `must be at least ${min}${units}`);
  return max === undefined ? from : from.max(max, `must be at most ${max}${units}`);
}
