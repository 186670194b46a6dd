import { z } from "zod";

/**
 * A number typed in a form field, checked by `number` (e.g. `z.coerce.number().min(0)`); a blank
 * field is refused as required. z.coerce.number() alone read a blank as 0: a weight or an earn
 * rate cleared and saved became 0 (a factor dropped, points switched off in effect) with no word.
 */
export function formNumber(number: z.ZodType<number, unknown>) {
  // The coerced number reads any input; zod's types want the pipe's next input to be the string.
  return z.preprocess((value) => value ?? "", z.string().trim().min(1)).pipe(number as z.ZodType<number, string>);
}
