import { bigint, timestamp } from "drizzle-orm/pg-core";

// Ids are bigint identities read as JS numbers: they stay far below 2^53.
export const id = () => bigint("id", { mode: "number" }).generatedAlwaysAsIdentity();
export const idRef = (name: string) => bigint(name, { mode: "number" });
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const createdAt = () => at("created_at").notNull().defaultNow();
