import { sql } from "drizzle-orm";
import pg from "pg";
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

  // PGlite hands each piece of an answer over as a view of its memory, which it then reuses for
  // the next piece; written to the socket as it was, a piece the socket queued (an answer larger
  // than it takes at once) went out overwritten, and the client lost the answer's framing
  // ("offset out of range"). A 150,000-row import's merge took the web server down so.
  it("answers a query whose result is megabytes long with every byte of it", async () => {
    const { rows } = await getDb().execute<{ i: number; s: string }>(
      sql`select i, repeat(md5(i::text), 64) as s from generate_series(1, 3000) as i`,
    );
    expect(rows).toHaveLength(3000);
    const wrong = rows.filter((row, n) => row.i !== n + 1 || row.s.length !== 2048 || !row.s.startsWith(row.s.slice(2016)));
    expect(wrong).toEqual([]);
    expect(new Set(rows.map((row) => row.s)).size).toBe(3000);
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

  it("answers each query when some of those sent at once fail, and their connections go on working", async () => {
    const db = getDb();
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => db.execute(sql`select 10 / ${i % 3}::int as q, ${i}::int as i`)),
    );
    results.forEach((result, i) => {
      if (i % 3 === 0) expect(result.status === "rejected" && String(result.reason.cause ?? result.reason)).toMatch(/division by zero/);
      else expect(result.status === "fulfilled" && result.value.rows).toEqual([{ q: Math.trunc(10 / (i % 3)), i }]);
    });
    const again = await Promise.all(Array.from({ length: 20 }, (_, i) => db.execute(sql`select ${i}::int as i`)));
    expect(again.map((r) => r.rows[0])).toEqual(Array.from({ length: 20 }, (_, i) => ({ i })));
  });

  it("rolls back the transaction of a client that vanished in the middle of it, and serves the others", async () => {
    const db = getDb();
    await db.execute(sql`create table if not exists wire_leaver (n int)`);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query("begin");
    await client.query("insert into wire_leaver values ($1)", [1]);
    // As when its process is killed: the socket closes without a rollback or a goodbye.
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    client.on("error", () => undefined);
    const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from wire_leaver`);
    expect(rows[0]!.n).toBe(0);
    await db.execute(sql`insert into wire_leaver values (2)`);
    const after = await db.execute<{ n: number }>(sql`select count(*)::int as n from wire_leaver`);
    expect(after.rows[0]!.n).toBe(1);
    await db.execute(sql`drop table wire_leaver`);
  });

  it("lets every connection use a named statement that another prepared first", async () => {
    // The embedded session is shared: the second connection's Parse of the same name must not
    // fail as "already exists". On PostgreSQL each connection prepares its own.
    const clients = await Promise.all(
      [0, 1, 2].map(async () => {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        return client;
      }),
    );
    const add = { name: "wire_probe_add", text: "select $1::int + 1 as n" };
    const answers = await Promise.all(clients.flatMap((client, c) => [1, 2].map((i) => client.query({ ...add, values: [c * 10 + i] }))));
    expect(answers.map((r) => r.rows[0].n)).toEqual([2, 3, 12, 13, 22, 23]);
    // A name whose first Parse failed is not taken: a later, valid one under it works everywhere.
    const broken = { name: "wire_probe_broken", text: "select $1::int +" };
    await expect(clients[0]!.query({ ...broken, values: [1] })).rejects.toThrow(/syntax error/);
    for (const client of clients.slice(1)) {
      const { rows } = await client.query({ name: "wire_probe_broken", text: "select $1::int * 2 as n", values: [4] });
      expect(rows[0].n).toBe(8);
    }
    await Promise.all(clients.map((client) => client.end()));
  });
});
