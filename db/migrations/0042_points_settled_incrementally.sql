-- A settlement of points reads only the customers a recompute rescored while the points rules
-- stay the same (lib/points/settle.ts): each run records when the rules it went by were saved.
-- The customers holding move entries are found by index, for the entries of their moved orders
-- (the index names the kinds it leaves out: see db/schema/pricing.ts).
ALTER TABLE "score_runs" ADD COLUMN "points_rules_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "points_entries_moves_idx" ON "points_entries" USING btree ("store_id","customer_id") WHERE kind not in ('earn', 'reversal', 'redeem', 'expiry', 'adjustment');