import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CsvUnreadable, csvBatches, nonTextKind } from "./csv-batches";

/** The records of `text` fed in chunks of `chunkSize` characters, or the error that stopped them. */
async function read(text: string, maxRecordChars: number, chunkSize = 3): Promise<string[][] | CsvUnreadable> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < text.length; i += chunkSize) chunks.push(Buffer.from(text.slice(i, i + chunkSize)));
  const records: string[][] = [];
  try {
    for await (const batch of csvBatches(Readable.from(chunks), { maxRecordChars })) records.push(...batch);
  } catch (error) {
    if (error instanceof CsvUnreadable) return error;
    throw error;
  }
  return records;
}

describe("csvBatches' record length guard", () => {
  it("takes a record of exactly the limit, line break inside quotes included", async () => {
    // `a,"b<LF>c"` is 7 characters: the line break inside quotes is one of them.
    expect(await read('h1,h2\na,"b\nc"\r\nd,e\n', 7)).toEqual([["h1", "h2"], ["a", "b\nc"], ["d", "e"]]);
  });

  it("refuses a record one character over the limit, naming its record however the text is split", async () => {
    for (const chunkSize of [1, 2, 5, 1000]) {
      const refused = await read('h1,h2\na,"b\nc"\nde,f\n', 6, chunkSize);
      expect(refused).toBeInstanceOf(CsvUnreadable);
      expect((refused as CsvUnreadable).row).toBe(2);
      expect((refused as CsvUnreadable).message).toBe("record 2 is longer than 6 characters");
      // The line break inside record 2's quotes does not start a record: the next is record 3.
      const later = await read('h1,h2\na,"b\nc"\nlonger,x\n', 7, chunkSize);
      expect((later as CsvUnreadable).message).toBe("record 3 is longer than 7 characters");
    }
  });

  it("counts doubled quotes inside quotes as characters, not as the end of the field", async () => {
    // `"say ""hi"""` is 12 characters.
    expect(await read('h\n"say ""hi"""\n', 12)).toEqual([["h"], ['say "hi"']]);
    expect(((await read('h\n"say ""hi"""\nnext\n', 11)) as CsvUnreadable).row).toBe(2);
  });

  it("drops a leading byte-order mark", async () => {
    expect(await read("\uFEFFh1,h2\n1,2\n", 5)).toEqual([["h1", "h2"], ["1", "2"]]);
  });
});

