-- Each store's disputes per status, for the counts beside the disputes queue and on the owner's
-- dashboard (lib/disputes/queries.ts's disputeCounts), which read every dispute of the store:
-- 13–45 ms at 50,000. Kept by statement triggers with transition tables, as points_balances
-- (0045), so every writer of disputes keeps it in the same statement; ALWAYS, as bulk writes run
-- with session_replication_role = replica. An update adds and takes away only where statuses
-- changed (an assignee or a deadline moved writes no count, nor waits on another writer's); a
-- delete only takes away, with an update, not an insert: a store deleted takes its disputes and
-- its counts with it. Rows are written in the order of their key, so that two writers of several
-- wait on each other rather than deadlock. What depends on the time (the open disputes past
-- their deadline) is read from the disputes.
CREATE TABLE "dispute_status_counts" (
	"store_id" bigint NOT NULL,
	"status" "dispute_status" NOT NULL,
	"disputes" bigint NOT NULL,
	CONSTRAINT "dispute_status_counts_store_id_status_pk" PRIMARY KEY("store_id","status")
);
--> statement-breakpoint
ALTER TABLE "dispute_status_counts" ADD CONSTRAINT "dispute_status_counts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE FUNCTION "dispute_status_counts_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE dispute_status_counts c SET disputes = c.disputes - o.n
    FROM (SELECT store_id, status, count(*) AS n FROM old_rows GROUP BY store_id, status) o
    WHERE c.store_id = o.store_id AND c.status = o.status;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO dispute_status_counts (store_id, status, disputes)
    SELECT store_id, status, count(*) FROM new_rows GROUP BY store_id, status ORDER BY store_id, status
    ON CONFLICT (store_id, status) DO UPDATE SET disputes = dispute_status_counts.disputes + excluded.disputes;
  ELSE
    INSERT INTO dispute_status_counts (store_id, status, disputes)
    SELECT store_id, status, sum(n) FROM (
      SELECT store_id, status, -1 AS n FROM old_rows
      UNION ALL
      SELECT store_id, status, 1 AS n FROM new_rows
    ) moved
    GROUP BY store_id, status HAVING sum(n) <> 0 ORDER BY store_id, status
    ON CONFLICT (store_id, status) DO UPDATE SET disputes = dispute_status_counts.disputes + excluded.disputes;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "dispute_status_counts_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE dispute_status_counts;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "disputes_insert_status_counts" AFTER INSERT ON "disputes" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_status_counts_follow();--> statement-breakpoint
CREATE TRIGGER "disputes_update_status_counts" AFTER UPDATE ON "disputes" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_status_counts_follow();--> statement-breakpoint
CREATE TRIGGER "disputes_delete_status_counts" AFTER DELETE ON "disputes" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_status_counts_follow();--> statement-breakpoint
CREATE TRIGGER "disputes_truncate_status_counts" AFTER TRUNCATE ON "disputes"
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_status_counts_truncated();--> statement-breakpoint
ALTER TABLE "disputes" ENABLE ALWAYS TRIGGER "disputes_insert_status_counts";--> statement-breakpoint
ALTER TABLE "disputes" ENABLE ALWAYS TRIGGER "disputes_update_status_counts";--> statement-breakpoint
ALTER TABLE "disputes" ENABLE ALWAYS TRIGGER "disputes_delete_status_counts";--> statement-breakpoint
ALTER TABLE "disputes" ENABLE ALWAYS TRIGGER "disputes_truncate_status_counts";--> statement-breakpoint
-- The disputes filed before.
INSERT INTO dispute_status_counts (store_id, status, disputes)
SELECT store_id, status, count(*) FROM disputes GROUP BY store_id, status;
