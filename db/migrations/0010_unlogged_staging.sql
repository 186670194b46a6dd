-- Staging (db/schema/imports.ts) is scratch space: rows are written once while a file streams in,
-- read whole by the merge, then deleted. No WAL for it: a crash truncates these tables, and an
-- interrupted import is failed and run again anyway. drizzle-kit does not model UNLOGGED, so it
-- is set here by hand and stays out of the snapshots.
ALTER TABLE "staged_order_lines" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "staged_returns" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "staged_reviews" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "staged_shares" SET UNLOGGED;
