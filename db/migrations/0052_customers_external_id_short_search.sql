-- The members search of a text under three characters (lib/memberships/queries.ts) looks for it in
-- a customer's name or external id (the buyer ID): the names have their characters' and pairs'
-- indexes (0031, 0023), the ids had none, and the OR read every member's customer. The ids by the
-- same functions: no extension, so on every database. A short pending list, as 0023 says why.
CREATE INDEX "customers_external_id_chars_idx" ON "customers" USING gin (name_chars("external_id")) WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "customers_external_id_bigrams_idx" ON "customers" USING gin (name_bigrams("external_id")) WITH (gin_pending_list_limit=256);--> statement-breakpoint
-- The indexes' expressions have statistics of their own, which tell a rare character from a common one.
ANALYZE "customers";
