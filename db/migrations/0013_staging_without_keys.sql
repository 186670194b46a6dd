ALTER TABLE "staged_order_lines" DROP CONSTRAINT "staged_order_lines_store_id_import_id_row_no_pk";--> statement-breakpoint
ALTER TABLE "staged_returns" DROP CONSTRAINT "staged_returns_store_id_import_id_row_no_pk";--> statement-breakpoint
ALTER TABLE "staged_reviews" DROP CONSTRAINT "staged_reviews_store_id_import_id_row_no_pk";--> statement-breakpoint
ALTER TABLE "staged_shares" DROP CONSTRAINT "staged_shares_store_id_import_id_row_no_pk";