-- When a store's settings (name, currency, time zone) were last saved: the settings form sends
-- back the time it showed, and a save from a page drawn before another owner's is refused
-- (lib/stores/commands.ts). Stores that exist get the migration's time.
ALTER TABLE "stores" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;