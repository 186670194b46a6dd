import { pipeline, Transform, type Readable } from "node:stream";
import Papa from "papaparse";
import { reason, type Localizable } from "./reasons";

/** A file that is not readable CSV; `row` is the record (1 = the header) where reading stopped. */
export class CsvUnreadable extends Error {
  constructor(
    readonly reason: Localizable,
    readonly row: number,
  ) {
    super(reason.message);
  }
}

/**
 * A file that is not text at all (a workbook, an image, UTF-16): refused with one message that
 * says what it is, where reading it as UTF-8 reported a line of it, or a header of garbage with
 * every column missing.
 */
export class NotCsvText extends Error {
  constructor(readonly reason: Localizable) {
    super(reason.message);
  }
}

/** How many first bytes are looked at to tell text from a file of another kind. */
const SNIFF_BYTES = 8192;

/**
 * The first bytes of files that are not text however their first kilobytes read: a PDF's are
 * lines of text up to its first compressed stream, and an image's or an archive's first chunk
 * can hold few control characters. Read as CSV their line breaks were rows, each refused.
 */
const BINARY_SIGNATURES: readonly RegExp[] = [
  /^%PDF-/,
  /^\x89PNG\r\n\x1a\n/,
  /^GIF8[79]a/,
  /^\xff\xd8\xff/, // JPEG
  /^RIFF[^]{4}(WEBP|WAVE|AVI )/,
  /^Rar!\x1a\x07/,
  /^7z\xbc\xaf\x27\x1c/,
  /^BZh[1-9]1AY&SY/, // bzip2
  /^\xfd7zXZ\x00/, // xz
  /^\x28\xb5\x2f\xfd/, // zstd
  /^ID3[\x02-\x04]/, // MP3
  /^OggS\x00/,
  /^[^]{4}ftyp/, // MP4, MOV, HEIC
];

/** Of `head` decoded as UTF-8, the share of characters that are not (each byte of a bad sequence counts once). */
function notUtf8Share(head: Buffer): number {
  const text = new TextDecoder("utf-8").decode(head.subarray(0, wholeCharacters(head)));
  return text.length === 0 ? 0 : (text.match(/\uFFFD/g)?.length ?? 0) / text.length;
}

/** What kind of file other than CSV starts with `head`, or null when it may well be CSV. */
export function nonTextKind(head: Buffer): "spreadsheetFile" | "utf16File" | "binaryFile" | "jsonFile" | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return "utf16File";
  // An .xls (OLE2), or an .xlsx (a zip holding xl/…): what "save" in a spreadsheet writes by default.
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "spreadsheetFile";
  if (starts(0x50, 0x4b, 0x03, 0x04)) return /\[Content_Types\]\.xml|xl\//.test(head.toString("latin1")) ? "spreadsheetFile" : "binaryFile";
  const latin1 = head.toString("latin1", 0, 64);
  if (BINARY_SIGNATURES.some((signature) => signature.test(latin1))) return "binaryFile";
  // UTF-16 without its byte-order mark: the Latin letters of a header every other byte, each beside a NUL.
  const half = Math.floor(head.length / 2);
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < half * 2; i += 2) {
    if (head[i] === 0) evenNuls++;
    if (head[i + 1] === 0) oddNuls++;
  }
  if (half > 0 && Math.max(evenNuls, oddNuls) > half * 0.4 && Math.min(evenNuls, oddNuls) < half * 0.1) return "utf16File";
  // Control characters no text holds: about one byte in ten of an image or an archive, none in a
  // CSV. A stray one in a value is that row's error (forbiddenCharacter), not the file's; NULs,
  // which no text editor or spreadsheet writes, are the file's from a few on (a tar archive of a
  // CSV holds a header of them, under a twentieth of its first chunk).
  let controls = 0;
  let nuls = 0;
  for (const byte of head) {
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b) || byte === 0x7f) controls++;
    if (byte === 0) nuls++;
  }
  if (controls > head.length * 0.05 || nuls > Math.max(2, head.length * 0.005)) return "binaryFile";
  // Mostly not UTF-8, and not Chinese in GBK either: bytes of another program, not a CSV saved in
  // another encoding (Latin-1 text has an accented letter here and there: the decoder names its line).
  if (notUtf8Share(head) > 0.2 && !looksLikeGbk(head)) return "binaryFile";
  // JSON (an export, or the records meant for the API): read as CSV it was a header "matching none
  // of the columns" that quoted its first line, or a quote "malformed at record 1".
  return /^(\uFEFF)?\s*[[{]\s*["{[\]}]/.test(head.toString("utf8")) ? "jsonFile" : null;
}

/** Holds the first SNIFF_BYTES, refuses the file if they are not text (nonTextKind), then passes everything on. */
function refuseNonText(): Transform {
  const head: Buffer[] = [];
  let held = 0;
  let checked = false;
  const check = (self: Transform): Error | null => {
    checked = true;
    const kind = nonTextKind(Buffer.concat(head).subarray(0, SNIFF_BYTES));
    if (kind) return new NotCsvText(reason(kind));
    // As they came: the decoder and the record guard see the chunks the file was read in.
    for (const chunk of head.splice(0)) self.push(chunk);
    return null;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (checked) return done(null, chunk);
      head.push(chunk);
      held += chunk.length;
      done(held >= SNIFF_BYTES ? check(this) : null);
    },
    flush(done) {
      done(checked ? null : check(this));
    },
  });
}

