-- The products page and the product pickers list a store's products by name, a page at a time:
-- without this index every load read and sorted the whole catalogue (about 1 s at 30,000 products).
CREATE INDEX "products_store_name_idx" ON "products" USING btree ("store_id","name","id");
