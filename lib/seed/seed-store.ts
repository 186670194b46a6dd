import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { AppError } from "@/lib/errors";
import { refreshStatistics, withoutForeignKeyChecks } from "@/db/bulk";

// Fills an empty store with a deterministic, realistic demo: products, customers, orders with
// their items, returns (退换货), reviews (评价/晒单), shares (分享) and a few compliance flags.
//
// Everything is generated inside the database with INSERT … SELECT over generate_series: no row
// ever travels through JS. Every pseudo-random number is derived from md5(seed:index:purpose)
// (see `hash` and `unit`), never from random(), so the same options give the same data: the
// same external ids, amounts and times (ids are identities and differ from store to store).
//
// The plan:
//   1. _seed_p   products (index → id, price), ids drawn from the products' own sequence.
//   2. _seed_r   for the repeat buyers (customer ranks 1..R): when they churn, if ever.
//   3. _seed_o   one row per order g = 1..orders: customer rank, time, status, basket of up to
//                four lines (product, quantity, unit price) and the exact total. Order times
//                grow with g, so external ids follow time like a real platform's.
//   4. _seed_c   customers (rank → index, id, first/last paid order), numbered in the order
//                they first bought (C0000001 is the earliest buyer).
//   5. inserts into products, customers (first/last paid order from the aggregate above),
//      orders, order_items (unpivoting the four lines), returns, reviews, shares,
//      customer_flags (with their customer_flag_events history).
// Ids come from each table's own sequence (nextval into the temp tables, then inserted with
// OVERRIDING SYSTEM VALUE), so no row has to be looked up again by its external id.
//
// Who buys what: with n = min(customers, orders), each order g takes a "slot" s through an
// affine permutation of 1..orders (so every kind of slot is spread evenly over time). Slots
// 1..n are each customer's first order; slots customers+1..customers+R give the R repeat buyers
// (30% of customers) their guaranteed second order; the remaining slots go to repeat buyers
// with a Zipf–Mandelbrot skew (a few customers bring much of the revenue), avoiding, once, a
// buyer who has already churned by then. The guaranteed orders are always paid, so exactly R
// customers have at least two paid orders; the others are cancelled at a rate that brings the
// whole to about 6%.

export interface SeedOptions {
  /** Customers to create (default 2000); min(customers, orders) of them get an order. */
  customers?: number;
  /** Orders to create, exactly (default 20000). */
  orders?: number;
  /** Same seed, counts and `now` → the same data (default 1). */
  seed?: number;
  /** The end of the 400 days of history; nothing is dated after it (default: the current time). */
  now?: Date;
}

export interface SeedResult {
  customers: number;
  products: number;
  orders: number;
  orderItems: number;
  returns: number;
  reviews: number;
  shares: number;
  flagged: number;
  tookMs: number;
}

const DAY = 86_400;
const HISTORY_DAYS = 400;
const REPEAT_SHARE = 0.3;
const CANCEL_RATE = 0.06;

// Share of a day's orders in each local hour 0–23: a night trough, a lunch bump, an evening peak.
const HOURLY_WEIGHTS = [
  4.5, 2.5, 1.4, 0.9, 0.7, 0.8, 1.5, 2.8, 3.8, 4.5, 5.0, 5.4, 6.0, 5.6, 4.8, 4.8, 4.9, 5.0, 5.4, 6.3, 7.4, 7.8, 7.0,
  5.8,
];
/** Cumulative share of a day's orders at each hour boundary: 25 values from 0 to 1. */
const HOURLY_CUMULATIVE = (() => {
  const total = HOURLY_WEIGHTS.reduce((a, b) => a + b, 0);
  const out = [0];
  for (const w of HOURLY_WEIGHTS) out.push(out[out.length - 1]! + w / total);
  out[24] = 1;
  return out;
})();

/** Order mass at a time in local days: whole days plus the share of the day's orders so far. */
function orderMass(localDays: number): number {
  const day = Math.floor(localDays);
  const hours = (localDays - day) * 24;
  const h = Math.min(23, Math.floor(hours));
  return day + HOURLY_CUMULATIVE[h]! + (hours - h) * (HOURLY_CUMULATIVE[h + 1]! - HOURLY_CUMULATIVE[h]!);
}

