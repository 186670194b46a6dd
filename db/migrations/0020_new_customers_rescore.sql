-- Queues every new customer, so the recompute's queued scope, which reads everyone else's
-- metrics from customer_scores (lib/customers/recompute.ts), also scores a customer created
-- without an order, return, review or share. A statement trigger with a transition table, as
-- in 0016. ALWAYS: bulk writes run with session_replication_role = replica (db/bulk.ts).
CREATE FUNCTION "queue_new_customers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rescore_queue (store_id, customer_id)
  SELECT r.store_id, r.id FROM new_rows r JOIN stores s ON s.id = r.store_id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "customers_insert_rescore" AFTER INSERT ON "customers" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_new_customers();--> statement-breakpoint
ALTER TABLE "customers" ENABLE ALWAYS TRIGGER "customers_insert_rescore";--> statement-breakpoint
-- Customers created before this trigger and never scored since.
INSERT INTO rescore_queue (store_id, customer_id)
SELECT c.store_id, c.id FROM customers c
WHERE NOT EXISTS (SELECT 1 FROM customer_scores s WHERE s.store_id = c.store_id AND s.customer_id = c.id)
ON CONFLICT DO NOTHING;
