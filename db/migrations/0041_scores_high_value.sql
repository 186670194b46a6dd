-- The high-value customers by id (customer_scores_high_value_idx in db/schema/scoring.ts): the
-- care page's counts of reps' customers who are high-value read it instead of scanning the
-- wide scores table (0.2 s at 100,000 customers and 20,000 assignments).
CREATE INDEX "customer_scores_high_value_idx" ON "customer_scores" USING btree ("store_id","customer_id") WHERE "customer_scores"."is_high_value";
