import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this file: it reads the schema and writes SQL migrations,
// it never connects to a database. Migrations are applied by db/migrate.ts at start-up.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
