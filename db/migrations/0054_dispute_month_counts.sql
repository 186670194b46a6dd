-- Each store's disputes per month filed (UTC), type and status, for the owner's dashboard chart
-- of disputes by type and status in a period (lib/disputes/queries.ts's disputesByTypeAndStatus),
-- which read every dispute filed in the period: 14–21 ms at 50,000. Kept as dispute_status_counts
-- (0053) is, by statement triggers with transition tables, ALWAYS (bulk writes run with
-- session_replication_role = replica); an update adds and takes away only where a dispute's month,
-- type or status changed; a delete only takes away (a store deleted takes its counts with it);
-- rows are written in their key's order so that two writers wait rather than deadlock. The days of
-- a month cut by the period's edge are read from the disputes, by disputes_created_idx.
CREATE TABLE "dispute_month_counts" (
	"store_id" bigint NOT NULL,
	"month" date NOT NULL,
	"type" "dispute_type" NOT NULL,
	"status" "dispute_status" NOT NULL,
	"disputes" bigint NOT NULL,
	CONSTRAINT "dispute_month_counts_store_id_month_type_status_pk" PRIMARY KEY("store_id","month","type","status")
);
--> statement-breakpoint
ALTER TABLE "dispute_month_counts" ADD CONSTRAINT "dispute_month_counts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disputes_created_idx" ON "disputes" USING btree ("store_id","created_at","type","status");--> statement-breakpoint
CREATE FUNCTION "dispute_month_counts_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE dispute_month_counts c SET disputes = c.disputes - o.n
    FROM (SELECT store_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, type, status, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3, 4) o
    WHERE c.store_id = o.store_id AND c.month = o.month AND c.type = o.type AND c.status = o.status;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO dispute_month_counts (store_id, month, type, status, disputes)
    SELECT store_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date, type, status, count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (store_id, month, type, status) DO UPDATE SET disputes = dispute_month_counts.disputes + excluded.disputes;
  ELSE
    INSERT INTO dispute_month_counts (store_id, month, type, status, disputes)
    SELECT store_id, month, type, status, sum(n) FROM (
      SELECT store_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, type, status, -1 AS n FROM old_rows
      UNION ALL
      SELECT store_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, type, status, 1 AS n FROM new_rows
    ) moved
    GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (store_id, month, type, status) DO UPDATE SET disputes = dispute_month_counts.disputes + excluded.disputes;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "dispute_month_counts_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE dispute_month_counts;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "disputes_insert_month_counts" AFTER INSERT ON "disputes" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_month_counts_follow();--> statement-breakpoint
CREATE TRIGGER "disputes_update_month_counts" AFTER UPDATE ON "disputes" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_month_counts_follow();--> statement-breakpoint
CREATE TRIGGER "disputes_delete_month_counts" AFTER DELETE ON "disputes" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_month_counts_follow();--> statement-breakpoint
CREATE TRIGGER "disputes_truncate_month_counts" AFTER TRUNCATE ON "disputes"
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_month_counts_truncated();--> statement-breakpoint
ALTER TABLE "disputes" ENABLE ALWAYS TRIGGER "disputes_insert_month_counts";--> statement-breakpoint
ALTER TABLE "disputes" ENABLE ALWAYS TRIGGER "disputes_update_month_counts";--> statement-breakpoint
ALTER TABLE "disputes" ENABLE ALWAYS TRIGGER "disputes_delete_month_counts";--> statement-breakpoint
ALTER TABLE "disputes" ENABLE ALWAYS TRIGGER "disputes_truncate_month_counts";--> statement-breakpoint
-- The disputes filed before.
INSERT INTO dispute_month_counts (store_id, month, type, status, disputes)
SELECT store_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date, type, status, count(*) FROM disputes GROUP BY 1, 2, 3, 4;
