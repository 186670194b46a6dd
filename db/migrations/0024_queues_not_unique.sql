-- The rescore and co-purchase queues lose their unique keys. A recompute takes a store's queue
-- (deletes its rows) at its start and commits at its end; an insert of the same customer that
-- meets a deleted, uncommitted row under a unique key waits for that transaction to end, so an
-- order for a customer of the previous API batch waited for the whole recompute (and, with
-- points on, deadlocked with its settle). Keyed by an id of their own instead (store_id first,
-- as every store-owned key), nothing waits: a customer may stand in a queue more than once, and
-- its readers take each customer once (select distinct).
ALTER TABLE "rescore_queue" DROP CONSTRAINT "rescore_queue_store_id_customer_id_pk";--> statement-breakpoint
ALTER TABLE "co_purchase_queue" DROP CONSTRAINT "co_purchase_queue_store_id_customer_id_pk";--> statement-breakpoint
ALTER TABLE "rescore_queue" ADD COLUMN "id" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "rescore_queue_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "co_purchase_queue" ADD COLUMN "id" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "co_purchase_queue_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "rescore_queue" ADD CONSTRAINT "rescore_queue_store_id_id_pk" PRIMARY KEY("store_id","id");--> statement-breakpoint
ALTER TABLE "co_purchase_queue" ADD CONSTRAINT "co_purchase_queue_store_id_id_pk" PRIMARY KEY("store_id","id");--> statement-breakpoint
-- The queuing triggers of 0016, 0019 and 0020 as they are now: the same rows, without the
-- ON CONFLICT that no key answers any more.
CREATE OR REPLACE FUNCTION "queue_rescore"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO rescore_queue (store_id, customer_id)
    SELECT DISTINCT r.store_id, r.customer_id FROM new_rows r JOIN stores s ON s.id = r.store_id;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO rescore_queue (store_id, customer_id)
    SELECT r.store_id, r.customer_id FROM new_rows r JOIN stores s ON s.id = r.store_id
    UNION
    SELECT r.store_id, r.customer_id FROM old_rows r JOIN stores s ON s.id = r.store_id;
  ELSE
    INSERT INTO rescore_queue (store_id, customer_id)
    SELECT DISTINCT r.store_id, r.customer_id FROM old_rows r JOIN stores s ON s.id = r.store_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "queue_new_customers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rescore_queue (store_id, customer_id)
  SELECT r.store_id, r.id FROM new_rows r JOIN stores s ON s.id = r.store_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "queue_baskets"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'order_items' THEN
    IF TG_OP = 'DELETE' THEN
      INSERT INTO co_purchase_queue (store_id, customer_id)
      SELECT DISTINCT o.store_id, o.customer_id FROM (SELECT DISTINCT store_id, order_id FROM old_rows) r
      JOIN orders o ON o.store_id = r.store_id AND o.id = r.order_id JOIN stores s ON s.id = r.store_id;
    ELSE
      INSERT INTO co_purchase_queue (store_id, customer_id)
      SELECT DISTINCT o.store_id, o.customer_id FROM (SELECT DISTINCT store_id, order_id FROM new_rows) r
      JOIN orders o ON o.store_id = r.store_id AND o.id = r.order_id JOIN stores s ON s.id = r.store_id;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO co_purchase_queue (store_id, customer_id)
    SELECT DISTINCT r.store_id, r.customer_id FROM new_rows r JOIN stores s ON s.id = r.store_id;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO co_purchase_queue (store_id, customer_id)
    SELECT c.store_id, c.customer_id
    FROM new_rows n JOIN old_rows o ON o.store_id = n.store_id AND o.id = n.id JOIN stores s ON s.id = n.store_id
    CROSS JOIN LATERAL (VALUES (n.store_id, n.customer_id), (o.store_id, o.customer_id)) AS c(store_id, customer_id)
    WHERE (n.customer_id, n.placed_at, n.status) IS DISTINCT FROM (o.customer_id, o.placed_at, o.status)
    GROUP BY c.store_id, c.customer_id;
  ELSE
    INSERT INTO co_purchase_queue (store_id, customer_id)
    SELECT DISTINCT r.store_id, r.customer_id FROM old_rows r JOIN stores s ON s.id = r.store_id;
  END IF;
  RETURN NULL;
END $$;
