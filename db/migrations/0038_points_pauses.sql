-- Switching points off and on again no longer moves earn_from past the orders placed before
-- (lib/points/rules.ts): the pause is kept instead, and only orders placed during it earn
-- nothing. A store off today has no off_since (when it was switched off is not known; its
-- updated_at may be a later edit): switched on again, it moves earn_from as before.
ALTER TABLE "points_rules" ADD COLUMN "off_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "points_rules" ADD COLUMN "paused" jsonb DEFAULT '[]'::jsonb NOT NULL;
