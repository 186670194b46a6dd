-- The customers list's search (lib/customers/queries.ts: a name containing the text, an external
-- id starting with it) through a trigram index. pg_trgm is one of PostgreSQL's contrib modules and
-- a trusted extension (a database owner may create it); the embedded database loads it
-- (db/embedded.ts). Where it is missing or may not be created, the search still works by reading
-- every customer, so the migration then creates nothing rather than failing.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS "customers_search_idx" ON "customers" USING gin ("name" gin_trgm_ops, "external_id" gin_trgm_ops);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pg_trgm could not be created (%): the customers search reads every customer', SQLERRM;
END $$;
