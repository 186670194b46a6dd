CREATE TABLE "order_writes" (
	"store_id" bigint PRIMARY KEY NOT NULL,
	"writes" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "co_purchase_refreshes" ADD COLUMN "built_at_order_writes" bigint;--> statement-breakpoint
ALTER TABLE "order_writes" ADD CONSTRAINT "order_writes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_purchase_refreshes" DROP COLUMN "orders_fingerprint";--> statement-breakpoint
-- Counts the statements that write a store's orders or order lines (db/schema/orders.ts).
-- Statement triggers with transition tables: one upsert per statement and store, however many
-- rows it wrote, so an import of half a million lines pays a few milliseconds, not a call a row.
-- The join with stores skips a store being deleted (its orders go with it). PostgreSQL allows a
-- transition table only on a one-event trigger, hence three a table. ALWAYS: bulk writes turn
-- foreign-key checks off with session_replication_role = replica (db/bulk.ts), which skips
-- ordinary triggers, and these counts must not be skipped. drizzle-kit does not model triggers,
-- so they are written here by hand.
CREATE FUNCTION "count_order_writes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO order_writes AS w (store_id, writes)
  SELECT DISTINCT r.store_id, 1 FROM changed_rows r JOIN stores s ON s.id = r.store_id
  ON CONFLICT (store_id) DO UPDATE SET writes = w.writes + 1;
  RETURN NULL;
END $$;--> statement-breakpoint
DO $$
DECLARE
  t text;
  e text;
BEGIN
  FOREACH t IN ARRAY ARRAY['orders', 'order_items'] LOOP
    FOREACH e IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed_rows '
                     'FOR EACH STATEMENT EXECUTE FUNCTION count_order_writes()',
                     t || '_' || lower(e) || '_counted', e, t, CASE e WHEN 'DELETE' THEN 'OLD' ELSE 'NEW' END);
      EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t, t || '_' || lower(e) || '_counted');
    END LOOP;
  END LOOP;
END $$;
