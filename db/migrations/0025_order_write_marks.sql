CREATE TABLE "order_write_marks" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "order_write_marks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	CONSTRAINT "order_write_marks_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
ALTER TABLE "order_write_marks" ADD CONSTRAINT "order_write_marks_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The order write count of 0011, marked instead of added up: a statement that writes a store's
-- orders or order lines inserts a row, and no longer updates the store's order_writes row, whose
-- lock held every other writer of the store's orders (an API batch behind an import's merge)
-- until it committed. The count is order_writes.writes plus the marks (db/order-writes.ts).
CREATE OR REPLACE FUNCTION "count_order_writes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO order_write_marks (store_id)
  SELECT DISTINCT r.store_id FROM changed_rows r JOIN stores s ON s.id = r.store_id;
  RETURN NULL;
END $$;
