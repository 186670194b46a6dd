ALTER TABLE "imports" ADD COLUMN "message_key" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "message_values" jsonb;