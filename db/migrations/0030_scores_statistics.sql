-- ANALYZE of customer_scores reads 300 rows per unit of its largest statistics target: 30,000 of
-- them at the default of 100, which took the embedded database 0.5-0.65 s after every recompute
-- that moved most scores (db/maintenance.ts runs it there; autovacuum on a server), a sixth of a
-- rules change. Its plans need little: tiers, flags and store ids are a few values each, and the
-- list walks its sort indexes. At 10 (3,000 rows) it takes 40-60 ms, and the list's pages and the
-- recompute kept their plans and times (PostgreSQL, 100,000 customers). A column added to the
-- table later needs the same, or the sample grows back (db/maintenance.db.test.ts checks).
DO $$
DECLARE column_name name;
BEGIN
  FOR column_name IN SELECT attname FROM pg_attribute WHERE attrelid = 'customer_scores'::regclass AND attnum > 0 AND NOT attisdropped LOOP
    EXECUTE format('ALTER TABLE customer_scores ALTER COLUMN %I SET STATISTICS 10', column_name);
  END LOOP;
END $$;--> statement-breakpoint
-- The recency index's expression has statistics of its own.
ALTER INDEX "customer_scores_recency_idx" ALTER COLUMN 2 SET STATISTICS 10;
