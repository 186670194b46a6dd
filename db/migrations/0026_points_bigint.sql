-- A points entry is an order total × the earn rate × the tier multiplier: one large order at one
-- point a yuan (an order the API and imports accept, up to 10^13 minor units) passed the integer
-- range, and the recompute of the whole store then failed on every batch.
ALTER TABLE "points_entries" ALTER COLUMN "points" SET DATA TYPE bigint;