-- A customer belongs to one store, so a customer id says the store: statistics of that
-- dependency, for the points settlement's passes over some customers of a store
-- (lib/points/settle.ts: a recompute's customers, those owed points back, those due to expire).
-- Without them the planner multiplied the store's share of the table by the customers' share,
-- and a small store beside one of a million orders got its customers' orders and entries
-- counted 30 times too few: nested loops over its working sets, and a recompute of a quarter of
-- its 3,000 customers took 211 s instead of 0.4 s. ANALYZE builds them now, not at the next
-- autovacuum (the embedded database has none).
CREATE STATISTICS IF NOT EXISTS "orders_store_customer_stats" (dependencies) ON "store_id", "customer_id" FROM "orders";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "returns_store_customer_stats" (dependencies) ON "store_id", "customer_id" FROM "returns";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "points_entries_store_customer_stats" (dependencies) ON "store_id", "customer_id" FROM "points_entries";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "customer_scores_store_customer_stats" (dependencies) ON "store_id", "customer_id" FROM "customer_scores";--> statement-breakpoint
ANALYZE "orders", "returns", "points_entries", "customer_scores";
