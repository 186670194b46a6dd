-- A reversal of an order's points now carries the expiry of the points it takes back, so expiry
-- counts it against that order's points alone (lib/points/settle.ts, expiryLedger). The
-- reversals written before get their order's expiry here.
UPDATE "points_entries" r SET "expires_at" = e."expires_at"
FROM "points_entries" e
WHERE r."kind" = 'reversal' AND r."order_id" IS NOT NULL
  AND e."store_id" = r."store_id" AND e."order_id" = r."order_id" AND e."kind" = 'earn'
  AND e."expires_at" IS NOT NULL;
