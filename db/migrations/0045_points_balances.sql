CREATE TABLE "points_balances" (
	"store_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"balance" numeric NOT NULL,
	"debits" numeric NOT NULL,
	"due_at" timestamp with time zone,
	"writes" bigint NOT NULL,
	CONSTRAINT "points_balances_store_id_customer_id_pk" PRIMARY KEY("store_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "points_balances" ADD CONSTRAINT "points_balances_store_id_customer_id_customers_store_id_id_fk" FOREIGN KEY ("store_id","customer_id") REFERENCES "public"."customers"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "points_balances_due_idx" ON "points_balances" USING btree ("store_id","due_at");--> statement-breakpoint
-- Each customer's ledger summed, for the store's outstanding points (the members page, the
-- owner's dashboard), which summed every entry of the store: 0.3–1 s at 940,000 entries. Kept
-- by statement triggers with transition tables, as in 0016, so every writer of entries keeps it
-- in the same statement; ALWAYS, as bulk writes run with session_replication_role = replica.
-- balance and debits are added to; due_at, from when some points may be past their expiry and
-- not written off (lib/points/settle.ts), only moves earlier here: to an added entry's expiry
-- when it adds points that expire, to -infinity when it lowers the debits (a return's restore
-- without an order), and on an update or delete (none is written today), where the ledger must
-- be read again; a truncate empties it. writes counts the entries written, so that the
-- recompute's later change of due_at from a read of the ledger is kept only if none was written
-- meanwhile.
CREATE FUNCTION "points_balances_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    -- An update, not an insert: a customer deleted takes their entries and their row with them.
    UPDATE points_balances b SET
      balance = b.balance - o.balance,
      debits = b.debits - o.debits,
      due_at = '-infinity',
      writes = b.writes + o.n
    FROM (SELECT store_id, customer_id, sum(points) AS balance, count(*) AS n,
                 -coalesce(sum(points) filter (where order_id is null and (points < 0 or return_id is not null)), 0) AS debits
          FROM old_rows GROUP BY store_id, customer_id) o
    WHERE b.store_id = o.store_id AND b.customer_id = o.customer_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO points_balances (store_id, customer_id, balance, debits, due_at, writes)
    SELECT store_id, customer_id, sum(points),
           -coalesce(sum(points) filter (where order_id is null and (points < 0 or return_id is not null)), 0),
           min(case when points <= 0 then null
                    when order_id is null and return_id is not null then '-infinity'
                    else expires_at end),
           count(*)
    FROM new_rows GROUP BY store_id, customer_id
    ON CONFLICT (store_id, customer_id) DO UPDATE SET
      balance = points_balances.balance + excluded.balance,
      debits = points_balances.debits + excluded.debits,
      due_at = least(points_balances.due_at, excluded.due_at),
      writes = points_balances.writes + excluded.writes;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "points_balances_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE points_balances;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "points_entries_truncate_balances" AFTER TRUNCATE ON "points_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION points_balances_truncated();--> statement-breakpoint
CREATE TRIGGER "points_entries_insert_balances" AFTER INSERT ON "points_entries" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION points_balances_follow();--> statement-breakpoint
CREATE TRIGGER "points_entries_update_balances" AFTER UPDATE ON "points_entries" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION points_balances_follow();--> statement-breakpoint
CREATE TRIGGER "points_entries_delete_balances" AFTER DELETE ON "points_entries" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION points_balances_follow();--> statement-breakpoint
ALTER TABLE "points_entries" ENABLE ALWAYS TRIGGER "points_entries_insert_balances";--> statement-breakpoint
ALTER TABLE "points_entries" ENABLE ALWAYS TRIGGER "points_entries_update_balances";--> statement-breakpoint
ALTER TABLE "points_entries" ENABLE ALWAYS TRIGGER "points_entries_delete_balances";--> statement-breakpoint
ALTER TABLE "points_entries" ENABLE ALWAYS TRIGGER "points_entries_truncate_balances";--> statement-breakpoint
-- The ledgers written before: their sums, and when each customer's points may first be past
-- their expiry and not written off (the first expiry at which what expired by then outgrows
-- the debits; -infinity when the debits alone are below zero), as lib/points/settle.ts's
-- pointsDue reckons it.
INSERT INTO points_balances (store_id, customer_id, balance, debits, due_at, writes)
WITH per_expiry AS (
  SELECT store_id, customer_id, expires_at, sum(points) AS points, count(*) AS n,
         coalesce(sum(points) filter (where order_id is null and (points < 0 or return_id is not null)), 0) AS debit_points
  FROM points_entries GROUP BY store_id, customer_id, expires_at
), running AS (
  SELECT *, sum(debit_points) OVER (PARTITION BY store_id, customer_id) AS less_debits,
         sum(points) FILTER (WHERE expires_at IS NOT NULL) OVER (PARTITION BY store_id, customer_id ORDER BY expires_at ROWS UNBOUNDED PRECEDING) AS expired_by
  FROM per_expiry
)
SELECT store_id, customer_id, sum(points), -min(less_debits),
       CASE WHEN min(less_debits) > 0 THEN '-infinity'::timestamptz
            ELSE min(expires_at) FILTER (WHERE expired_by + less_debits > 0) END,
       sum(n)
FROM running GROUP BY store_id, customer_id;
