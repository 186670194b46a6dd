ALTER TYPE "public"."points_entry_kind" ADD VALUE 'restore';--> statement-breakpoint
ALTER TYPE "public"."points_entry_kind" ADD VALUE 'amount_change';--> statement-breakpoint
DROP INDEX "points_entries_cancel_key";--> statement-breakpoint
DROP INDEX "points_entries_return_key";--> statement-breakpoint
ALTER TABLE "points_entries" ADD COLUMN "due" bigint;--> statement-breakpoint
ALTER TABLE "points_entries" ADD COLUMN "basis" bigint;--> statement-breakpoint
-- The points ledger now follows an order's and a return's current status and amount with
-- correcting entries (lib/points/settle.ts). An order's first earning fixes its rate
-- (points / basis); the earnings and the reversals of returns without an order written before
-- get the amount they were reckoned on, as far as it is known: today's.
UPDATE "points_entries" e SET "basis" = o."total"
FROM "orders" o
WHERE e."kind" = 'earn' AND o."store_id" = e."store_id" AND o."id" = e."order_id";--> statement-breakpoint
UPDATE "points_entries" e SET "basis" = r."amount"
FROM "returns" r
WHERE e."kind" = 'reversal' AND e."order_id" IS NULL AND r."store_id" = e."store_id" AND r."id" = e."return_id";
