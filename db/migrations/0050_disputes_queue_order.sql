-- The disputes queue in its order (lib/disputes/queries.ts, db/schema/disputes.ts's
-- disputeQueueOrder): a page was a sort of the store's every dispute (0.1-0.3 s at 50,000). The
-- columns the queue's filters read follow the id, so a page and the rows skipped before it are
-- read from the index alone.
CREATE INDEX "disputes_queue_order_idx" ON "disputes" USING btree ("store_id",(case when "status" in ('submitted', 'in_review', 'routed', 'escalated') then 0 else 1 end),(case when "status" in ('submitted', 'in_review', 'routed', 'escalated') then "deadline_at" end),"id" DESC NULLS FIRST,"status","deadline_at","type","assignee_user_id","current_party");