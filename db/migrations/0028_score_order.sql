-- The customers list's order by score moves from two indexes of customer_scores to a narrow
-- table of its own (see customerScoreOrder in db/schema/scoring.ts for why), kept equal to
-- customer_scores by the statement triggers below, so every path that writes scores (the
-- recompute, a flash-sale claim's new buyer, tests' fixtures) keeps it. ALWAYS, as in 0016 and
-- 0020: bulk writes run with session_replication_role = replica (db/bulk.ts). No statement
-- changes a score row's store or customer; one that did would leave this table behind.
CREATE TABLE "customer_score_order" (
	"store_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"sort_score" numeric(4, 1) NOT NULL,
	"tier" "tier" NOT NULL
);
--> statement-breakpoint
INSERT INTO "customer_score_order" ("store_id", "customer_id", "sort_score", "tier")
SELECT "store_id", "customer_id", coalesce("score", -1), "tier" FROM "customer_scores";--> statement-breakpoint
ALTER TABLE "customer_score_order" ADD CONSTRAINT "customer_score_order_store_id_sort_score_customer_id_pk" PRIMARY KEY("store_id","sort_score","customer_id");--> statement-breakpoint
DROP INDEX "customer_scores_score_idx";--> statement-breakpoint
DROP INDEX "customer_scores_tier_score_idx";--> statement-breakpoint
CREATE INDEX "customer_score_order_tier_idx" ON "customer_score_order" USING btree ("store_id","tier","sort_score","customer_id");--> statement-breakpoint
CREATE FUNCTION "order_new_scores"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_score_order (store_id, customer_id, sort_score, tier)
  SELECT store_id, customer_id, coalesce(score, -1), tier FROM new_rows;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Matched to the new rows by customer with a hash of the rows of their stores: the table has no
-- index by customer (it would be a third to write), and a rules change matches every row anyway.
-- EXECUTE plans it for each call's rows: planned once per session, as PL/pgSQL keeps a static
-- statement's plan, a first call with a row or none kept a nested loop that read the store's
-- rows once per new row, and the next rules change of 20,000 customers took 16-20 s.
-- Only the new rows are captured: the old ones as well held every changed score row twice in
-- memory, which the embedded database keeps once grown (50-75 MB more at 100,000 customers).
CREATE FUNCTION "order_changed_scores"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE $sql$
    UPDATE customer_score_order o SET sort_score = coalesce(n.score, -1), tier = n.tier
    FROM new_rows n
    WHERE o.store_id = ANY (ARRAY(SELECT DISTINCT store_id FROM new_rows))
      AND o.store_id = n.store_id AND o.customer_id = n.customer_id
      AND (o.sort_score, o.tier) IS DISTINCT FROM (coalesce(n.score, -1), n.tier)
  $sql$;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Deletes are few (a customer's or a store's, through the foreign keys): found by their key.
CREATE FUNCTION "order_deleted_scores"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_score_order o USING old_rows d
  WHERE o.store_id = d.store_id AND o.sort_score = coalesce(d.score, -1) AND o.customer_id = d.customer_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "order_truncated_scores"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE customer_score_order;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "customer_scores_insert_order" AFTER INSERT ON "customer_scores" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_new_scores();--> statement-breakpoint
CREATE TRIGGER "customer_scores_update_order" AFTER UPDATE ON "customer_scores" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_changed_scores();--> statement-breakpoint
CREATE TRIGGER "customer_scores_delete_order" AFTER DELETE ON "customer_scores" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION order_deleted_scores();--> statement-breakpoint
CREATE TRIGGER "customer_scores_truncate_order" AFTER TRUNCATE ON "customer_scores"
  FOR EACH STATEMENT EXECUTE FUNCTION order_truncated_scores();--> statement-breakpoint
ALTER TABLE "customer_scores" ENABLE ALWAYS TRIGGER "customer_scores_insert_order";--> statement-breakpoint
ALTER TABLE "customer_scores" ENABLE ALWAYS TRIGGER "customer_scores_update_order";--> statement-breakpoint
ALTER TABLE "customer_scores" ENABLE ALWAYS TRIGGER "customer_scores_delete_order";--> statement-breakpoint
ALTER TABLE "customer_scores" ENABLE ALWAYS TRIGGER "customer_scores_truncate_order";--> statement-breakpoint
-- Room for a whole new version of every row on its page (was 70%, 0012): after a rules change
-- every row is rewritten, and with no index on what changed, each new version that fits on its
-- page is written without a single index entry. Pages written from now on.
ALTER TABLE "customer_scores" SET (fillfactor = 50);--> statement-breakpoint
-- Planned without statistics, the list by tier read every customer of the tier and sorted them.
ANALYZE "customer_score_order";
