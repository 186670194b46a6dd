import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { AppError } from "@/lib/errors";
import { makeStore } from "@/tests/factories";
import { cancelFlashSale, createFlashSale } from "./commands";
import { listFlashSales, type PastSalesPosition } from "./queries";
import { draft, HOUR, makeProduct } from "./test-helpers";

/** A store with live, upcoming, ended and cancelled sales; three of the ended ones start within one millisecond. */
async function storeWithHistory() {
  const ctx = await makeStore("fs-list");
  const products = [await makeProduct(ctx, { stock: 500 }), await makeProduct(ctx, { stock: 500 }), await makeProduct(ctx, { stock: 500 })];
  const t0 = Date.now() + HOUR;
  const at = (hours: number) => new Date(t0 + hours * HOUR);
  const sale = async (startHour: number, hours = 1, product = 0) =>
    (await createFlashSale(ctx, products[product]!.id, draft(at(startHour), { quantity: 5, endsAt: at(startHour + hours) }))).id;
  const ended = [await sale(0), await sale(2), await sale(4), await sale(6), await sale(8, 1, 1), await sale(8, 1, 2)];
  // Two more starting 1 and 2 µs after the 8 o'clock pair: a cursor cut to the millisecond would lose or repeat one.
  const sameMillisecond = [await sale(8, 1, 0)];
  await getDb().execute(sql`update flash_sales set starts_at = starts_at + interval '1 microsecond' where store_id = ${ctx.store.id} and id = ${ended[4]!}`);
  await getDb().execute(sql`update flash_sales set starts_at = starts_at + interval '2 microseconds' where store_id = ${ctx.store.id} and id = ${sameMillisecond[0]!}`);
  const cancelled = [await sale(20), await sale(22)];
  for (const id of cancelled) await cancelFlashSale(ctx, id);
  const live = await sale(9, 2, 1);
  const upcoming = [await sale(14), await sale(12, 1, 2)];
  return { ctx, now: at(10), ended: [...ended, ...sameMillisecond], cancelled, live, upcoming };
}

/** The past sales in the order the list promises (newest start first, then highest id), as the database sorts them. */
async function pastInOrder(storeId: number, now: Date): Promise<number[]> {
  const { rows } = await getDb().execute<{ id: number }>(sql`
    select id from flash_sales where store_id = ${storeId} and (cancelled_at is not null or ends_at <= ${now})
     order by starts_at desc, id desc`);
  return rows.map((r) => Number(r.id));
}

describe("the flash sales list", () => {
  it("lists every open and upcoming sale, open first, upcoming soonest first, whatever page of past sales is asked", async () => {
    const { ctx, now, live, upcoming } = await storeWithHistory();
    const first = await listFlashSales(ctx, now, { limit: 2 });
    expect(first.current.map((s) => [s.id, s.status])).toEqual([
      [live, "live"],
      [upcoming[1], "scheduled"],
      [upcoming[0], "scheduled"],
    ]);
    const older = await listFlashSales(ctx, now, { limit: 2, cursor: first.past.nextCursor! });
    expect(older.current.map((s) => s.id)).toEqual(first.current.map((s) => s.id));
  });

  it("pages the past sales newest first: each page in order, every one once, none on two pages, forwards and back", async () => {
    const { ctx, now, ended, cancelled } = await storeWithHistory();
    const expected = await pastInOrder(ctx.store.id, now);
    expect([...expected].sort((a, b) => a - b)).toEqual([...ended, ...cancelled].sort((a, b) => a - b));
    // The cancelled sales started last; the three sales of one millisecond are each in their place.
    expect(expected.slice(0, 2)).toEqual([cancelled[1], cancelled[0]]);

    for (const limit of [1, 2, 3, 50]) {
      const pages: number[][] = [];
      let position: PastSalesPosition = { limit };
      let last: Awaited<ReturnType<typeof listFlashSales>>["past"] | undefined;
      for (;;) {
        const { past } = await listFlashSales(ctx, now, position);
        expect(past.total).toBe(expected.length);
        expect(past.from, `limit ${limit}, page ${pages.length + 1}`).toBe(pages.flat().length + 1);
        expect(past.previousCursor === null).toBe(pages.length === 0);
        expect(past.sales.every((s) => s.status === "ended" || s.status === "cancelled")).toBe(true);
        pages.push(past.sales.map((s) => s.id));
        last = past;
        if (!past.nextCursor) break;
        position = { limit, cursor: past.nextCursor };
      }
      expect(pages.flat(), `limit ${limit}`).toEqual(expected);
      expect(pages.every((page) => page.length === Math.min(limit, expected.length) || page === pages.at(-1))).toBe(true);

      // Back from the last page by its "newer" links: the same pages, in reverse.
      const back: number[][] = [];
      while (last!.previousCursor) {
        const { past } = await listFlashSales(ctx, now, { limit, before: last!.previousCursor! });
        back.push(past.sales.map((s) => s.id));
        expect(past.from).toBe(expected.indexOf(past.sales[0]!.id) + 1);
        last = past;
      }
      expect(back.reverse(), `limit ${limit}`).toEqual(pages.slice(0, -1));
      expect(last!.nextCursor === null).toBe(pages.length === 1);
    }
  });

  it("says so when a store has no past sale, and refuses a cursor it did not give out", async () => {
    const ctx = await makeStore("fs-list-empty");
    const product = await makeProduct(ctx);
    await createFlashSale(ctx, product.id, draft(new Date(Date.now() + HOUR)));
    const { current, past } = await listFlashSales(ctx);
    expect(current).toHaveLength(1);
    expect(past).toMatchObject({ sales: [], total: 0, nextCursor: null, previousCursor: null });
    for (const cursor of ["nonsense", Buffer.from(JSON.stringify([1.5, 2])).toString("base64url"), Buffer.from(JSON.stringify(["12", -1])).toString("base64url")]) {
      await expect(listFlashSales(ctx, new Date(), { cursor })).rejects.toMatchObject({ code: "invalid_request" });
    }
    await expect(listFlashSales(ctx, new Date(), { before: "x" })).rejects.toBeInstanceOf(AppError);
  });
});
