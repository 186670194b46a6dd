-- External ids are now stored NFKC and names NFC (lib/validation/text.ts), on every way in, and
-- looked up NFKC: a full-width '１７８５０' typed in a Chinese IME is the ERP's '17850'. This brings
-- the rows written before in line, so that a lookup finds them.
--
-- An id whose NFKC form another row of its store already holds (or that two rows both normalise
-- to) is LEFT AS IT IS: renaming it would break the unique key, and merging two customers or
-- orders is the merchant's call, not a migration's. Such a row keeps its old id; the README says
-- how to find them. Nothing is done on a database whose encoding is not UTF8 (normalize() needs it).
DO $$
DECLARE
  t text;
BEGIN
  IF current_setting('server_encoding') <> 'UTF8' THEN
    RETURN;
  END IF;
  FOREACH t IN ARRAY ARRAY['customers', 'products', 'orders', 'returns', 'reviews', 'shares'] LOOP
    EXECUTE format($sql$
      WITH candidates AS (
        SELECT "store_id", "id", btrim(normalize("external_id", NFKC)) AS target
        FROM %1$I WHERE "external_id" IS NOT NFKC NORMALIZED
      ), lone AS (
        SELECT c."store_id", c."id", c.target FROM candidates c
        WHERE c.target <> ''
          AND NOT EXISTS (SELECT 1 FROM candidates d WHERE d."store_id" = c."store_id" AND d.target = c.target AND d."id" <> c."id")
          AND NOT EXISTS (SELECT 1 FROM %1$I o WHERE o."store_id" = c."store_id" AND o."external_id" = c.target)
      )
      UPDATE %1$I r SET "external_id" = lone.target FROM lone WHERE r."store_id" = lone."store_id" AND r."id" = lone."id"
    $sql$, t);
  END LOOP;
  UPDATE "customers" SET "name" = normalize("name", NFC) WHERE "name" IS NOT NFC NORMALIZED;
  UPDATE "products" SET "name" = normalize("name", NFC) WHERE "name" IS NOT NFC NORMALIZED;
END
$$;