describe("csvBatches' UTF-8 check", () => {
  /** The records of `bytes` fed in chunks of `chunkSize` bytes (characters cut in two), or the error. */
  async function readBytes(bytes: Buffer, chunkSize: number): Promise<string[][] | CsvUnreadable> {
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
    const records: string[][] = [];
    try {
      for await (const batch of csvBatches(Readable.from(chunks), { maxRecordChars: 1000 })) records.push(...batch);
    } catch (error) {
      if (error instanceof CsvUnreadable) return error;
      throw error;
    }
    return records;
  }

  it("reads Chinese text whose characters the chunks cut in two", async () => {
    const bytes = Buffer.from("customerName,product\n王小明,红枣礼盒\n李娜,🍵 茶\n");
    for (const chunkSize of [1, 2, 4, 7]) {
      expect(await readBytes(bytes, chunkSize)).toEqual([["customerName", "product"], ["王小明", "红枣礼盒"], ["李娜", "🍵 茶"]]);
    }
  });

  it("refuses a file saved as GBK or Latin-1, naming the first line that is not UTF-8", async () => {
    // 王小明 in GBK; Café in Latin-1.
    const gbk = Buffer.concat([Buffer.from("customerName,product\nok,ok\n"), Buffer.from([0xcd, 0xf5, 0xd0, 0xa1, 0xc3, 0xf7]), Buffer.from(",x\n")]);
    const latin1 = Buffer.concat([Buffer.from("h\nCaf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    for (const chunkSize of [1, 3, 1000]) {
      const refused = await readBytes(gbk, chunkSize);
      expect(refused).toBeInstanceOf(CsvUnreadable);
      expect((refused as CsvUnreadable).row).toBe(3);
      const latin1Refused = (await readBytes(latin1, chunkSize)) as CsvUnreadable;
      expect(latin1Refused.row).toBe(2);
      expect(latin1Refused.message).toBe("its text is not UTF-8 (line 2); save it as CSV UTF-8 and import it again");
    }
    // Read as a file is (chunks of 64 KB), GBK is named as such: the hint says how to save it.
    expect(((await readBytes(gbk, 1000)) as CsvUnreadable).message).toBe(
      "its text looks like GBK/GB18030 (what Excel and WPS save as CSV on a Chinese Windows), not UTF-8 (line 3); save it as CSV UTF-8 (comma delimited) and import it again",
    );
  });
});

describe("nonTextKind", () => {
  const header = "orderExternalId,customerExternalId,customerName\nO1,C1,王芳\n";
  it("takes CSV text as text, even with a stray control character in a value (that row's error)", () => {
    expect(nonTextKind(Buffer.from(header))).toBeNull();
    expect(nonTextKind(Buffer.from(`${header}O2,C2,王\u0000芳\n${"O3,C3,李雷\n".repeat(20)}`))).toBeNull();
    // Not UTF-8 is the decoder's to name, with its line.
    expect(nonTextKind(Buffer.from("id,name\n1,café\n", "latin1"))).toBeNull();
    expect(nonTextKind(Buffer.alloc(0))).toBeNull();
    // A header whose first name is in brackets is CSV, not JSON.
    expect(nonTextKind(Buffer.from("[id],name\n1,x\n"))).toBeNull();
  });

  it("names JSON, an object or an array, however it is spaced", () => {
    expect(nonTextKind(Buffer.from('{"a": 1}'))).toBe("jsonFile");
    expect(nonTextKind(Buffer.from("[\n  {"))).toBe("jsonFile");
    expect(nonTextKind(Buffer.from("\uFEFF [ ]"))).toBe("jsonFile");
  });

  it("names a workbook, UTF-16 with or without its byte-order mark, and any other binary file", () => {
    expect(nonTextKind(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]), Buffer.from("[Content_Types].xml")]))).toBe("spreadsheetFile");
    expect(nonTextKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe("spreadsheetFile");
    expect(nonTextKind(Buffer.from(`\uFEFF${header}`, "utf16le"))).toBe("utf16File");
    expect(nonTextKind(Buffer.from(header, "utf16le"))).toBe("utf16File");
    expect(nonTextKind(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("id", "utf16le").swap16()]))).toBe("utf16File");
    // A zip that is no workbook, a PNG's first bytes, zeros.
    expect(nonTextKind(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("photos/1.jpg")]))).toBe("binaryFile");
    expect(nonTextKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]))).toBe("binaryFile");
    expect(nonTextKind(Buffer.alloc(5000))).toBe("binaryFile");
  });

  // Each was read as CSV: its line breaks counted as rows, and its first lines refused as a header or as not UTF-8.
  it("names a binary file whose first chunk holds few control characters", () => {
    const csv = Buffer.from(`${header}${"O3,C3,李雷,2026-05-01 10:00:00\n".repeat(300)}`);
    // A PDF: lines of text up to its first compressed stream.
    expect(nonTextKind(Buffer.from(`%PDF-1.7\n${"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".repeat(200)}`))).toBe("binaryFile");
    // A CSV behind an archive's header of NULs (a twentieth of the chunk is not reached).
    expect(nonTextKind(Buffer.concat([Buffer.from("orders.csv"), Buffer.alloc(300), csv]).subarray(0, 8192))).toBe("binaryFile");
    // Bytes that are mostly not UTF-8 (nor GBK), with no control character at all.
    let seed = 7;
    const noise = Buffer.from(
      Array.from({ length: 8192 }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % 9 === 0 ? 10 : 0x80 + (seed % 128);
      }),
    );
    expect(nonTextKind(noise)).toBe("binaryFile");
    // A JPEG's and a GIF's first bytes, alone.
    expect(nonTextKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("binaryFile");
    expect(nonTextKind(Buffer.from("GIF89a"))).toBe("binaryFile");
    // Still text: CSV in Latin-1 with an accent a line (the decoder names its line), and a header
    // whose first column happens to start like a signature.
    expect(nonTextKind(Buffer.from(`id,name\n${"1,José Müller\n".repeat(300)}`, "latin1"))).toBeNull();
    expect(nonTextKind(Buffer.from("ID3,name\n1,x\n"))).toBeNull();
    expect(nonTextKind(csv)).toBeNull();
  });
});
