import { jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { at, idRef } from "./columns";
import { stores } from "./stores";

// A dashboard aggregate too heavy to run on every view (one pass over every paid order), kept
// with the version of the data it was computed from (lib/dashboard/snapshots.ts: the latest
// score run for the customer-value charts, the count of order writes and the time zone for the
// monthly chart); a stale one is recomputed on the next view.
export const dashboardSnapshots = pgTable(
  "dashboard_snapshots",
  {
    storeId: idRef("store_id").notNull().references(() => stores.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    version: text("version").notNull(),
    data: jsonb("data").notNull(),
    computedAt: at("computed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.kind] })],
);
