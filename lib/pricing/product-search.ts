import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { fewerRowsThan } from "@/db/fewer-rows-than";
import { escapeLike, holdsCharactersOf } from "@/db/like";

/**
 * Products with a short text in fewer names or codes than this are found through the indexes of
 * their characters; a commoner text (S, in every code) is picked out as the products are read.
 */
const RARE_TEXT = 2000;

/**
 * Whether pg_trgm's index of products (products_search_idx, migration 0047) is there: it is not
 * where pg_trgm could not be created. Asked once a process (an index created later is seen after
 * a restart).
 */
let trigramIndex: Promise<boolean> | null = null;
export function hasTrigramIndex(): Promise<boolean> {
  trigramIndex ??= getDb()
    .execute<{ found: boolean }>(sql`select to_regclass('products_search_idx') is not null as found`)
    .then((r) => r.rows[0]!.found)
    .catch((error: unknown) => {
      trigramIndex = null;
      throw error;
    });
  return trigramIndex;
}

/**
 * A search of products (`p`) of a store, as the products page, the API's list and the pickers
 * search: a name or an external id containing `q`, in any case. From three characters the trigram
 * index products_search_idx finds them (migration 0047, where pg_trgm could be created); a shorter
 * text (杯, 水杯) has no trigram, and read every product of the store: when rare it goes through
 * the names' and codes' characters or pairs of characters instead (products_search_chars_idx and
 * products_search_bigrams_idx, migration 0049), the ILIKE keeping those holding the text in a
 * row. So does a longer text where the trigram index is missing (`trigrams`: whether it is there,
 * hasTrigramIndex by default): every pair of its characters held narrows the products as well
 * (at 100,000 products without it, 保温杯, which none holds: 191 → 8 ms of PostgreSQL and
 * 404 → 23 ms embedded; SKU-99999: 202 → 14 and 387 → 35 ms). A text most products hold is read
 * through with the ILIKE alone: handed the indexes' condition as well, each row computed it
 * (S: 335 → 560 ms of PostgreSQL at 100,000 products).
 */
export async function productSearch(storeId: number, q: string, options: { trigrams?: boolean } = {}): Promise<SQL> {
  const like = `%${escapeLike(q)}%`;
  const plain = sql`(p.name ilike ${like} or p.external_id ilike ${like})`;
  if ([...q].length >= 3 && (options.trigrams ?? (await hasTrigramIndex()))) return plain;
  const held = (column: SQL) => holdsCharactersOf(column, q);
  const rare = await fewerRowsThan(
    RARE_TEXT,
    sql`select 1 from products p where p.store_id = ${storeId} and (${held(sql`p.name`)} or ${held(sql`p.external_id`)})`,
  );
  if (!rare) return plain;
  return sql`((p.name ilike ${like} and ${held(sql`p.name`)}) or (p.external_id ilike ${like} and ${held(sql`p.external_id`)}))`;
}
