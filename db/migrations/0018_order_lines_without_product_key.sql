-- Order lines keep no foreign key to products, and lose the index only its delete check needed:
-- products are never deleted, no read finds lines by product, and keeping the index up to date
-- was a third of inserting a large file's lines (db/schema/orders.ts).
ALTER TABLE "order_items" DROP CONSTRAINT "order_items_store_id_product_id_products_store_id_id_fk";
--> statement-breakpoint
DROP INDEX "order_items_product_idx";