import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";

// Once per run, before any PostgreSQL test file: test files share the database.
export default async function migratePostgres() {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  await migrateDatabase();
  await closeDb();
}
