import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";

// The app's pool sends queries over several connections at once (Promise.all in pages, API
// clients in parallel). On the embedded server each must get its own answer.
describe("the database under concurrent queries", () => {
  it("answers 200 parameterised queries of different shapes, sent at once, each with its own result", async () => {
    const db = getDb();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2 === 0
          ? db.execute(sql`select ${i}::int as a, ${`q${i}`}::text as b`)
          : db.execute(sql`select ${i}::int as a, ${`q${i}`}::text as b, ${i * 2}::int as c`),
      ),
    );
    results.forEach((result, i) => {
      expect(result.rows).toEqual([i % 2 === 0 ? { a: i, b: `q${i}` } : { a: i, b: `q${i}`, c: i * 2 }]);
    });
  });

  it("keeps a transaction's statements together while other connections query", async () => {
    const db = getDb();
    await db.execute(sql`create table if not exists wire_probe (n int)`);
    const writer = db.transaction(async (tx) => {
      for (let n = 0; n < 20; n++) await tx.execute(sql`insert into wire_probe values (${n})`);
      const { rows } = await tx.execute<{ count: number }>(sql`select count(*)::int as count from wire_probe`);
      return rows[0]!.count;
    });
    const readers = Promise.all(Array.from({ length: 30 }, (_, i) => db.execute(sql`select ${i}::int as i`)));
    expect(await writer).toBe(20);
    expect((await readers).map((r) => r.rows[0])).toEqual(Array.from({ length: 30 }, (_, i) => ({ i })));
    await db.execute(sql`drop table wire_probe`);
  });
});
