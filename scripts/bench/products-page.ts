// Times the products page's reads (its table and its picker) at catalogue sizes, so a change to
// them can be weighed. Nothing here asserts: it measures. For each size it fills a fresh store
// with that many products (one SQL statement), ANALYZEs, then prints the median of 7 runs of the
// table's first page, a deep page, searches (a common text, a rare one, one nothing holds, of one and of two characters), and the picker. The stores are deleted at the end.
//
//   tsx --conditions=react-server scripts/bench/products-page.ts [30000 100000]
//   (DATABASE_URL=postgres://… for PostgreSQL; otherwise the embedded database in LAOKE_DATA_DIR,
//   or a fresh one removed afterwards; BENCH_WITHOUT_TRGM=1 drops pg_trgm's index of migration 0047
//   for the run, as a database where pg_trgm could not be created has none, and puts it back after)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { connectDatabase } from "@/db/connect";
import { getDb } from "@/db";
import { encodeCursor } from "@/lib/customers/cursor";
import { createStore } from "@/lib/stores/commands";
import { listProductsWithPrices } from "@/lib/pricing/member-prices";
import { searchProducts } from "@/lib/pricing/product-options";
import type { StoreContext } from "@/lib/stores/context";

async function median(run: () => Promise<unknown>, times = 7): Promise<number> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

async function main() {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  // A fresh embedded database by default: PGlite has no autovacuum, so the rows of earlier runs'
  // deleted stores would stay behind and slow the counts.
  const fresh = process.env.LAOKE_DATA_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), "laoke-bench-products-"));
  const connection = await connectDatabase(process.env.LAOKE_DATA_DIR ?? fresh!);
  console.log(connection.description);
  const withoutTrgm = process.env.BENCH_WITHOUT_TRGM === "1";
  if (withoutTrgm) {
    await getDb().execute(sql`drop index if exists products_search_idx`);
    console.log("without pg_trgm's index (products_search_idx)");
  }

  for (const size of sizes.length ? sizes : [30_000, 100_000]) {
    const slug = `bench-products-${size}-${Date.now()}`;
    const store = await createStore({ slug, name: slug });
    const ctx: StoreContext = { store: { id: store!.id, slug, name: slug, currency: "CNY", timezone: "Asia/Shanghai" }, role: "owner", userId: null };
    await getDb().execute(sql`
      insert into products (store_id, external_id, name, price, stock)
      select ${ctx.store.id}, 'SKU-' || g, md5(g::text), 1000 + g % 500, g % 7 from generate_series(1, ${size}) g`);
    await getDb().execute(sql`analyze products`);
    const page = (q?: string) => () => listProductsWithPrices(ctx, { q, limit: 50 });
    // The middle page's edge, as the page before it hands it on (keyset: the page reads from there).
    const { rows: middle } = await getDb().execute<{ name: string; id: number }>(sql`
      select name, id::int as id from products where store_id = ${ctx.store.id} order by name, id offset ${Math.floor(size / 2)} limit 1`);
    const middleCursor = encodeCursor(middle[0]!.name, middle[0]!.id);
    const figures = {
      "table, page 1": await median(page()),
      "count of the store's products": await median(() => getDb().execute(sql`select count(*)::int from products where store_id = ${ctx.store.id}`)),
      "table, middle page": await median(() => listProductsWithPrices(ctx, { limit: 50, cursor: middleCursor })),
      "table, page before the middle": await median(() => listProductsWithPrices(ctx, { limit: 50, before: middleCursor })),
      "table, search 'SKU-123'": await median(page("SKU-123")),
      // A text few products hold, and one none does: the search reads the catalogue for them.
      "table, search 'SKU-99999'": await median(page("SKU-99999")),
      "table, search '保温杯' (no match)": await median(page("保温杯")),
      // Three characters or more where pg_trgm's index is missing (BENCH_WITHOUT_TRGM): hex names
      // hold 'abc' about once in 140, 'a1b2c' in few.
      "table, search 'abc'": await median(page("abc")),
      "table, search 'a1b2c'": await median(page("a1b2c")),
      // Under three characters a trigram index has nothing to look up: the characters' and pairs'
      // indexes (migration 0049) find them, a common text (a1: 11 % of the names; S: every code)
      // as well as one nothing holds.
      "table, search 'a1'": await median(page("a1")),
      "table, search '杯' (no match)": await median(page("杯")),
      "table, search '水杯' (no match)": await median(page("水杯")),
      "table, search 'S' (every code)": await median(page("S")),
      "picker, search '杯'": await median(() => searchProducts(ctx, "杯")),
      "picker, search '水杯'": await median(() => searchProducts(ctx, "水杯")),
      "picker, search 'SKU-99999'": await median(() => searchProducts(ctx, "SKU-99999")),
      "picker (empty)": await median(() => searchProducts(ctx, "")),
    };
    console.log(`${size.toLocaleString("en")} products:`, Object.entries(figures).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(", "));
    await getDb().execute(sql`delete from stores where id = ${ctx.store.id}`);
  }
  if (withoutTrgm) {
    await getDb().execute(sql`
      create index if not exists products_search_idx on products using gin (name gin_trgm_ops, external_id gin_trgm_ops) with (gin_pending_list_limit = 256)`);
  }
  await connection.close();
  if (fresh) fs.rmSync(fresh, { recursive: true, force: true });
}

void main();
