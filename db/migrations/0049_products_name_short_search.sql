-- The products' search of a text under three characters (杯, 水杯; lib/pricing/product-search.ts):
-- pg_trgm's index (0047) has no trigram to look up in it, and such a search read every product of
-- the store. Names and external ids by their characters and pairs of characters, through the
-- customers' own functions (name_chars, 0031; name_bigrams, 0023): no extension, so on every
-- database. A short pending list, as 0023 says why.
CREATE INDEX "products_search_chars_idx" ON "products" USING gin (name_chars("name"),name_chars("external_id")) WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "products_search_bigrams_idx" ON "products" USING gin (name_bigrams("name"),name_bigrams("external_id")) WITH (gin_pending_list_limit=256);--> statement-breakpoint
-- The indexes' expressions have statistics of their own, which tell a rare character from a common one.
ANALYZE "products";
