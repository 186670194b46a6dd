// Times the products page's reads (its table and its picker) at catalogue sizes, so a change to
// them can be weighed. Nothing here asserts: it measures. For each size it fills a fresh store
// with that many products (one SQL statement), ANALYZEs, then prints the median of 7 runs of the
// table's first page, a deep page, searches (a common text, a rare one, one nothing holds, of one and of two characters), and the picker. The stores are deleted at the end.
//
//   tsx --conditions=react-server scripts/bench/products-page.ts [30000 100000]
//   (DATABASE_URL=postgres://… for PostgreSQL; otherwise the embedded database in LAOKE_DATA_DIR,
//   or a fresh one removed afterwards)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { connectDatabase } from "@/db/connect";
import { getDb } from "@/db";
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

  for (const size of sizes.length ? sizes : [30_000, 100_000]) {
    const slug = `bench-products-${size}-${Date.now()}`;
    const store = await createStore({ slug, name: slug });
    const ctx: StoreContext = { store: { id: store!.id, slug, name: slug, currency: "CNY", timezone: "Asia/Shanghai" }, role: "owner", userId: null };
    await getDb().execute(sql`
      insert into products (store_id, external_id, name, price, stock)
      select ${ctx.store.id}, 'SKU-' || g, md5(g::text), 1000 + g % 500, g % 7 from generate_series(1, ${size}) g`);
    await getDb().execute(sql`analyze products`);
    const page = (n: number, q?: string) => () => listProductsWithPrices(ctx, { q, limit: 50, offset: (n - 1) * 50 });
    const figures = {
      "table, page 1": await median(page(1)),
      "table, middle page": await median(page(Math.ceil(size / 100))),
      "table, search 'SKU-123'": await median(page(1, "SKU-123")),
      // A text few products hold, and one none does: the search reads the catalogue for them.
      "table, search 'SKU-99999'": await median(page(1, "SKU-99999")),
      "table, search '保温杯' (no match)": await median(page(1, "保温杯")),
      // Under three characters a trigram index has nothing to look up: the characters' and pairs'
      // indexes (migration 0048) find them, a common text (a1: 11 % of the names; S: every code)
      // as well as one nothing holds.
      "table, search 'a1'": await median(page(1, "a1")),
      "table, search '杯' (no match)": await median(page(1, "杯")),
      "table, search '水杯' (no match)": await median(page(1, "水杯")),
      "table, search 'S' (every code)": await median(page(1, "S")),
      "picker, search '杯'": await median(() => searchProducts(ctx, "杯")),
      "picker, search '水杯'": await median(() => searchProducts(ctx, "水杯")),
      "picker, search 'SKU-99999'": await median(() => searchProducts(ctx, "SKU-99999")),
      "picker (empty)": await median(() => searchProducts(ctx, "")),
    };
    console.log(`${size.toLocaleString("en")} products:`, Object.entries(figures).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(", "));
    await getDb().execute(sql`delete from stores where id = ${ctx.store.id}`);
  }
  await connection.close();
  if (fresh) fs.rmSync(fresh, { recursive: true, force: true });
}

void main();
