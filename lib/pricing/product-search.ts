import { sql, type SQL } from "drizzle-orm";
import { fewerRowsThan } from "@/db/fewer-rows-than";
import { escapeLike, holdsCharactersOf } from "@/db/like";

/**
 * Products with a short text in fewer names or codes than this are found through the indexes of
 * their characters; a commoner text (S, in every code) is picked out as the products are read.
 */
const RARE_TEXT = 2000;

/**
 * A search of products (`p`) of a store, as the products page, the API's list and the pickers
 * search: a name or an external id containing `q`, in any case. From three characters the trigram
 * index products_search_idx finds them (migration 0047, where pg_trgm could be created); a shorter
 * text (杯, 水杯) has no trigram, and read every product of the store: when rare it goes through
 * the names' and codes' characters or pairs of characters instead (products_search_chars_idx and
 * products_search_bigrams_idx, migration 0049), the ILIKE keeping those holding the text in a
 * row. A text most products hold is read through with the ILIKE alone: handed the indexes'
 * condition as well, each row computed it (S: 335 → 560 ms of PostgreSQL at 100,000 products).
 */
export async function productSearch(storeId: number, q: string): Promise<SQL> {
  const like = `%${escapeLike(q)}%`;
  const plain = sql`(p.name ilike ${like} or p.external_id ilike ${like})`;
  if ([...q].length >= 3) return plain;
  const held = (column: SQL) => holdsCharactersOf(column, q);
  const rare = await fewerRowsThan(
    RARE_TEXT,
    sql`select 1 from products p where p.store_id = ${storeId} and (${held(sql`p.name`)} or ${held(sql`p.external_id`)})`,
  );
  if (!rare) return plain;
  return sql`((p.name ilike ${like} and ${held(sql`p.name`)}) or (p.external_id ilike ${like} and ${held(sql`p.external_id`)}))`;
}
