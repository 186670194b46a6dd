-- POST /api/v1/disputes takes an Idempotency-Key header (lib/disputes/idempotency.ts): the key is
-- kept on the dispute it filed with the sha256 of its request, unique per store, so a retry, or two
-- identical requests at once, file one dispute.
ALTER TABLE "disputes" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "request_sha256" text;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_idempotency_key" UNIQUE("store_id","idempotency_key");