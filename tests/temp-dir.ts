import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

/**
 * Makes directories under the system's temp folder, all removed when the enclosing suite (the
 * file, at its top level) ends. An embedded database in one is about 40 MB: left behind, a day of
 * test runs filled 8 GB of /tmp. Register before the hooks that close what lives in them, since
 * later-registered afterAll hooks run first.
 */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
