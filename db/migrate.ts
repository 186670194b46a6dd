import path from "node:path";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { getDb } from "./index";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Applies the committed drizzle-kit migrations; a no-op when the database is up to date. */
export async function migrateDatabase(): Promise<void> {
  await migrate(getDb(), { migrationsFolder });
}
