-- Names by their pairs of characters, for the customers list's search of a text of two
-- characters (lib/customers/queries.ts). pg_trgm's index (0022) needs three, and most Chinese
-- names have two or three: a search for 郭波 read every customer. This needs no extension.
-- lower() as ILIKE compares; distinct, as GIN stores each key of a row once anyway.
CREATE FUNCTION "name_bigrams"(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN array(SELECT DISTINCT substr(lower(t), i, 2) FROM generate_series(1, length(t) - 1) AS i);
--> statement-breakpoint
CREATE INDEX "customers_name_bigrams_idx" ON "customers" USING gin (name_bigrams("name")) WITH (gin_pending_list_limit = 256);
--> statement-breakpoint
-- A short pending list: every search reads the unmerged list through (8,711 entries after
-- seeding 100,000 customers at the default 4 MB, 4 ms a search), and nothing merges it on the
-- embedded database short of a vacuum. A smaller limit merges nothing by itself, hence the clean.
DO $$
BEGIN
  IF to_regclass('customers_search_idx') IS NOT NULL THEN
    ALTER INDEX "customers_search_idx" SET (gin_pending_list_limit = 256);
    PERFORM gin_clean_pending_list('customers_search_idx'::regclass);
  END IF;
END $$;
