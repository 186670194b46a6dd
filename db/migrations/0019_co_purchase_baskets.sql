CREATE TABLE "co_purchase_baskets" (
	"store_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"product_id" bigint NOT NULL,
	"counted" boolean NOT NULL,
	CONSTRAINT "co_purchase_baskets_store_id_customer_id_product_id_pk" PRIMARY KEY("store_id","customer_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "co_purchase_queue" (
	"store_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	CONSTRAINT "co_purchase_queue_store_id_customer_id_pk" PRIMARY KEY("store_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "co_purchase_refreshes" ADD COLUMN "settings" text;--> statement-breakpoint
ALTER TABLE "co_purchase_baskets" ADD CONSTRAINT "co_purchase_baskets_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_purchase_queue" ADD CONSTRAINT "co_purchase_queue_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "co_purchase_baskets_product_idx" ON "co_purchase_baskets" USING btree ("store_id","product_id","customer_id");--> statement-breakpoint
ALTER TABLE "co_purchase_refreshes" DROP COLUMN "baskets_fingerprint";--> statement-breakpoint
-- Queues the customers whose baskets an order or order line write may have changed, so the
-- co-purchase refresh takes only their baskets again (lib/recommendations/co-purchases.ts).
-- Statement triggers with transition tables, as in 0011 and 0016: one insert per statement. An
-- order update queues its old and new customer, and only when what a basket is made of changed
-- (customer, time, status). An order line is its order's customer's. The join with stores skips
-- a store being deleted. ALWAYS: bulk writes run with session_replication_role = replica.
CREATE FUNCTION "queue_baskets"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'order_items' THEN
    IF TG_OP = 'DELETE' THEN
      INSERT INTO co_purchase_queue (store_id, customer_id)
      SELECT DISTINCT o.store_id, o.customer_id FROM (SELECT DISTINCT store_id, order_id FROM old_rows) r
      JOIN orders o ON o.store_id = r.store_id AND o.id = r.order_id JOIN stores s ON s.id = r.store_id
      ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO co_purchase_queue (store_id, customer_id)
      SELECT DISTINCT o.store_id, o.customer_id FROM (SELECT DISTINCT store_id, order_id FROM new_rows) r
      JOIN orders o ON o.store_id = r.store_id AND o.id = r.order_id JOIN stores s ON s.id = r.store_id
      ON CONFLICT DO NOTHING;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO co_purchase_queue (store_id, customer_id)
    SELECT DISTINCT r.store_id, r.customer_id FROM new_rows r JOIN stores s ON s.id = r.store_id
    ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO co_purchase_queue (store_id, customer_id)
    SELECT c.store_id, c.customer_id
    FROM new_rows n JOIN old_rows o ON o.store_id = n.store_id AND o.id = n.id JOIN stores s ON s.id = n.store_id
    CROSS JOIN LATERAL (VALUES (n.store_id, n.customer_id), (o.store_id, o.customer_id)) AS c(store_id, customer_id)
    WHERE (n.customer_id, n.placed_at, n.status) IS DISTINCT FROM (o.customer_id, o.placed_at, o.status)
    GROUP BY c.store_id, c.customer_id
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO co_purchase_queue (store_id, customer_id)
    SELECT DISTINCT r.store_id, r.customer_id FROM old_rows r JOIN stores s ON s.id = r.store_id
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['orders', 'order_items'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION queue_baskets()', t || '_insert_baskets', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION queue_baskets()', t || '_update_baskets', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION queue_baskets()', t || '_delete_baskets', t);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t, t || '_insert_baskets');
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t, t || '_update_baskets');
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t, t || '_delete_baskets');
  END LOOP;
END $$;
