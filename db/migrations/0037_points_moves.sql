-- An order (or a return) now of another customer moves its points: move_out takes them off the
-- customer who had them, move_in gives them to the one it is now of (lib/points/settle.ts).
ALTER TYPE "public"."points_entry_kind" ADD VALUE 'move_out';--> statement-breakpoint
ALTER TYPE "public"."points_entry_kind" ADD VALUE 'move_in';
