import { sql, type SQL } from "drizzle-orm";
import { escapeLike, holdsCharactersOf } from "@/db/like";

/**
 * A search of products (`p`), as the products page, the API's list and the pickers search: a
 * name or an external id containing `q`, in any case. From three characters the trigram index
 * products_search_idx finds them (migration 0047, where pg_trgm could be created); a shorter text
 * (杯, 水杯) has no trigram, and read every product of the store: it goes through the names' and
 * codes' characters or pairs of characters instead (products_search_chars_idx and
 * products_search_bigrams_idx, migration 0049), the ILIKE keeping those holding the text in a row.
 * A text most products hold (S of every code) is still read through, and each row then computes
 * the indexes' condition too (335 → 560 ms of PostgreSQL at 100,000): the customers' list leaves
 * the condition out for a common character (isRareCharacter), which this does not do yet.
 */
export function productSearch(q: string): SQL {
  const like = `%${escapeLike(q)}%`;
  if ([...q].length >= 3) return sql`(p.name ilike ${like} or p.external_id ilike ${like})`;
  return sql`((p.name ilike ${like} and ${holdsCharactersOf(sql`p.name`, q)}) or (p.external_id ilike ${like} and ${holdsCharactersOf(sql`p.external_id`, q)}))`;
}