/**
 * The bytes of `source`, failing with NotCsvText when the file is not text: what counts a file's
 * rows reads, since an image's or an archive's line breaks are no rows (a PNG refused as not text
 * showed "0 of 63 rows" beside its refusal). Errors of either stream end the iteration.
 */
export function textBytes(source: Readable): Readable {
  return pipeline(source, refuseNonText(), () => {});
}

/** How many of `bytes` end in whole UTF-8 characters: a character cut by a chunk's end waits for the next. */
function wholeCharacters(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * Whether bytes that are not UTF-8 read as Chinese in GB18030 (which GBK is part of): what Excel
 * and WPS write for "CSV" on a Chinese Windows. A character cut by the chunk's end may be lost.
 */
function looksLikeGbk(bytes: Buffer): boolean {
  const text = new TextDecoder("gb18030").decode(bytes);
  return /\p{Script=Han}/u.test(text) && (text.match(/\uFFFD/g)?.length ?? 0) <= 1;
}

/**
 * Decodes the bytes as UTF-8 and refuses the file at the first sequence that is not, naming its
 * line. Decoded leniently, a file saved as GBK or Latin-1 (what a spreadsheet in China or Europe
 * may write) was imported as names of "�" without a word.
 */
function strictUtf8(): Transform {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let carried: Buffer = Buffer.alloc(0);
  let line = 1;
  const decode = (bytes: Buffer): string | CsvUnreadable => {
    try {
      return decoder.decode(bytes);
    } catch {
      // The first character the lenient decoder had to replace is where the text stops being UTF-8.
      const lenient = new TextDecoder("utf-8").decode(bytes);
      const before = lenient.slice(0, lenient.indexOf("\uFFFD"));
      const at = line + (before.match(/\n/g)?.length ?? 0);
      return new CsvUnreadable(reason(looksLikeGbk(bytes) ? "notUtf8Gbk" : "notUtf8", { line: at }), at);
    }
  };
  return new Transform({
    decodeStrings: true,
    encoding: "utf8",
    transform(chunk: Buffer, _encoding, done) {
      const bytes = carried.length > 0 ? Buffer.concat([carried, chunk]) : chunk;
      const whole = wholeCharacters(bytes);
      carried = bytes.subarray(whole);
      const text = decode(bytes.subarray(0, whole));
      if (text instanceof CsvUnreadable) return done(text);
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) line++;
      done(null, text);
    },
    flush(done) {
      // A file that ends inside a character.
      const text = carried.length > 0 ? decode(carried) : "";
      if (text instanceof CsvUnreadable) return done(text);
      done(null, text);
    },
  });
}

