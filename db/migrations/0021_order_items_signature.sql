ALTER TABLE "orders" ADD COLUMN "items_signature" bigint;--> statement-breakpoint
-- The stored orders' signatures, as lib/imports/merge.ts computes them from a file's lines, so
-- the next import of orders the store has already finds the unchanged ones unchanged.
UPDATE "orders" o SET "items_signature" = s.signature
FROM (
  SELECT i.store_id, i.order_id,
         (sum(hashtextextended(concat_ws(':', p.external_id, i.quantity, i.unit_price), 0)) % 9223372036854775807)::bigint AS signature
  FROM "order_items" i
  JOIN "products" p ON p.store_id = i.store_id AND p.id = i.product_id
  GROUP BY i.store_id, i.order_id
) s
WHERE o.store_id = s.store_id AND o.id = s.order_id;
