// Gives each database test file its own database: a fresh in-memory PGlite served over the
// wire protocol (the same path the app uses), or the PostgreSQL of TEST_DATABASE_URL, which
// test files share (they create stores with unique slugs, so they never see each other's rows).
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, expect } from "vitest";
import { closeDb } from "@/db";
import { pgliteExtensions } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { servePglite, type WireServer } from "@/db/pglite-wire";

let server: WireServer | undefined;
let pglite: PGlite | undefined;

// Two queries sent at once on one connection (a Promise.all inside a transaction) only work
// because node-postgres queues the second, which it warns it will stop doing: such code fails
// the file that ran it. Node gives the warning once a process, so a file may run clean after
// another has shown it: the first one to run it is the one that fails.
const overlapping: string[] = [];
const noteOverlap = (warning: Error) => {
  if (warning.message.includes("already executing a query")) overlapping.push(warning.stack ?? warning.message);
};
process.on("warning", noteOverlap);

beforeAll(async () => {
  if (process.env.LAOKE_TEST_BACKEND === "postgres") {
    process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    return; // migrated once by tests/migrate-postgres.ts
  }
  pglite = await PGlite.create({ extensions: pgliteExtensions });
  server = await servePglite(pglite, { maxConnections: 100 });
  process.env.DATABASE_URL = server.url;
  await migrateDatabase();
});

afterAll(async () => {
  process.off("warning", noteOverlap);
  expect(overlapping, "queries sent at once on one connection").toEqual([]);
  await closeDb();
  await server?.close();
  await pglite?.close();
});
