import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";

/**
 * Writes a gzip file that unpacks to `unpackedBytes` bytes: `head`, then `fill` repeated (ASCII
 * zeros by default). Streamed through zlib, so a test can make a file that unpacks to gigabytes
 * without holding it, and none is ever committed. Returns the compressed size.
 */
export async function writeGzipBomb(file: string, unpackedBytes: number, { head = "", fill = "0" } = {}): Promise<number> {
  const block = Buffer.from(fill.repeat(Math.max(1, Math.floor(65_536 / fill.length))));
  async function* bytes() {
    const first = Buffer.from(head);
    yield first;
    for (let left = unpackedBytes - first.length; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
  }
  await pipeline(Readable.from(bytes()), zlib.createGzip({ level: 9 }), fs.createWriteStream(file));
  return fs.statSync(file).size;
}
