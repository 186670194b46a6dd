import path from "node:path";
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  LAOKE_DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Next.js server processes behind the port (default: one with the embedded database, else one a
  // core, at most two; scripts/web-servers.ts).
  LAOKE_WEB_SERVERS: z.coerce.number().int().min(1).max(64).optional(),
  // Connections each process keeps open to the database (db/index.ts).
  LAOKE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  // Requests to /api/v1 with a larger body are refused with 413 before they are parsed.
  LAOKE_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  // API requests a store may make a second, in each web server (twice that at once); 0: no limit.
  LAOKE_API_RATE_PER_SECOND: z.coerce.number().min(0).default(100),
  // Largest CSV file an import accepts (plain or gzip, as sent).
  LAOKE_MAX_IMPORT_BYTES: z.coerce.number().int().min(1024).default(512 * 1024 * 1024),
  // Most bytes a gzip import may unpack to: a small file can unpack to gigabytes.
  LAOKE_MAX_UNPACKED_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024 * 1024),
  // Failed sign-ins allowed per 15 minutes: per account, and per client address (higher,
  // since a shop's staff often share one office address).
  LAOKE_LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LAOKE_LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(50),
  // Largest evidence file of a dispute, and where evidence is kept (default <data dir>/evidence).
  LAOKE_EVIDENCE_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  LAOKE_EVIDENCE_DIR: z.string().min(1).optional(),
  // The directory `npm run` was typed in: npm starts a script in the package's folder.
  INIT_CWD: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export function dataDir(source: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(readEnv(source).LAOKE_DATA_DIR);
}

/**
 * A path the person typed on the command line (`laoke import --file orders.csv`), made absolute
 * against the directory they typed it in: `npm run laoke` runs in the package's folder, and from a
 * subdirectory (or with `npm --prefix`) the file was looked for there and "not found".
 */
export function resolveTypedPath(typed: string, source: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(readEnv(source).INIT_CWD ?? process.cwd(), typed);
}

/** Where dispute evidence files are kept: never under public/, only served by a checked route. */
export function evidenceDir(source: NodeJS.ProcessEnv = process.env): string {
  const env = readEnv(source);
  const dir = env.LAOKE_EVIDENCE_DIR ?? path.join(env.LAOKE_DATA_DIR, "evidence");
  // Files written at run time, in a directory the deployment chooses: none of them is part of
  // the build. Unmarked, Turbopack could not tell where this path leads and traced the whole
  // project (source, public/, data/) into every server route that reaches it.
  return path.resolve(/* turbopackIgnore: true */ dir);
}
