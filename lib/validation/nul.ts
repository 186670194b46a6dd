// PostgreSQL text cannot hold the NUL character (U+0000): a value with one failed in the
// database as a 500, whatever field it was in. Every way in refuses it first, naming the field:
// the API (body, path and query), the forms, the CSV imports and the pages' search parameters.

export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

export function hasNul(text: string): boolean {
  return text.includes("\u0000");
}

/** The paths (`orders.3.customer.name`) of every string in `value` that holds a NUL. */
export function nulPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === "string") return hasNul(value) ? [path.join(".")] : [];
  if (value === null || typeof value !== "object") return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => nulPaths(v, [...path, key]));
}
