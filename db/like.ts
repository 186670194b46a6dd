import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/** `text` as a literal inside a LIKE pattern: its %, _ and \ match themselves, not any text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Whether `column` holds every pair of `text`'s characters (from two up: name_bigrams, migration
 * 0023) or its one character (name_chars, 0031), as lower case: the condition of a GIN index of
 * that function of the column, for a search too short for pg_trgm's three. A text contained in
 * the column passes it, but so do others (the pairs apart): pair it with the ILIKE that decides.
 */
export function holdsCharactersOf(column: SQLWrapper, text: string): SQL {
  return [...text].length >= 2 ? sql`name_bigrams(${column}) @> name_bigrams(${text})` : sql`name_chars(${column}) @> name_chars(${text})`;
}
