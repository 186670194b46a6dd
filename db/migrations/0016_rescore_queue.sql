CREATE TABLE "rescore_queue" (
	"store_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	CONSTRAINT "rescore_queue_store_id_customer_id_pk" PRIMARY KEY("store_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "rescore_queue" ADD CONSTRAINT "rescore_queue_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_placed_idx" ON "orders" USING btree ("store_id","placed_at");--> statement-breakpoint
CREATE INDEX "returns_requested_idx" ON "returns" USING btree ("store_id","requested_at");--> statement-breakpoint
CREATE INDEX "reviews_created_idx" ON "reviews" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "shares_shared_idx" ON "shares" USING btree ("store_id","shared_at");--> statement-breakpoint
-- Queues the customers of every row written to orders, returns, reviews or shares (both the
-- old and the new customer of an update), so the recompute aggregates only their raw rows
-- again (lib/customers/recompute.ts). Statement triggers with transition tables, as in 0011:
-- one insert per statement, however many rows it wrote. The join with stores skips a store
-- being deleted. ALWAYS: bulk writes run with session_replication_role = replica (db/bulk.ts).
CREATE FUNCTION "queue_rescore"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO rescore_queue (store_id, customer_id)
    SELECT DISTINCT r.store_id, r.customer_id FROM new_rows r JOIN stores s ON s.id = r.store_id
    ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO rescore_queue (store_id, customer_id)
    SELECT r.store_id, r.customer_id FROM new_rows r JOIN stores s ON s.id = r.store_id
    UNION
    SELECT r.store_id, r.customer_id FROM old_rows r JOIN stores s ON s.id = r.store_id
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO rescore_queue (store_id, customer_id)
    SELECT DISTINCT r.store_id, r.customer_id FROM old_rows r JOIN stores s ON s.id = r.store_id
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
DO $$
DECLARE
  t text;
  e text;
BEGIN
  FOREACH t IN ARRAY ARRAY['orders', 'returns', 'reviews', 'shares'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION queue_rescore()', t || '_insert_rescore', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION queue_rescore()', t || '_update_rescore', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION queue_rescore()', t || '_delete_rescore', t);
    FOREACH e IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
      EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t, t || '_' || e || '_rescore');
    END LOOP;
  END LOOP;
END $$;
--> statement-breakpoint
-- Rows written before these triggers were never queued: every store's next recompute reads everything.
INSERT INTO rescore_queue (store_id, customer_id) SELECT store_id, id FROM customers;
