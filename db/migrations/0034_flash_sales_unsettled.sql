-- Every read of a product's stock (the products page and picker, a new or edited sale's check, a
-- product upsert, recommendations) first gives back the units of sales that ended on their own
-- (lib/flash-sales/settle.ts), and asks whether any is due. The sales not settled yet are few
-- (those open or to come): this index holds them alone, so that question reads a handful of
-- entries rather than every sale the store ever ran.
CREATE INDEX "flash_sales_unsettled_idx" ON "flash_sales" USING btree ("store_id","ends_at") WHERE "flash_sales"."settled_at" is null;