/**
 * Passes the text through, refusing a record longer than `maxChars` (a line break inside quotes
 * does not end a record), so a file of junk fails at once instead of being held whole: the
 * parser keeps an unfinished record in memory. Drops a leading byte-order mark. It jumps from
 * one quote or line break to the next (a regular expression's native scan) rather than looking
 * at every character in JavaScript, which cost as much CPU as the CSV parser itself.
 */
function recordLengthGuard(maxChars: number): Transform {
  const special = /["\r\n]/g;
  let inQuotes = false;
  let length = 0;
  let record = 1;
  let first = true;
  return new Transform({
    decodeStrings: false,
    encoding: "utf8",
    transform(chunk: string, _encoding, done) {
      if (first) {
        first = false;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      const tooLong = () => length > maxChars;
      special.lastIndex = 0;
      for (let from = 0; ; ) {
        const found = special.exec(chunk);
        // The characters up to the next quote or line break count towards the record.
        length += (found ? found.index : chunk.length) - from;
        if (!tooLong() && found) {
          const c = chunk.charCodeAt(found.index);
          if (c === 34) inQuotes = !inQuotes; // a doubled quote inside quotes toggles twice
          // A line break outside quotes ends the record; inside them, it is a character of it.
          if (c === 34 || inQuotes) length++;
          else {
            length = 0;
            if (c === 10) record++;
          }
        }
        if (tooLong()) {
          done(new CsvUnreadable(reason("recordTooLong", { record, max: maxChars.toLocaleString("en") }), record));
          return;
        }
        if (!found) break;
        from = found.index + 1;
      }
      done(null, chunk);
    },
  });
}

/**
 * The records of a CSV text stream as arrays of cells, a parsed chunk of the stream at a time
 * (a few hundred records). Papa Parse's chunk mode: several times faster than handing records
 * over one by one, which for a 540,000-row file cost seconds on its own. The source is paused
 * while the caller works through a batch, so memory stays flat however large the file.
 * Empty lines come as records of one empty cell (the caller counts them as rows). A quote left
 * open or closed in the middle of a field fails the file.
 */
export async function* csvBatches(source: Readable, options: { maxRecordChars: number }): AsyncGenerator<string[][]> {
  const sniffed = source.pipe(refuseNonText());
  const decoded = sniffed.pipe(strictUtf8());
  const text = decoded.pipe(recordLengthGuard(options.maxRecordChars));
  source.on("error", (error) => text.destroy(error));
  sniffed.on("error", (error) => text.destroy(error));
  decoded.on("error", (error) => text.destroy(error));

  const ready: string[][][] = [];
  // Set by the chunk callback, which TypeScript cannot see run.
  let parser = null as Papa.Parser | null;
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  let recordsBefore = 0;

  Papa.parse<string[]>(text, {
    delimiter: ",",
    chunk(results, handle) {
      const quoteError = results.errors.find((e) => e.type === "Quotes");
      if (quoteError) {
        const row = recordsBefore + (quoteError.row ?? 0) + 1;
        failure = new CsvUnreadable(reason(quoteError.code === "MissingQuotes" ? "quoteUnclosed" : "quoteMalformed", { record: row }), row);
        handle.abort();
      } else {
        recordsBefore += results.data.length;
        ready.push(results.data);
        // Wait for the caller; the file stream waits too (the parser alone would keep reading).
        handle.pause();
        text.pause();
        parser = handle;
      }
      notify();
    },
    complete() {
      finished = true;
      notify();
    },
    error(error: Error) {
      failure = error;
      notify();
    },
  });
  text.on("error", (error) => {
    failure ??= error;
    notify();
  });

  try {
    for (;;) {
      const batch = ready.shift();
      if (batch) {
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      const paused = parser;
      parser = null;
      const waiting = new Promise<void>((resolve) => (wake = resolve));
      if (paused) {
        text.resume();
        paused.resume();
      }
      await waiting;
    }
  } finally {
    text.destroy();
    decoded.destroy();
    sniffed.destroy();
    source.destroy();
  }
}