// Word lists for product names (an agricultural/food shop, the heart of Pinduoduo) and buyer
// nicknames. Product names pair each item with a distinct adjective, so they never repeat.
const ADJECTIVES = [
  "有机", "新鲜", "当季", "精选", "特级", "农家", "原生态", "高山", "正宗", "无添加",
  "产地直发", "生态", "优选", "特产", "爆款", "品质",
];
const ITEMS = [
  "红富士苹果", "猕猴桃", "赣南脐橙", "砂糖橘", "贵妃芒", "金枕榴莲", "车厘子", "丹东草莓", "蓝莓",
  "香蕉", "安岳柠檬", "沃柑", "百香果", "烟薯", "黄心土豆", "糯玉米", "五常大米", "黄小米", "薄皮核桃",
  "新疆红枣", "土蜂蜜", "土鸡蛋", "牛肉干", "猪肉脯", "广式腊肠", "纯牛奶", "老酸奶", "明前龙井",
  "手工挂面", "香菇", "木耳", "花生米", "葡萄干", "枸杞", "紫薯", "山药", "水蜜桃", "哈密瓜",
  "海鸭蛋", "红薯粉条",
];
const PACKS = [
  "1斤装", "2斤装", "3斤装", "5斤装", "10斤装", "500g", "1kg", "2.5kg", "整箱", "礼盒装",
  "家庭装", "量贩装", "尝鲜装", "3袋装", "6袋装",
];
const SURNAMES = [
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
  "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田",
  "董", "袁", "潘", "于", "蒋", "蔡",
];
const GIVEN = [
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
  "秀", "霞", "平", "刚", "英", "华", "玉", "萍", "红", "波", "鹏", "辉", "建", "文", "宇", "浩", "欣",
  "怡", "婷", "雪", "琳", "晨", "佳", "俊", "慧", "梅", "兰", "芬", "燕", "子", "晓", "春", "海",
];
const NICKNAMES = [
  "快乐的小鱼", "一颗草莓", "向日葵", "阳光男孩", "宝妈", "风轻云淡", "小确幸", "追梦人", "开心果",
  "岁月静好", "糖糖妈妈", "木子", "橘子汽水", "奋斗的蜗牛", "爱吃鱼的猫", "平安是福", "淡定", "小太阳",
  "知足常乐", "雨后彩虹",
];
const FRAUD_REASONS = [
  "多次使用虚假物流单号申请退款",
  "批量小号下单套取新人券，已核实为同一设备",
  "收货后恶意申请仅退款，平台判定欺诈",
  "利用拼单漏洞套取优惠，订单已被平台拦截",
];
const COMPLAINT_REASONS = [
  "多次以不实理由投诉商品质量并索要赔偿",
  "以差评威胁要求额外返现",
  "恶意投诉发货延迟，物流记录显示按时发出",
  "职业索赔，反复以标签问题投诉",
];

/** A trusted number (validated integer or computed float) inlined into the SQL text. */
const num = (n: number): SQL => {
  if (!Number.isFinite(n)) throw new Error(`Not a finite number: ${n}`);
  return sql.raw(String(n));
};

/** A constant word list as a text[] (the words are code constants: no quotes, no commas). */
const words = (list: readonly string[]): SQL => sql.raw(`(array[${list.map((w) => `'${w}'`).join(",")}]::text[])`);

/** One of `list`, chosen by a uniform u in [0, 1). */
const pick = (list: readonly string[], u: SQL): SQL => sql`${words(list)}[1 + floor(${u} * ${num(list.length)})::int]`;

/**
 * 128 pseudo-random bits for (seed, index, purpose): md5 of the three, as a bit(128). The one
 * source of randomness; compute it once per row (in a subquery with `offset 0`, which keeps
 * PostgreSQL from inlining it) and take up to four numbers from it with `unit`.
 */
