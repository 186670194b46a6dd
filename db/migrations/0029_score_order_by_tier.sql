-- customer_score_order becomes one table per tier (see customerScoreOrder in
-- db/schema/scoring.ts for why) with a single index, its key by store, score, customer and tier,
-- in place of its key and its index by tier. The triggers of 0028 write it by name and need no
-- change: a score update that changes a tier moves the row to its new tier's table. A tier added
-- to the enum one day needs its partition here first, or writing a score of that tier fails.
ALTER TABLE "customer_score_order" RENAME TO "customer_score_order_0028";--> statement-breakpoint
CREATE TABLE "customer_score_order" (
	"store_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"sort_score" numeric(4, 1) NOT NULL,
	"tier" "tier" NOT NULL
) PARTITION BY LIST ("tier");--> statement-breakpoint
CREATE TABLE "customer_score_order_ordinary" PARTITION OF "customer_score_order" FOR VALUES IN ('ordinary');--> statement-breakpoint
CREATE TABLE "customer_score_order_silver" PARTITION OF "customer_score_order" FOR VALUES IN ('silver');--> statement-breakpoint
CREATE TABLE "customer_score_order_gold" PARTITION OF "customer_score_order" FOR VALUES IN ('gold');--> statement-breakpoint
CREATE TABLE "customer_score_order_diamond" PARTITION OF "customer_score_order" FOR VALUES IN ('diamond');--> statement-breakpoint
CREATE TABLE "customer_score_order_crown" PARTITION OF "customer_score_order" FOR VALUES IN ('crown');--> statement-breakpoint
INSERT INTO "customer_score_order" ("store_id", "customer_id", "sort_score", "tier")
SELECT "store_id", "customer_id", "sort_score", "tier" FROM "customer_score_order_0028";--> statement-breakpoint
DROP TABLE "customer_score_order_0028";--> statement-breakpoint
ALTER TABLE "customer_score_order" ADD CONSTRAINT "customer_score_order_store_id_sort_score_customer_id_tier_pk" PRIMARY KEY("store_id","sort_score","customer_id","tier");--> statement-breakpoint
-- Autovacuum analyzes the tiers' tables but never the partitioned table itself, whose own
-- statistics the planner reads for the table as a whole: gathered once here. The plans of the
-- list and the reminder list were checked with none at all, and stay on the index.
ANALYZE "customer_score_order";
