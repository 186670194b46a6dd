import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Drizzle applies the migrations whose journal time is later than the newest one a database has
// recorded, and never looks at a migration again: one edited after a database ran it (or moved
// in time) is run a second time there, or never, and `npm start` fails on that merchant's data.
// So a migration that has landed is frozen. released.json holds each one's time and checksum;
// add a new migration to it once it lands (a new one not listed yet passes).
const dir = path.join(process.cwd(), "db", "migrations");
const journal = JSON.parse(fs.readFileSync(path.join(dir, "meta", "_journal.json"), "utf8")) as { entries: { idx: number; when: number; tag: string }[] };
const released = JSON.parse(fs.readFileSync(path.join(dir, "released.json"), "utf8")) as Record<string, { when: number; sha256: string }>;

describe("the migrations", () => {
  it("run in the order of their journal times", () => {
    const times = journal.entries.map((entry) => entry.when);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
  });

  it("that have landed are unchanged, at their journal times", () => {
    for (const [tag, { when, sha256 }] of Object.entries(released)) {
      const entry = journal.entries.find((e) => e.tag === tag);
      expect(entry?.when, tag).toBe(when);
      const sql = fs.readFileSync(path.join(dir, `${tag}.sql`));
      expect(createHash("sha256").update(sql).digest("hex"), `${tag}.sql`).toBe(sha256);
    }
  });
});
