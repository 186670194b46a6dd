import { jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { at, idRef } from "./columns";
import { stores } from "./stores";

// A dashboard aggregate too heavy to run on every view (one pass over every paid order), kept
// with the version of the data it was computed from. The store's data changes only through
// ingest batches, which end in a recompute, so the latest score run, the newest order and the
// store's time zone together say whether it is still current; a stale one is recomputed on the
// next view.
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
