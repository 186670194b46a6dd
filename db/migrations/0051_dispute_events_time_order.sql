-- A dispute's history in the order things happened (time, then id), which its page reads a
-- page at a time from either end; it replaces the index by id, whose prefix it keeps.
DROP INDEX "dispute_events_dispute_idx";--> statement-breakpoint
CREATE INDEX "dispute_events_dispute_time_idx" ON "dispute_events" USING btree ("store_id","dispute_id","at","id");