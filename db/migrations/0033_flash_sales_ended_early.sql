-- A sale ended early during its early access ends before its start. It used to have its start
-- pulled back to just before the end to keep start < end, which moved the start and its early
-- access on its page and in the list and the dashboard. It now keeps its start and is marked
-- ended_early; only such a sale may end before its start, and never before its early access opened.
ALTER TABLE "flash_sales" DROP CONSTRAINT "flash_sales_starts_before_end";--> statement-breakpoint
ALTER TABLE "flash_sales" ADD COLUMN "ended_early" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_starts_before_end" CHECK ("flash_sales"."starts_at" < "flash_sales"."ends_at" or ("flash_sales"."ended_early" and "flash_sales"."starts_at" - make_interval(mins => coalesce("flash_sales"."early_access_minutes", 0)) <= "flash_sales"."ends_at"));