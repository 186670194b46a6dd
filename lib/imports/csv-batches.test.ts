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
