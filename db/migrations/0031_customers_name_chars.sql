-- Names by their characters, for the customers list's search of one character that few names
-- hold (a surname: 鑫; lib/customers/queries.ts). The pairs of 0023 need two, and pg_trgm (0022)
-- three: a search of one read every name (64 ms of PostgreSQL at 100,000 customers). One call
-- of string_to_array, which the planner inlines: the rows the index finds are checked again
-- with it, and name_bigrams' subquery would cost 7 µs a row there.
CREATE FUNCTION "name_chars"(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN string_to_array(lower(t), NULL);
--> statement-breakpoint
CREATE INDEX "customers_name_chars_idx" ON "customers" USING gin (name_chars("name")) WITH (gin_pending_list_limit=256);
--> statement-breakpoint
-- The index's expression has statistics of its own, which tell a rare character from a common one.
ANALYZE "customers";
