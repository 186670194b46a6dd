import { openEmbeddedServer, runningEmbeddedServerUrl, type EmbeddedServer } from "./embedded";
import { closeDb } from "./index";
import { migrateDatabase } from "./migrate";

export interface Connection {
  /** Where the database was found, for the log line. */
  description: string;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

/**
 * Points this process at its database (sets DATABASE_URL) and migrates it:
 * DATABASE_URL when set; otherwise the embedded database, through the process that already
 * serves it when there is one (the running app), or opened and served here (to other processes
 * too unless `keepEmbedded`: a command keeps it to itself).
 */
export async function connectDatabase(dataDir: string, options: { mustOwnEmbedded?: boolean; keepEmbedded?: boolean } = {}): Promise<Connection> {
  let embedded: EmbeddedServer | null = null;
  let description: string;
  if (process.env.DATABASE_URL) {
    description = `PostgreSQL at ${new URL(process.env.DATABASE_URL).host}`;
  } else {
    const running = options.mustOwnEmbedded ? null : runningEmbeddedServerUrl(dataDir);
    if (running) {
      process.env.DATABASE_URL = running;
      description = `embedded database in ${dataDir}, through the running app`;
    } else {
      embedded = await openEmbeddedServer(dataDir, { share: !options.keepEmbedded });
      process.env.DATABASE_URL = embedded.url;
      description = `embedded database in ${dataDir}`;
    }
  }
  try {
    await migrateDatabase();
  } catch (error) {
    await closeDb();
    await embedded?.close();
    throw error;
  }
  return {
    description,
    embedded,
    async close() {
      await closeDb();
      await embedded?.close();
    },
  };
}
