-- Each store's memberships by the day (UTC) they start and the day they stop counting (least of
-- their end and their cancellation), for the owner's dashboard count of active members
-- (lib/memberships/queries.ts's countActiveMembers), which was a pass over every current
-- membership: 20–49 ms on PostgreSQL, 44–95 ms embedded at 55,000. Being active depends on the
-- clock, so no total can be kept; but a membership is active at t when it has not stopped by t
-- and has started by t, so the count at t is the stops less the starts of the days after t's day
-- (summed from here: a year of days at most, whatever the store's history) plus the same of t's
-- own day after t, read from the memberships by the two indexes below and
-- customer_memberships_ends_idx. Only memberships active at some moment are counted (a renewal
-- cancelled before it began never is). Kept as dispute_status_counts (0053) is: statement triggers
-- with transition tables, ALWAYS (bulk writes run with session_replication_role = replica); an
-- update adds and takes away only where a start or stop day moved; a delete only takes away (a
-- store deleted takes its counts with it); rows are written in their key's order so that two
-- writers wait rather than deadlock.
CREATE TABLE "membership_day_counts" (
	"store_id" bigint NOT NULL,
	"day" date NOT NULL,
	"starts" bigint NOT NULL,
	"stops" bigint NOT NULL,
	CONSTRAINT "membership_day_counts_store_id_day_pk" PRIMARY KEY("store_id","day")
);
--> statement-breakpoint
ALTER TABLE "membership_day_counts" ADD CONSTRAINT "membership_day_counts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_memberships_starts_idx" ON "customer_memberships" USING btree ("store_id","starts_at");--> statement-breakpoint
CREATE INDEX "customer_memberships_cancelled_idx" ON "customer_memberships" USING btree ("store_id","cancelled_at") WHERE "customer_memberships"."cancelled_at" is not null;--> statement-breakpoint
CREATE FUNCTION "membership_day_counts_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE membership_day_counts c SET starts = c.starts - o.starts, stops = c.stops - o.stops
    FROM (SELECT store_id, day, sum(starts) AS starts, sum(stops) AS stops FROM (
            SELECT store_id, (starts_at AT TIME ZONE 'UTC')::date AS day, 1 AS starts, 0 AS stops
            FROM old_rows WHERE cancelled_at IS NULL OR cancelled_at > starts_at
            UNION ALL
            SELECT store_id, (least(ends_at, cancelled_at) AT TIME ZONE 'UTC')::date, 0, 1
            FROM old_rows WHERE cancelled_at IS NULL OR cancelled_at > starts_at
          ) e GROUP BY store_id, day) o
    WHERE c.store_id = o.store_id AND c.day = o.day;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO membership_day_counts (store_id, day, starts, stops)
    SELECT store_id, day, sum(starts), sum(stops) FROM (
      SELECT store_id, (starts_at AT TIME ZONE 'UTC')::date AS day, 1 AS starts, 0 AS stops
      FROM new_rows WHERE cancelled_at IS NULL OR cancelled_at > starts_at
      UNION ALL
      SELECT store_id, (least(ends_at, cancelled_at) AT TIME ZONE 'UTC')::date, 0, 1
      FROM new_rows WHERE cancelled_at IS NULL OR cancelled_at > starts_at
    ) e
    GROUP BY store_id, day ORDER BY store_id, day
    ON CONFLICT (store_id, day) DO UPDATE
      SET starts = membership_day_counts.starts + excluded.starts, stops = membership_day_counts.stops + excluded.stops;
  ELSE
    INSERT INTO membership_day_counts (store_id, day, starts, stops)
    SELECT store_id, day, sum(starts), sum(stops) FROM (
      SELECT store_id, (starts_at AT TIME ZONE 'UTC')::date AS day, -1 AS starts, 0 AS stops
      FROM old_rows WHERE cancelled_at IS NULL OR cancelled_at > starts_at
      UNION ALL
      SELECT store_id, (least(ends_at, cancelled_at) AT TIME ZONE 'UTC')::date, 0, -1
      FROM old_rows WHERE cancelled_at IS NULL OR cancelled_at > starts_at
      UNION ALL
      SELECT store_id, (starts_at AT TIME ZONE 'UTC')::date, 1, 0
      FROM new_rows WHERE cancelled_at IS NULL OR cancelled_at > starts_at
      UNION ALL
      SELECT store_id, (least(ends_at, cancelled_at) AT TIME ZONE 'UTC')::date, 0, 1
      FROM new_rows WHERE cancelled_at IS NULL OR cancelled_at > starts_at
    ) e
    GROUP BY store_id, day HAVING sum(starts) <> 0 OR sum(stops) <> 0 ORDER BY store_id, day
    ON CONFLICT (store_id, day) DO UPDATE
      SET starts = membership_day_counts.starts + excluded.starts, stops = membership_day_counts.stops + excluded.stops;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "membership_day_counts_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE membership_day_counts;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "customer_memberships_insert_day_counts" AFTER INSERT ON "customer_memberships" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION membership_day_counts_follow();--> statement-breakpoint
CREATE TRIGGER "customer_memberships_update_day_counts" AFTER UPDATE ON "customer_memberships" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION membership_day_counts_follow();--> statement-breakpoint
CREATE TRIGGER "customer_memberships_delete_day_counts" AFTER DELETE ON "customer_memberships" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION membership_day_counts_follow();--> statement-breakpoint
CREATE TRIGGER "customer_memberships_truncate_day_counts" AFTER TRUNCATE ON "customer_memberships"
  FOR EACH STATEMENT EXECUTE FUNCTION membership_day_counts_truncated();--> statement-breakpoint
ALTER TABLE "customer_memberships" ENABLE ALWAYS TRIGGER "customer_memberships_insert_day_counts";--> statement-breakpoint
ALTER TABLE "customer_memberships" ENABLE ALWAYS TRIGGER "customer_memberships_update_day_counts";--> statement-breakpoint
ALTER TABLE "customer_memberships" ENABLE ALWAYS TRIGGER "customer_memberships_delete_day_counts";--> statement-breakpoint
ALTER TABLE "customer_memberships" ENABLE ALWAYS TRIGGER "customer_memberships_truncate_day_counts";--> statement-breakpoint
-- The memberships recorded before.
INSERT INTO membership_day_counts (store_id, day, starts, stops)
SELECT store_id, day, sum(starts), sum(stops) FROM (
  SELECT store_id, (starts_at AT TIME ZONE 'UTC')::date AS day, 1 AS starts, 0 AS stops
  FROM customer_memberships WHERE cancelled_at IS NULL OR cancelled_at > starts_at
  UNION ALL
  SELECT store_id, (least(ends_at, cancelled_at) AT TIME ZONE 'UTC')::date, 0, 1
  FROM customer_memberships WHERE cancelled_at IS NULL OR cancelled_at > starts_at
) e
GROUP BY store_id, day;
