ALTER TABLE "customer_flag_events" ADD COLUMN "dispute_id" bigint;--> statement-breakpoint
ALTER TABLE "customer_flags" ADD COLUMN "dispute_id" bigint;