import fs from "node:fs";

/**
 * Creates the data directory (the embedded database, evidence files, the sign-in secret) when it
 * is missing, makes it its owner's alone (PGlite writes its files readable and writable by
 * everyone, 0666, and the lock file holds the embedded server's password) and checks it can be
 * written. A path through a file, or one this user may not write, otherwise surfaced as Node's
 * bare "ENOTDIR: not a directory, mkdir …".
 */
export function ensureDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw new Error(
      `Cannot use ${dir} as the data directory (${(error as Error).message}). Set LAOKE_DATA_DIR to a directory this user can write.`,
      { cause: error },
    );
  }
}
