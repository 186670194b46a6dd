// Gives each database test file its own database: a fresh in-memory PGlite served over the
// wire protocol (the same path the app uses), or the PostgreSQL of TEST_DATABASE_URL, which
// test files share (they create stores with unique slugs, so they never see each other's rows).
import { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { pgliteWireServer } from "@/db/pglite-wire";

let server: PGLiteSocketServer | undefined;
let pglite: PGlite | undefined;

beforeAll(async () => {
  if (process.env.LAOKE_TEST_BACKEND === "postgres") {
    process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    return; // migrated once by tests/migrate-postgres.ts
  }
  pglite = await PGlite.create();
  server = pgliteWireServer(pglite, { maxConnections: 100 });
  await server.start();
  process.env.DATABASE_URL = `postgres://postgres@${server.getServerConn()}/postgres`;
  await migrateDatabase();
});

afterAll(async () => {
  await closeDb();
  await server?.stop();
  await pglite?.close();
});