const hash = (seed: number, index: SQL, purpose: string): SQL =>
  sql`('x' || md5(${sql.raw(`'${seed}:'`)} || ${index} || ${sql.raw(`':${purpose}'`)}))::bit(128)`;

/** A uniform number in [0, 1) from 32 bits (part 0–3) of a `hash`. */
const unit = (bits: SQL, part: 0 | 1 | 2 | 3): SQL =>
  sql`(substring(${bits} from ${num(1 + 32 * part)} for 32)::bigint / 4294967296.0::float8)`;

/** 'O00000042'-style external ids: the prefix and the number padded to `width` digits. */
const externalId = (prefix: string, n: SQL, width: number): SQL =>
  sql`${sql.raw(`'${prefix}'`)} || lpad(${n}::text, greatest(${num(width)}, length(${n}::text)), '0')`;

function count(value: number | undefined, fallback: number, name: string, min: number): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}`);
  return n;
}

/** The smallest integer ≥ O·0.618… coprime with O: a well-spread affine permutation of 1..O. */
function spreadMultiplier(orders: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let a = Math.max(1, Math.floor(orders * 0.6180339887));
  while (gcd(a, orders) !== 1) a++;
  return a;
}

export async function seedStore(db: DbOrTx, storeId: number, options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const C = count(options.customers, 2000, "customers", 1);
  const O = count(options.orders, 20000, "orders", 0);
  const seed = count(options.seed, 1, "seed", 0);
  if (!Number.isSafeInteger(storeId)) throw new Error("storeId must be an integer");
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new Error("now must be a valid date");

  const P = Math.max(30, Math.min(500, Math.floor(C / 20)));
  const withOrder = Math.min(C, O); // customers with at least one order
  const extra = Math.max(0, O - C); // orders beyond each customer's first
  const R = extra > 0 ? Math.min(extra, C, Math.max(1, Math.round(C * REPEAT_SHARE))) : 0; // repeat buyers
  // The 2R guaranteed orders are always paid; the rest are cancelled a little more often.
  const cancelRate = O > 2 * R ? Math.min(0.5, (CANCEL_RATE * O) / (O - 2 * R)) : 0;
  const zipfShift = Math.max(1, R / 10); // Zipf–Mandelbrot q: the top buyer has ~4× the average
  const mult = O > 0 ? spreadMultiplier(O) : 1;
  const step = Math.floor((P - 1) / 3); // four lines (b, b+k, b+2k, b+3k mod P) never repeat a product
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const S = num(storeId);

  const result = await db.transaction(async (tx) => {
    const run = (query: SQL) => tx.execute(query);

    // Serialise seeds of one store (without blocking inserts that only reference the row).
    const store = await run(sql`select timezone from stores where id = ${S} for no key update`);
    if (store.rows.length === 0) throw new Error(`Store ${storeId} not found`);
    const { rows } = await run(sql`
      select exists (select 1 from customers where store_id = ${S})
          or exists (select 1 from products where store_id = ${S})
          or exists (select 1 from orders where store_id = ${S}) as has_data`);
    // A refusal of the request (the CLI exits 2 on it), not a failure.
    if (rows[0]?.has_data) throw new AppError("conflict", "Store already has data; seed only fills an empty store.");
    const timezone = String(store.rows[0]?.timezone ?? "Asia/Shanghai");

    const sequences = await run(sql`select
        pg_get_serial_sequence('products', 'id') as products,
        pg_get_serial_sequence('customers', 'id') as customers,
        pg_get_serial_sequence('orders', 'id') as orders`);
    const seqRow = sequences.rows[0] as Record<string, string>;
    const nextId = (table: "products" | "customers" | "orders") =>
      sql`nextval(${sql.raw(`'${seqRow[table]!.replace(/'/g, "''")}'`)}::regclass)`;

    for (const t of ["_seed_p", "_seed_r", "_seed_o", "_seed_c", "_seed_e"]) {
      await run(sql.raw(`drop table if exists pg_temp.${t}`));
    }

    // 1. Products: price 9.90–499 yuan skewed cheap, ending in .90; floor price ≈ 70%.
    await run(sql`
      create temp table _seed_p on commit drop as
      select idx, ${nextId("products")} as id, name, price,
             (round(price * 0.7 / 10) * 10)::bigint as floor_price, stock
      from (
        select g as idx,
               ${words(ADJECTIVES)}[1 + ((g - 1) / ${num(ITEMS.length)} + (g - 1)) % ${num(ADJECTIVES.length)}]
                 || ${words(ITEMS)}[1 + (g - 1) % ${num(ITEMS.length)}]
                 || ${pick(PACKS, unit(sql`h`, 0))} as name,
               greatest(990, round((990 + 48910 * power(${unit(sql`h`, 1)}, 4)) / 100) * 100 - 10)::bigint as price,
               case when ${unit(sql`h`, 2)} < 0.05 then 0 else 1 + floor(${unit(sql`h`, 3)} * 500)::int end as stock
        from (select g, ${hash(seed, sql`g`, "product")} as h from generate_series(1, ${num(P)}) g offset 0) x
      ) y
      order by idx`);

    // 2. Repeat buyers: about a third churn at some point in the history.
    await run(sql`
      create temp table _seed_r on commit drop as
      select r as rank,
             case when ${unit(sql`h`, 0)} < 0.35 then 0.25 + 0.75 * ${unit(sql`h`, 1)} else 2.0 end::float8 as churn
      from (select r, ${hash(seed, sql`r`, "churn")} as h from generate_series(1, ${num(R)}) r offset 0) x`);
    await run(sql`analyze _seed_r`);

    // 3. Orders. tau in [0, 1) is the position in the history; order volume grows 3× over it
    // (density ∝ 1 + 2·tau). The time of day follows HOURLY_WEIGHTS in the store's time zone:
    // time is measured in "order mass" (orderMass: whole local days plus the share of a day's
    // orders placed by that time), so a uniform mass maps onto a realistic clock, and order
    // times still grow with g.
    const offsetRow = await run(sql`
      select extract(epoch from (${nowSql} at time zone ${timezone}) - (${nowSql} at time zone 'UTC'))::float8 as offset`);
    const offset = Number(offsetRow.rows[0]?.offset ?? 0);
    const nowLocalDays = (now.getTime() / 1000 + offset) / DAY;
    const massStart = orderMass(nowLocalDays - HISTORY_DAYS);
    const massEnd = orderMass(nowLocalDays);
    const cumulative = sql.raw(`'{${HOURLY_CUMULATIVE.join(",")}}'::float8[]`);
    // Line l (1–4) of an order: quantity 1–3 and, now and then (d < 0.12), a 5–15% discount.
    const lineQuantity = (l: number) =>
      sql.raw(`case when uq${l} < 0.72 then 1 when uq${l} < 0.92 then 2 else 3 end`);
    const lineUnitPrice = (l: number) =>
      sql.raw(`case when d${l} < 0.12
            then prices[i${l}] - (round(prices[i${l}] * (0.05 + 0.10 * d${l} / 0.12) / 10) * 10)::bigint
            else prices[i${l}] end`);
    const zipfRank = (u: string) =>
      sql`1 + least(${num(R - 1)}, floor(${num(zipfShift)} * power(${num((R + zipfShift) / zipfShift)}, ${sql.raw(u)}) - ${num(zipfShift)}))::int`;
    await run(sql`
      create temp table _seed_o on commit drop as
      select g, ${nextId("orders")} as id, crank, placed_at, paid, group_buy, n,
             pid1, pid2, pid3, pid4, q1, q2, q3, q4, up1, up2, up3, up4,
             q1 * up1 + case when n >= 2 then q2 * up2 else 0 end
                      + case when n >= 3 then q3 * up3 else 0 end
                      + case when n >= 4 then q4 * up4 else 0 end as total
      from (
        select g, n, paid, group_buy, q1, q2, q3, q4,
               coalesce(fixed_rank, case when r.churn >= tau then r1 else r2 end) as crank,
               to_timestamp(floor((day + (hour - 1 + (rmass - (${cumulative})[hour]) / ((${cumulative})[hour + 1] - (${cumulative})[hour])) / 24) * ${num(DAY)} - ${num(offset)})) as placed_at,
               a.pids[i1] as pid1, a.pids[i2] as pid2, a.pids[i3] as pid3, a.pids[i4] as pid4,
               ${lineUnitPrice(1)} as up1, ${lineUnitPrice(2)} as up2, ${lineUnitPrice(3)} as up3, ${lineUnitPrice(4)} as up4
        from (
          select g, tau, fixed_rank, r1, r2, n, paid, group_buy,
                 floor(mass) as day, mass - floor(mass) as rmass, width_bucket(mass - floor(mass), ${cumulative}) as hour,
                 i1, i2, i3, i4, q1, q2, q3, q4, d1, d2, d3, d4
          from (
            select g, tau, ${num(massStart)} + tau * ${num(massEnd - massStart)} as mass,
                   case when s <= ${num(withOrder)} then s when s <= ${num(C + R)} then s - ${num(C)} end as fixed_rank,
                   ${zipfRank("u_r1")} as r1, ${zipfRank("u_r2")} as r2,
                   s <= ${num(R)} or (s > ${num(C)} and s <= ${num(C + R)}) or u_cancel >= ${num(cancelRate)} as paid,
                   u_group < 0.4 as group_buy,
                   case when u_n < 0.68 then 1 when u_n < 0.87 then 2 when u_n < 0.96 then 3 else 4 end as n,
                   b0 % ${num(P)} + 1 as i1, (b0 + k0) % ${num(P)} + 1 as i2,
                   (b0 + 2 * k0) % ${num(P)} + 1 as i3, (b0 + 3 * k0) % ${num(P)} + 1 as i4,
                   ${lineQuantity(1)} as q1, ${lineQuantity(2)} as q2, ${lineQuantity(3)} as q3, ${lineQuantity(4)} as q4,
                   d1, d2, d3, d4
            from (
              select g, s, u_r1, u_r2, u_cancel, u_group, u_n, uq1, uq2, uq3, uq4, d1, d2, d3, d4,
                     (-1 + sqrt(1 + 8 * ((g - 1 + u_time) / ${num(Math.max(O, 1))}))) / 2 as tau,
                     floor(${num(P)} * power(u_base, 2))::int as b0,
                     1 + floor(u_step * ${num(step)})::int as k0
              from (
                select g, s,
                       ${unit(sql`ha`, 0)} as u_r1, ${unit(sql`ha`, 1)} as u_r2, ${unit(sql`ha`, 2)} as u_time, ${unit(sql`ha`, 3)} as u_cancel,
                       ${unit(sql`hb`, 0)} as u_group, ${unit(sql`hb`, 1)} as u_n, ${unit(sql`hb`, 2)} as u_base, ${unit(sql`hb`, 3)} as u_step,
                       ${unit(sql`hc`, 0)} as uq1, ${unit(sql`hc`, 1)} as uq2, ${unit(sql`hc`, 2)} as uq3, ${unit(sql`hc`, 3)} as uq4,
                       ${unit(sql`hd`, 0)} as d1, ${unit(sql`hd`, 1)} as d2, ${unit(sql`hd`, 2)} as d3, ${unit(sql`hd`, 3)} as d4
                from (
                  select g, ((g - 1)::bigint * ${num(mult)} + floor(${num(O)} * ${unit(hash(seed, sql`'0'`, "spread"), 0)})::bigint) % ${num(Math.max(O, 1))} + 1 as s,
                         ${hash(seed, sql`g`, "order")} as ha, ${hash(seed, sql`g`, "basket")} as hb,
                         ${hash(seed, sql`g`, "quantity")} as hc, ${hash(seed, sql`g`, "discount")} as hd
                  from generate_series(1, ${num(O)}) g
                  offset 0
                ) x0
                offset 0
              ) x1
              offset 0
            ) x2
            offset 0
          ) x3
          offset 0
        ) x4
        cross join (select array_agg(price order by idx) as prices, array_agg(id order by idx) as pids from _seed_p) a
        left join _seed_r r on r.rank = x4.r1 and x4.fixed_rank is null
      ) x5`);
    await run(sql`analyze _seed_o`);

    // 4. Customers, numbered by their first order (those without one come last).
    await run(sql`
      create temp table _seed_c on commit drop as
      select rank, idx, ${nextId("customers")} as id, first_paid, last_paid
      from (
        select r.rank, row_number() over (order by a.first_g nulls last, r.rank) as idx, a.first_paid, a.last_paid
        from generate_series(1, ${num(C)}) r(rank)
        left join (
          select crank, min(g) as first_g,
                 min(placed_at) filter (where paid) as first_paid, max(placed_at) filter (where paid) as last_paid
          from _seed_o group by crank
        ) a on a.crank = r.rank
      ) x
      order by idx`);
    await run(sql`analyze _seed_c`);

    // 5. The store's rows. Foreign-key checks are most of the cost of these inserts (one
    // lookup per row and per key: ~60% of the time on PGlite), and every row here references
    // rows that this transaction has just inserted from the same temp tables, so they hold by
    // construction (checked below by the row counts) and the store row is locked. When the
    // role may do it and the tables have no triggers of their own, skip them the way pg_dump
    // restores do (db/bulk.ts), for this transaction only.
    return withoutForeignKeyChecks(
      tx,
      ["products", "customers", "customer_flags", "orders", "order_items", "returns", "reviews", "shares", "customer_flag_events"],
      async () => {
        const products = await run(sql`
          insert into products (store_id, id, external_id, name, price, floor_price, stock) overriding system value
          select ${S}, id, ${externalId("SKU", sql`idx`, 5)}, name, price, floor_price, stock from _seed_p order by idx`);

        // Nicknames: real names, masked names (张**), chosen nicknames and masked phone numbers.
        const customers = await run(sql`
          insert into customers (store_id, id, external_id, name, first_order_at, last_order_at) overriding system value
          select ${S}, id, ${externalId("C", sql`idx`, 7)},
                 case when ${unit(sql`h`, 0)} < 0.45 then ${pick(SURNAMES, unit(sql`h`, 1))} || ${pick(GIVEN, unit(sql`h`, 2))}
                             || case when ${unit(sql`h`, 3)} < 0.6 then ${pick(GIVEN, unit(sql`h`, 3))} else '' end
                      when ${unit(sql`h`, 0)} < 0.70 then ${pick(SURNAMES, unit(sql`h`, 1))}
                             || case when ${unit(sql`h`, 2)} < 0.7 then '**' else '*' || ${pick(GIVEN, unit(sql`h`, 3))} end
                      when ${unit(sql`h`, 0)} < 0.85 then ${pick(NICKNAMES, unit(sql`h`, 1))}
                             || case when ${unit(sql`h`, 2)} < 0.5 then '' else floor(${unit(sql`h`, 3)} * 1000)::int::text end
                      else '1' || ${pick(["3", "5", "7", "8", "9"], unit(sql`h`, 1))} || floor(${unit(sql`h`, 2)} * 10)::int::text
                             || '****' || lpad(floor(${unit(sql`h`, 3)} * 10000)::int::text, 4, '0') end,
                 first_paid, last_paid
          from (select c.*, ${hash(seed, sql`idx`, "customer")} as h from _seed_c c offset 0) x
          order by idx`);

        const orders = await run(sql`
          insert into orders (store_id, id, external_id, customer_id, placed_at, status, group_buy, total) overriding system value
          select ${S}, o.id, ${externalId("O", sql`o.g`, 8)}, c.id, o.placed_at,
                 (case when o.paid then 'paid' else 'cancelled' end)::order_status, o.group_buy, o.total
          from _seed_o o join _seed_c c on c.rank = o.crank`);

        // Every order found its customer, so every reference made below points at a row inserted here.
        if (products.rowCount !== P || customers.rowCount !== C || orders.rowCount !== O) {
          throw new Error(
            `Seed inserted ${products.rowCount} products, ${customers.rowCount} customers, ${orders.rowCount} orders; expected ${P}, ${C}, ${O}`,
          );
        }

        const orderItems = await run(sql`
          insert into order_items (store_id, order_id, line_no, product_id, quantity, unit_price)
          select ${S}, o.id, l.line_no, l.product_id, l.quantity, l.unit_price
          from _seed_o o
          cross join lateral (values (1, o.pid1, o.q1, o.up1), (2, o.pid2, o.q2, o.up2),
                                     (3, o.pid3, o.q3, o.up3), (4, o.pid4, o.q4, o.up4))
            as l(line_no, product_id, quantity, unit_price)
          where l.line_no <= o.n`);

        // Engagement happens on paid orders: ~6% returned, ~25% reviewed, ~10% shared (group buys
        // are shared more: 拼单 needs friends).
        await run(sql`
          create temp table _seed_e on commit drop as
          select * from (
            select o.g, o.id as order_id, c.id as customer_id, o.placed_at, o.total, o.group_buy, o.n,
                   o.pid1, o.pid2, o.pid3, o.pid4, o.q1, o.up1,
                   ${unit(sql`h`, 0)} as u_return, ${unit(sql`h`, 1)} as u_review, ${unit(sql`h`, 2)} as u_share,
                   ${unit(sql`h`, 3)} as u_line
            from (select o.*, ${hash(seed, sql`o.g`, "engage")} as h from _seed_o o where o.paid offset 0) o
            join _seed_c c on c.rank = o.crank
            offset 0
          ) x
          where u_return < 0.06 or u_review < 0.25 or u_share < case when group_buy then 0.16 else 0.06 end`);

        const returns = await run(sql`
          insert into returns (store_id, external_id, customer_id, order_id, type, amount, requested_at, status)
          select ${S}, ${externalId("R", sql`row_number() over (order by g)`, 8)}, customer_id, order_id,
                 type::return_type, amount, requested_at,
                 (case when requested_at > ${nowSql} - interval '3 days'
                       then case when u4 < 0.7 then 'requested' else 'approved' end
                       when u4 < 0.78 then 'completed' when u4 < 0.90 then 'rejected'
                       when u4 < 0.95 then 'approved' else 'requested' end)::return_status
          from (
            select g, customer_id, order_id, u4,
                   placed_at + round((1 + 9 * u0) * ${num(DAY)}) * interval '1 second' as requested_at,
                   case when u1 < 0.45 then 'refund_only' when u1 < 0.85 then 'return_refund' else 'exchange' end as type,
                   case when u1 >= 0.85 then up1
                        when u1 < 0.45 then case when u2 < 0.5 then total else greatest(1, round(total * (0.1 + 0.6 * u3)))::bigint end
                        else case when n = 1 or u2 < 0.6 then total else q1 * up1 end end as amount
            from (
              select e.*, ${unit(sql`h`, 0)} as u0, ${unit(sql`h`, 1)} as u1, ${unit(sql`h`, 2)} as u2,
                     ${unit(sql`h`, 3)} as u3, ${unit(sql`h2`, 0)} as u4
              from (select e.*, ${hash(seed, sql`e.g`, "return")} as h, ${hash(seed, sql`e.g`, "return-status")} as h2
                    from _seed_e e where u_return < 0.06 offset 0) e
            ) x
          ) y
          where requested_at <= ${nowSql}`);

        // Ratings are mostly 5 and 4; an order that was returned gets a worse one.
        const reviews = await run(sql`
          insert into reviews (store_id, external_id, customer_id, order_id, product_id, rating, has_photos, likes, created_at)
          select ${S}, ${externalId("V", sql`row_number() over (order by g)`, 8)}, customer_id, order_id, product_id,
                 rating, has_photos, floor(51 * power(u3, case when has_photos then 2.5 else 5 end))::int, created_at
          from (
            select g, customer_id, order_id, u3,
                   case 1 + floor(u_line * n)::int when 1 then pid1 when 2 then pid2 when 3 then pid3 else pid4 end as product_id,
                   case when u_return < 0.06
                        then case when u1 < 0.15 then 5 when u1 < 0.30 then 4 when u1 < 0.50 then 3 when u1 < 0.65 then 2 else 1 end
                        else case when u1 < 0.70 then 5 when u1 < 0.87 then 4 when u1 < 0.93 then 3 when u1 < 0.96 then 2 else 1 end
                   end as rating,
                   u2 < 0.30 as has_photos,
                   placed_at + round((2 + 13 * power(u0, 1.5)) * ${num(DAY)}) * interval '1 second' as created_at
            from (
              select e.*, ${unit(sql`h`, 0)} as u0, ${unit(sql`h`, 1)} as u1, ${unit(sql`h`, 2)} as u2, ${unit(sql`h`, 3)} as u3
              from (select e.*, ${hash(seed, sql`e.g`, "review")} as h from _seed_e e where u_review < 0.25 offset 0) e
            ) x
          ) y
          where created_at <= ${nowSql}`);

        const shares = await run(sql`
          insert into shares (store_id, external_id, customer_id, product_id, shared_at, conversions)
          select ${S}, ${externalId("S", sql`row_number() over (order by g)`, 8)}, customer_id, product_id, shared_at, conversions
          from (
            select g, customer_id,
                   case when u1 < 0.8 then pid1 else case 1 + floor(u_line * n)::int when 1 then pid1 when 2 then pid2 when 3 then pid3 else pid4 end end as product_id,
                   placed_at + round(power(u0, 3) * 2 * ${num(DAY)}) * interval '1 second' as shared_at,
                   floor(6 * power(u2, case when group_buy then 2 else 3 end))::int as conversions
            from (
              select e.*, ${unit(sql`h`, 0)} as u0, ${unit(sql`h`, 1)} as u1, ${unit(sql`h`, 2)} as u2
              from (select e.*, ${hash(seed, sql`e.g`, "share")} as h from _seed_e e
                    where u_share < case when group_buy then 0.16 else 0.06 end offset 0) e
            ) x
          ) y
          where shared_at <= ${nowSql}`);

        // ~0.5% of customers carry a compliance flag set by staff (no user: seeded) within the last
        // 30 days, recorded in the flag history too, as setting one in the app does.
        const flagged = await run(sql`
          with flagged as (
            select id, (case when u1 < 0.4 then 'confirmed_fraud' else 'malicious_complaint' end)::compliance_flag as flag,
                   case when u1 < 0.4 then ${pick(FRAUD_REASONS, unit(sql`h`, 2))} else ${pick(COMPLAINT_REASONS, unit(sql`h`, 2))} end as reason,
                   ${nowSql} - round(${unit(sql`h`, 3)} * 30 * ${num(DAY)}) * interval '1 second' as set_at
            from (select id, h, ${unit(sql`h`, 0)} as u0, ${unit(sql`h`, 1)} as u1
                  from (select id, ${hash(seed, sql`idx`, "flag")} as h from _seed_c offset 0) x offset 0) y
            where u0 < 0.005
          ), history as (
            insert into customer_flag_events (store_id, customer_id, flag, action, reason, created_at)
            select ${S}, id, flag, 'set', reason, set_at from flagged
          )
          insert into customer_flags (store_id, customer_id, flag, reason, created_at)
          select ${S}, id, flag, reason, set_at from flagged`);

        for (const t of ["_seed_p", "_seed_r", "_seed_o", "_seed_c", "_seed_e"]) await run(sql.raw(`drop table pg_temp.${t}`));

        return {
          customers: customers.rowCount ?? 0,
          products: products.rowCount ?? 0,
          orders: orders.rowCount ?? 0,
          orderItems: orderItems.rowCount ?? 0,
          returns: returns.rowCount ?? 0,
          reviews: reviews.rowCount ?? 0,
          shares: shares.rowCount ?? 0,
          flagged: flagged.rowCount ?? 0,
        };
      },
    );
  });
  await refreshStatistics(db);
  return { ...result, tookMs: Math.round(performance.now() - started) };
}
