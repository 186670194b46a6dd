import fs from "node:fs";
import { Transform, type Readable } from "node:stream";
import zlib from "node:zlib";

/** A gzip file that unpacks to more than the limit: a "zip bomb", or simply a file too large to import. */
export class UnpackedTooLarge extends Error {
  constructor(readonly max: number) {
    super(`The file unpacks to more than ${max} bytes.`);
  }
}

/**
 * Passes the bytes through, failing once more than `max` have come. A gzip file of a few hundred
 * kilobytes can unpack to gigabytes: the upload limit bounds what is sent, not what it becomes,
 * and without this an import (and the row count beside it) read on for as long as the bytes came.
 */
function capBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max) return done(new UnpackedTooLarge(max));
      done(null, chunk);
    },
  });
}

/**
 * Opens a plain or gzip file (told apart by its first bytes) as a stream of bytes; a gzip file's
 * unpacked bytes are capped at `maxUnpacked`. Streamed, so memory stays flat whatever the size.
 */
export async function openText(path: string, maxUnpacked: number): Promise<Readable> {
  const handle = await fs.promises.open(path, "r");
  const head = Buffer.alloc(2);
  await handle.read(head, 0, 2, 0);
  await handle.close();
  const file = fs.createReadStream(path);
  if (head[0] !== 0x1f || head[1] !== 0x8b) return file;
  // Unpacked in chunks as large as the file's reads (zlib's default is 16 KB): each chunk costs
  // a callback and a pass through every stream after it, a quarter as many of them.
  const gunzip = zlib.createGunzip({ chunkSize: 64 * 1024 });
  const capped = capBytes(maxUnpacked);
  // pipe() does not pass errors on: a damaged file's zlib error is the reader's to see.
  file.on("error", (error) => capped.destroy(error));
  gunzip.on("error", (error) => capped.destroy(error));
  // Once the cap is hit, nothing more is unpacked.
  capped.on("close", () => {
    gunzip.destroy();
    file.destroy();
  });
  return file.pipe(gunzip).pipe(capped);
}
