-- The products page's and the product pickers' search (lib/pricing/member-prices.ts,
-- product-options.ts: a name or an external id containing the text) through a trigram index, as
-- the customers' search has (0022): without it every search read every product of the store.
-- Created only where pg_trgm can be (the embedded database loads it, db/embedded.ts); elsewhere
-- the search still works by reading every product. A short pending list, as 0023 says why.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS "products_search_idx" ON "products" USING gin ("name" gin_trgm_ops, "external_id" gin_trgm_ops)
      WITH (gin_pending_list_limit = 256);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pg_trgm could not be created (%): the products search reads every product', SQLERRM;
END $$;
