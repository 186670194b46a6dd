-- A dispute's history is append-only (PRODUCT.md §6): no UPDATE ever, and no DELETE except the
-- cascade of a dispute or store being deleted (pg_trigger_depth() > 1: the foreign key's own
-- trigger is the caller).
CREATE OR REPLACE FUNCTION dispute_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR pg_trigger_depth() <= 1 THEN
    RAISE EXCEPTION 'dispute history is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dispute_events_append_only BEFORE UPDATE OR DELETE ON "dispute_events"
  FOR EACH ROW EXECUTE FUNCTION dispute_events_append_only();
--> statement-breakpoint
CREATE TRIGGER dispute_events_no_truncate BEFORE TRUNCATE ON "dispute_events"
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_events_append_only();
