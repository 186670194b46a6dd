import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CsvUnreadable, csvBatches } from "./csv-batches";

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
      expect((refused as CsvUnreadable).message).toBe("its text is not UTF-8 (line 3); save it as CSV UTF-8 and import it again");
      expect(((await readBytes(latin1, chunkSize)) as CsvUnreadable).row).toBe(2);
    }
  });
});

