import { z } from "zod";

/**
 * An optional field of an API body (`schema` is `.optional()` or has a `.default()`) that takes
 * `null` as not given: many integrators (an ERP's serializer, a row with an empty column) send
 * null for a value they do not have, and it was refused as "expected string, received null". A
 * field with a default takes it. Where null has a meaning of its own (a product's
 * `floorPrice: null` clears its floor) the field is `.nullable().optional()` instead.
 */
export function absentIfNull<T extends z.ZodOptional | z.ZodDefault>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema);
}
