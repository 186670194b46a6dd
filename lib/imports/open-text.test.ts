import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeGzipBomb } from "@/tests/gzip-bomb";
import { tempDirs } from "@/tests/temp-dir";
import { openText, UnpackedTooLarge } from "./open-text";

const tempDir = tempDirs("laoke-open-text-");

async function readAll(file: string, max: number): Promise<{ bytes: number; error: unknown }> {
  let bytes = 0;
  try {
    for await (const chunk of (await openText(file, max)) as AsyncIterable<Buffer>) bytes += chunk.length;
    return { bytes, error: null };
  } catch (error) {
    return { bytes, error };
  }
}

describe("openText", () => {
  it("stops a gzip file that unpacks past the cap, with memory flat, and reads one under it whole", async () => {
    const dir = tempDir();
    const bomb = path.join(dir, "bomb.csv.gz");
    // 256 MiB of zeros in a file of about 250 KB.
    const compressed = await writeGzipBomb(bomb, 256 * 1024 * 1024);
    expect(compressed).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    const capped = await readAll(bomb, 8 * 1024 * 1024);
    expect(capped.error).toBeInstanceOf(UnpackedTooLarge);
    expect((capped.error as UnpackedTooLarge).max).toBe(8 * 1024 * 1024);
    expect(capped.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    // Nothing like the 256 MiB it would unpack to was held.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);

    const small = path.join(dir, "small.csv.gz");
    await writeGzipBomb(small, 100_000, { head: "a,b\n", fill: "1,2\n" });
    expect(await readAll(small, 100_000)).toEqual({ bytes: 100_000, error: null });
  });

  it("reads a plain file as it is, uncapped (the upload limit bounds it)", async () => {
    const file = path.join(tempDir(), "plain.csv");
    fs.writeFileSync(file, "x".repeat(5000));
    expect(await readAll(file, 1024)).toEqual({ bytes: 5000, error: null });
  });
});
