import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Locator, Page } from "@playwright/test";
import { runningEmbeddedServerUrl } from "../db/embedded";
import { dataDir, expect, expectFits, expectKeyboardScrollRegion, importOrders, laoke, maxLines, signIn, storageState, tableRegion, test } from "./fixtures";

// The owner's dashboard on the seeded demo store, its numbers checked against what the database
// says (queried here directly, with SQL written independently of lib/dashboard), the chart
// links, the period selector, and what staff get instead.

const count = (n: number) => new Intl.NumberFormat("zh-CN").format(n);
const percent = (x: number) => new Intl.NumberFormat("zh-CN", { style: "percent", maximumFractionDigits: 1 }).format(x);

async function query<T extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const url = runningEmbeddedServerUrl(dataDir);
  if (!url) throw new Error(`No embedded database is running on ${dataDir}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const demo = async () => Number((await query<{ id: string }>("select id from stores where slug = 'demo'"))[0]!.id);

/** The table behind a chart, opened as a person would (its <details>). */
async function chartTable(page: Page, chart: string): Promise<Locator> {
  const card = page.getByTestId(`chart-${chart}`);
  await card.locator("summary").click();
  return card.locator("table");
}

const cell = (table: Locator, row: string, column: number) => table.locator(`tr[data-row="${row}"] td`).nth(column);

test.describe("the owner's dashboard", () => {
  test.use({ storageState: storageState("owner") });

  test("shows the headline numbers and every chart with the database's numbers", async ({ page }) => {
    const storeId = await demo();
    await page.goto("/s/demo");
    await expect(page.getByRole("heading", { name: "概览", level: 1 })).toBeVisible();

    const [run] = await query<{ customers: number; scored: number; repeat_customers: number; high_value: number }>(
      "select customers, scored, repeat_customers, high_value from score_runs where store_id = $1 and took_ms is not null order by id desc limit 1",
      [storeId],
    );
    expect(run!.customers).toBe(2000);
    await expect(page.getByTestId("headline-customers")).toHaveText(count(run!.customers));
    await expect(page.getByTestId("headline-repeat-rate")).toHaveText(percent(run!.repeat_customers / run!.scored));
    await expect(page.getByTestId("headline-high-value")).toHaveText(count(run!.high_value));
    const [activity] = await query<{ members: number; open: number }>(
      `select (select count(distinct customer_id)::int from customer_memberships
                where store_id = $1 and starts_at <= now() and ends_at > now() and (cancelled_at is null or cancelled_at > now())) as members,
              (select count(*)::int from disputes
                where store_id = $1 and status in ('submitted', 'in_review', 'routed', 'escalated')) as open`,
      [storeId],
    );
    await expect(page.getByTestId("headline-members")).toHaveText(count(activity!.members));
    await expect(page.getByTestId("headline-open-disputes")).toHaveText(count(activity!.open));

    // Tier movement between the last two recomputes, as the database has it. Specs before this
    // one recompute the demo store (a compliance flag set and cleared moves nobody), so whether
    // anyone moved depends on what ran before: the chart shows exactly that, or its empty state.
    const moves = await query<{ from_tier: string; to_tier: string; n: number }>(
      `select previous_tier::text as from_tier, tier::text as to_tier, count(*)::int as n from customer_scores
       where store_id = $1 and previous_tier is not null and previous_tier <> tier group by 1, 2`,
      [storeId],
    );
    const [anyMove] = await query<{ n: number }>(
      "select count(*)::int as n from customer_scores where store_id = $1 and previous_tier is distinct from tier",
      [storeId],
    );
    const movementCard = page.getByTestId("chart-tier-movement");
    if (anyMove!.n === 0) await expect(movementCard.getByTestId("chart-empty")).toHaveCount(1);
    else await expect(movementCard.locator("svg.recharts-surface").first()).toBeVisible();

    // Every other chart is drawn (an SVG) with data, none in its empty state.
    for (const chart of ["tiers", "scores", "tier-share", "concentration", "repeat-by-month", "flash-sell-through", "flash-buyers", "disputes"]) {
      const card = page.getByTestId(`chart-${chart}`);
      await expect(card.locator("svg.recharts-surface").first(), chart).toBeVisible();
      await expect(card.getByTestId("chart-empty"), chart).toHaveCount(0);
    }

    // A sale's axis label is its product over its date, each on a line of its own: cut for one line
    // and broken again at its spaces by recharts, it read "精选安岳柠檬3袋装 ·" over a lone "…".
    const saleTicks = page.getByTestId("chart-flash-sell-through").locator(".recharts-yAxis-tick-labels text");
    expect(await saleTicks.count()).toBeGreaterThan(0);
    for (const tick of await saleTicks.all()) {
      const lines = await tick.locator("tspan").allTextContents();
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^\d{1,2}月\d{1,2}日$/);
    }

    // Customers per tier.
    const tiers = await query<{ tier: string; n: number }>(
      "select tier::text, count(*)::int as n from customer_scores where store_id = $1 group by tier",
      [storeId],
    );
    const tierTable = await chartTable(page, "tiers");
    // Opened, a chart's table stands in a box named after the chart.
    await expect(tableRegion(page, "各等级客户数").locator("table")).toBeVisible();
    for (const { tier, n } of tiers) await expect(cell(tierTable, tier, 0), tier).toHaveText(count(n));

    // The 60–70 score band.
    const [band] = await query<{ n: number }>(
      "select count(*)::int as n from customer_scores where store_id = $1 and score >= 60 and score < 70",
      [storeId],
    );
    await expect(cell(await chartTable(page, "scores"), "60", 0)).toHaveText(count(band!.n));

    // The Pareto headline: the top fifth of buyers by net spend and their share of it.
    const [pareto] = await query<{ k: number; share: number }>(
      `select floor(count(*) * 0.2)::int as k,
              (select sum(greatest(net_spend, 0)) from (
                 select net_spend from customer_scores where store_id = $1 and orders > 0
                 order by net_spend desc limit (select floor(count(*) * 0.2) from customer_scores where store_id = $1 and orders > 0)) t
              )::float8 / sum(greatest(net_spend, 0))::float8 as share
       from customer_scores where store_id = $1 and orders > 0`,
      [storeId],
    );
    await expect(page.getByTestId("pareto-headline")).toContainText(`${count(pareto!.k)} 位`);
    await expect(page.getByTestId("pareto-headline")).toContainText(percent(pareto!.share));

    // This month's buyers and returning buyers (months in the store's time zone, Asia/Shanghai).
    const [month] = await query<{ month: string; buyers: number; returning: number }>(
      `select to_char(date_trunc('month', now() at time zone 'Asia/Shanghai'), 'YYYY-MM') as month,
              count(distinct o.customer_id)::int as buyers,
              count(distinct o.customer_id) filter (where exists (
                select 1 from orders e where e.store_id = o.store_id and e.customer_id = o.customer_id
                  and e.status = 'paid' and e.placed_at < o.placed_at))::int as returning
       from orders o
       where o.store_id = $1 and o.status = 'paid'
         and date_trunc('month', o.placed_at at time zone 'Asia/Shanghai') = date_trunc('month', now() at time zone 'Asia/Shanghai')`,
      [storeId],
    );
    const repeatTable = await chartTable(page, "repeat-by-month");
    await expect(cell(repeatTable, month!.month, 0)).toHaveText(count(month!.buyers));
    await expect(cell(repeatTable, month!.month, 1)).toHaveText(count(month!.returning));

    // Tier movement's numbers, when there are any.
    if (moves.length > 0) {
      const movementTable = await chartTable(page, "tier-movement");
      for (const m of moves) await expect(cell(movementTable, `${m.from_tier}-${m.to_tier}`, 2)).toHaveText(count(m.n));
    }

    // Flash-sale buyers by the tier they held when claiming, over the last 365 days.
    const buyers = await query<{ tier: string; n: number }>(
      `select c.tier::text, count(distinct c.customer_id)::int as n from flash_sale_claims c
       join flash_sales f on f.store_id = c.store_id and f.id = c.sale_id
       where c.store_id = $1 and f.starts_at >= now() - interval '365 days' and f.starts_at < now() group by 1`,
      [storeId],
    );
    expect(buyers.length).toBeGreaterThan(0);
    const buyersTable = await chartTable(page, "flash-buyers");
    for (const b of buyers) await expect(cell(buyersTable, b.tier, 0), b.tier).toHaveText(count(b.n));

    // Disputes by type and status, filed in the last 365 days.
    const mix = await query<{ type: string; status: string; n: number }>(
      `select type::text, status::text, count(*)::int as n from disputes
       where store_id = $1 and created_at >= now() - interval '365 days' group by 1, 2`,
      [storeId],
    );
    const disputesTable = await chartTable(page, "disputes");
    for (const m of mix) await expect(cell(disputesTable, `${m.type}-${m.status}`, 1)).toHaveText(count(m.n));
  });

  test("the overdue disputes tile counts the open disputes past their deadline, beside the open ones, and opens them", async ({ page }) => {
    const storeId = await demo();
    const [row] = await query<{ overdue: number }>(
      `select count(*)::int as overdue from disputes
       where store_id = $1 and status in ('submitted', 'in_review', 'routed', 'escalated') and deadline_at < now()`,
      [storeId],
    );
    // The demo store seeds disputes past their deadline.
    expect(row!.overdue).toBeGreaterThan(0);
    await page.goto("/s/demo");
    const tile = page.getByTestId("headline-overdue-disputes");
    await expect(tile).toHaveText(count(row!.overdue));
    await expect(tile).toHaveClass(/text-red-700/);
    // On the same row as the open disputes, right after them.
    const open = (await page.getByTestId("headline-open-disputes").boundingBox())!;
    const overdue = (await tile.boundingBox())!;
    expect(Math.abs(overdue.y - open.y)).toBeLessThan(2);
    expect(overdue.x).toBeGreaterThan(open.x);
    await tile.click();
    await expect(page).toHaveURL(/\/s\/demo\/disputes\?overdue=true$/);
    await expect(page.getByTestId("dispute-row")).toHaveCount(Math.min(row!.overdue, 50));
    await expect(page.locator('[data-testid="dispute-row"]:not([data-overdue])')).toHaveCount(0);
  });

  test("a bar opens the list behind it", async ({ page }) => {
    await page.goto("/s/demo");
    // Named in the reader's language: a Chinese label takes a full-width colon.
    await expect(page.getByTestId("chart-tiers").locator('a[data-key="gold"]')).toHaveAttribute("aria-label", /^金牌：[\d,]+$/);
    // A bar of one series in a category reads as one phrase ("金牌，净消费占比：…"), not "金牌 · 净消费占比".
    await expect(page.getByTestId("chart-tier-share").locator('a[data-key="gold"]').last()).toHaveAttribute("aria-label", /^金牌，净消费占比：[\d.]+%$/);
    await page.getByTestId("chart-tiers").locator('a[data-key="gold"]').click();
    await expect(page).toHaveURL(/\/s\/demo\/customers\?tier=gold$/);
    const tiers = await page.getByTestId("customer-row").locator("[data-tier]").evaluateAll((els) => els.map((e) => e.getAttribute("data-tier")));
    expect(tiers.length).toBeGreaterThan(0);
    expect(new Set(tiers)).toEqual(new Set(["gold"]));

    await page.goto("/s/demo");
    await page.getByTestId("chart-scores").locator('a[data-key="60"]').click();
    await expect(page).toHaveURL(/minScore=60&maxScore=70/);
    await expect(page.getByTestId("chart-filter")).toHaveText("得分 60 至 70 以下");
    const scores = (await page.getByTestId("score").allTextContents()).map(Number);
    expect(scores.length).toBeGreaterThan(0);
    for (const score of scores) expect(score >= 60 && score < 70, String(score)).toBe(true);
  });

  test("in English a bar's number and the axis say what the chart's table says, not \"1.2K\"", async ({ page }) => {
    await page.goto("/s/demo");
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
    await page.reload();
    const card = page.getByTestId("chart-tiers");
    await expect(card.locator("svg.recharts-surface").first()).toBeVisible();
    const table = await chartTable(page, "tiers");
    const counts = await table.locator("tbody tr td:first-of-type").allTextContents();
    // The ordinary tier holds over a thousand of the demo's 2,000 customers.
    expect(counts.some((n) => /^\d,\d{3}$/.test(n))).toBe(true);
    await expect.poll(() => card.locator(".recharts-label-list text").allTextContents()).toEqual(counts);
    const ticks = await card.locator(".recharts-yAxis-tick-labels text").allTextContents();
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.filter((tick) => /K$/.test(tick))).toEqual([]);
  });

  // Five English tiers on a phone stood straight under bars narrower than their names and ran
  // together ("DiamondCrown"): where one does not fit its bar, they slant; where all fit, they stand.
  test("the tier chart's labels never run into each other, on a phone or a desktop", async ({ browser }) => {
    for (const [width, slanted] of [[390, true], [1280, false]] as const) {
      const context = await browser.newContext({ storageState: storageState("owner"), viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto("/s/demo");
      await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
      await page.reload();
      const ticks = page.getByTestId("chart-tiers").locator(".recharts-xAxis-tick-labels text");
      await expect(ticks).toHaveCount(5);
      const labels = await ticks.evaluateAll((nodes) =>
        nodes.map((node) => {
          const box = node.getBoundingClientRect();
          return { text: node.textContent, left: box.left, right: box.right, rotated: /rotate\(-/.test(node.getAttribute("transform") ?? "") };
        }),
      );
      expect(labels.map((l) => l.text), `${width} px`).toEqual(["Ordinary", "Silver", "Gold", "Diamond", "Crown"]);
      expect(labels.every((l) => l.rotated === slanted), `${width} px: ${JSON.stringify(labels)}`).toBe(true);
      if (!slanted) {
        for (let i = 1; i < labels.length; i++) expect(labels[i]!.left, `${labels[i - 1]!.text} | ${labels[i]!.text}`).toBeGreaterThan(labels[i - 1]!.right + 2);
      }
      await context.close();
    }
  });

  // Opened on a phone in English, the tiers' table (460 px) widened its card and the page past
  // the screen, which then scrolled sideways as a whole.
  test("a chart's table opened on a phone scrolls in its box, not the page, in both languages", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState("owner"), viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    await page.goto("/s/demo");
    for (const [locale, title] of [["en", "Customers by tier"], ["zh-CN", "各等级客户数"]] as const) {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
      await page.reload();
      const card = page.getByTestId("chart-tiers");
      await card.locator("summary").click();
      const region = tableRegion(card, title);
      await expect(region.locator("table")).toBeVisible();
      expect(await card.evaluate((element) => element.getBoundingClientRect().right), locale).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), locale).toBeLessThanOrEqual(0);
      if (locale === "en") await expectKeyboardScrollRegion(page, title);
      else {
        // In Chinese it fits, each tier's name on one line: 4 px too wide, it stood 普/通 over two.
        await expectFits(region);
        expect(await maxLines(region.getByRole("rowheader")), locale).toBe(1);
        expect(await maxLines(region.getByRole("columnheader")), locale).toBe(1);
      }
    }
    await context.close();
  });

  // The chart of disputes by type cut its labels to a 160 px column ("Counterfeit accusa…",
  // "Unfair platform tr…"), and on a phone that column took half the bars' room.
  test("the disputes chart names every type in full, on a phone and a desktop, in both languages", async ({ browser, request }) => {
    const slug = `dispute-types-${randomUUID().slice(0, 8)}`;
    const owner = { email: `owner@${slug}.laoke`, password: "dispute-types-pw" };
    laoke("store", "create", "--slug", slug, "--name", "维权类型店");
    laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
    const token = laoke("token", "create", "--store", slug, "--name", "e2e-types").trim().split("\n").at(-1)!.trim();
    // Scored, so the dashboard draws its charts; a draft of every type, in the chart's order.
    importOrders(slug, [`O1,C1,Ann,${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)} 10:00:00,paid,false,P1,Mug,1,35.00`]);
    const types = ["ip_infringement", "counterfeit_accusation", "malicious_complaint", "fake_return", "unfair_platform_treatment", "malicious_competition", "supplier_quality", "brand_authorization"];
    for (const type of types) {
      const filed = await request.post("/api/v1/disputes", { headers: { authorization: `Bearer ${token}` }, data: { type, title: `Draft ${type}`, draft: true } });
      expect(filed.status(), await filed.text()).toBe(201);
    }
    const names = {
      en: ["IP infringement", "Counterfeit accusation", "Malicious complaint", "Fake return", "Unfair platform treatment", "Malicious competition", "Supplier quality", "Brand authorisation"],
      "zh-CN": ["知识产权侵权", "被指侵权/假货", "恶意投诉", "虚假退货", "平台不公平对待", "恶意竞争", "供应商质量问题", "品牌授权争议"],
    };
    for (const width of [390, 1280]) {
      // Signed in as this store's owner, not the demo owner the describe block's storage state holds.
      const context = await browser.newContext({ viewport: { width, height: 900 }, storageState: { cookies: [], origins: [] } });
      const page = await context.newPage();
      await signIn(page, owner);
      await expect(page).toHaveURL(`/s/${slug}`);
      for (const locale of ["zh-CN", "en"] as const) {
        await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
        await page.reload();
        const card = page.getByTestId("chart-disputes");
        const ticks = card.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value");
        await expect(ticks).toHaveCount(8);
        const where = `${locale} at ${width} px`;
        const labels = await ticks.evaluateAll((nodes) =>
          nodes.map((node) => {
            const box = node.getBoundingClientRect();
            return { lines: [...node.querySelectorAll("tspan")].map((t) => t.textContent ?? ""), top: box.top, bottom: box.bottom, left: box.left, right: box.right };
          }),
        );
        // Every name whole, on one line where there is room, on two on a phone where there is not.
        const joiner = locale === "en" ? " " : "";
        expect(labels.map((l) => l.lines.join(joiner)), where).toEqual(names[locale]);
        const mostLines = Math.max(...labels.map((l) => l.lines.length));
        expect(mostLines, where).toBe(width === 390 && locale === "en" ? 2 : 1);
        // Within the chart, clear of the bars, and apart from each other.
        const svg = (await card.locator("svg.recharts-surface[role=application]").boundingBox())!;
        const plot = (await card.locator(".recharts-cartesian-grid").boundingBox())!;
        for (const label of labels) {
          expect(label.left, `${where}: ${label.lines.join(joiner)}`).toBeGreaterThanOrEqual(svg.x);
          expect(label.right, `${where}: ${label.lines.join(joiner)}`).toBeLessThanOrEqual(plot.x);
        }
        for (let i = 1; i < labels.length; i++) expect(labels[i]!.top, `${where}: ${names[locale][i]}`).toBeGreaterThanOrEqual(labels[i - 1]!.bottom);
        // The bars keep most of the width.
        expect(plot.width / svg.width, where).toBeGreaterThan(0.5);
      }
      await context.close();
    }
  });

  test("the net-spend curve names its even-spread diagonal beside the diagonal, not in the plot's corner", async ({ page }) => {
    await page.goto("/s/demo");
    const card = page.getByTestId("chart-concentration");
    const label = card.getByTestId("even-spread-label");
    await expect(label).toHaveText("平均分布");
    const plot = (await card.locator(".recharts-cartesian-grid").boundingBox())!;
    const box = (await label.boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    // Along the middle of the plot, a line's height from the diagonal that runs bottom left to top right.
    expect(cx).toBeGreaterThan(plot.x + plot.width * 0.3);
    expect(cx).toBeLessThan(plot.x + plot.width * 0.8);
    const diagonalY = plot.y + plot.height - ((cx - plot.x) / plot.width) * plot.height;
    expect(Math.abs(cy - diagonalY)).toBeLessThan(40);
  });

  test("the period selector changes the charts over time, not the scores", async ({ page }) => {
    await page.goto("/s/demo");
    const months365 = await (await chartTable(page, "repeat-by-month")).locator("tbody tr").count();
    await page.getByTestId("period-selector").getByRole("link", { name: "30 天" }).click();
    await expect(page).toHaveURL(/\?period=30$/);
    await expect(page.getByTestId("period-selector").getByRole("link", { name: "30 天" })).toHaveAttribute("aria-current", "page");
    const months30 = await (await chartTable(page, "repeat-by-month")).locator("tbody tr").count();
    expect(months30).toBeLessThanOrEqual(2);
    expect(months365).toBeGreaterThan(months30);
    await expect(page.getByTestId("headline-customers")).toHaveText("2,000");
  });

  test("downloads a chart's numbers as CSV", async ({ page }) => {
    const response = await page.request.get("/s/demo/dashboard/data?chart=tiers&period=365");
    expect(response.status()).toBe(200);
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("tier,customers,customerShare,netSpend (CNY),spendShare");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["ordinary", "silver", "gold", "diamond", "crown"]);
    const total = lines.slice(1).reduce((sum, l) => sum + Number(l.split(",")[1]), 0);
    expect(total).toBe(2000);
  });
});

test.describe("a store with no scores yet", () => {
  test("says where to begin in both languages, and still shows a dispute past its deadline", async ({ browser, request }) => {
    const slug = `unscored-${randomUUID().slice(0, 8)}`;
    const owner = { email: `owner@${slug}.laoke`, password: "unscored-owner-pw" };
    laoke("store", "create", "--slug", slug, "--name", "还没导入的店");
    laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
    const token = laoke("token", "create", "--store", slug, "--name", "e2e-unscored").trim().split("\n").at(-1)!.trim();
    const page = await (await browser.newContext()).newPage();
    await signIn(page, owner);
    await expect(page).toHaveURL(`/s/${slug}`);

    // Nothing at all: the empty state alone, its link on a line of its own below the sentence.
    const empty = page.getByTestId("dashboard-empty");
    const emptyStateReads = async (sentence: string, link: string) => {
      await expect(empty.locator("p")).toHaveText(sentence);
      const text = (await empty.locator("p").boundingBox())!;
      const go = (await empty.getByRole("link", { name: link }).boundingBox())!;
      expect(go.y).toBeGreaterThanOrEqual(text.y + text.height);
      expect(Math.abs(go.x - text.x)).toBeLessThan(2);
    };
    await emptyStateReads("还没有评分。请先导入订单（数据导入页、API 或命令行），客户评分完成后图表即会显示。", "前往数据导入");
    await expect(page.getByTestId("headline-overdue-disputes")).toHaveCount(0);

    // A dispute with the platform filed before any order, its deadline run out.
    const filed = await request.post("/api/v1/disputes", {
      headers: { authorization: `Bearer ${token}` },
      data: { type: "unfair_platform_treatment", title: "货款被无故冻结", description: "平台无故冻结了店铺两万元货款，没有说明理由。" },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    const { id } = (await filed.json()) as { id: number };
    await query("update disputes set deadline_at = now() - interval '1 day' where id = $1", [id]);

    await page.reload();
    await expect(page.getByTestId("headline-open-disputes")).toHaveText("1");
    const overdue = page.getByTestId("headline-overdue-disputes");
    await expect(overdue).toHaveText("1");
    await expect(overdue).toHaveClass(/text-red-700/);
    await expect(page.getByTestId("headline-customers")).toHaveCount(0);
    // The tiles and the empty state below them keep apart.
    const tiles = (await page.getByRole("definition").last().boundingBox())!;
    expect((await empty.boundingBox())!.y - (tiles.y + tiles.height)).toBeGreaterThanOrEqual(16);
    await page.getByRole("button", { name: "English" }).click();
    await emptyStateReads("No scores yet. Bring in orders (imports page, API or command line); the charts fill in once the customers are scored.", "Go to imports");
    await overdue.click();
    await expect(page).toHaveURL(`/s/${slug}/disputes?overdue=true`);
    await expect(page.getByTestId("dispute-row")).toHaveCount(1);
    await expect(page.getByTestId("dispute-row")).toHaveAttribute("data-overdue", "true");
  });
});

test.describe("staff", () => {
  test.use({ storageState: storageState("staff") });

  test("get their work queue instead of the charts, and 403 for the chart data", async ({ page }) => {
    await page.goto("/s/demo");
    for (const section of ["queue-my-disputes", "queue-review-disputes", "queue-overdue-disputes", "queue-flash-today", "queue-flagged", "my-customers-queue"]) {
      await expect(page.getByTestId(section), section).toBeVisible();
    }
    await expect(page.locator('[data-testid^="chart-"]')).toHaveCount(0);
    // A dispute's type and status read as one phrase, "恶意投诉（已转交）", not glued with " · ".
    await expect(page.getByTestId("overdue-dispute").first().getByTestId("dispute-kind")).toHaveText(/^[^·（]+（(已提交|审核中|已转交|已升级)）$/);
    await expect(page.getByTestId("headline-customers")).toHaveCount(0);
    // Flags set by the seed in the last 30 days are listed, each linking to the customer.
    const flagged = await query<{ n: number }>(
      `select count(*)::int as n from customer_flags f join stores s on s.id = f.store_id
       where s.slug = 'demo' and f.created_at > now() - interval '30 days'`,
    );
    await expect(page.getByTestId("flagged-customer")).toHaveCount(Math.min(10, flagged[0]!.n));
    // The repeat complainant the demo's disputes flagged is said in the reader's language, linking the dispute.
    const [byDispute] = await query<{ dispute_id: number }>(
      `select f.dispute_id::int from customer_flags f join stores s on s.id = f.store_id
       where s.slug = 'demo' and f.dispute_id is not null`,
    );
    const repeat = page.getByTestId("flagged-customer").filter({ hasText: `重复投诉人：提交维权案件 #${byDispute!.dispute_id} 时自动标记` });
    await expect(repeat).toContainText("由 系统 标记");
    await expect(repeat.getByRole("link", { name: `重复投诉人：提交维权案件 #${byDispute!.dispute_id} 时自动标记` })).toHaveAttribute(
      "href",
      `/s/demo/disputes/${byDispute!.dispute_id}`,
    );
    await expect(page.getByTestId("queue-flagged")).not.toContainText("Repeat complainant");

    expect((await page.request.get("/s/demo/dashboard/data?chart=tiers")).status()).toBe(403);
  });

  test("see the submitted disputes nobody has started reviewing, and open them all", async ({ page }) => {
    const waiting = await query<{ title: string }>(
      `select d.title from disputes d join stores s on s.id = d.store_id
       where s.slug = 'demo' and d.status = 'submitted' order by d.deadline_at asc nulls last, d.id limit 10`,
    );
    // The demo store has a counterfeit accusation filed and waiting, its 15-day clock running.
    expect(waiting.length).toBeGreaterThan(0);
    await page.goto("/s/demo");
    const section = page.getByRole("region", { name: "待审核的维权案件" });
    await expect(section.getByTestId("review-dispute").getByRole("link")).toHaveText(waiting.map((d) => d.title));
    await expect(section.getByTestId("dispute-kind").first()).toHaveText(/（已提交）$/);
    await section.getByRole("link", { name: "查看全部待审核维权案件" }).click();
    await expect(page).toHaveURL(/\/s\/demo\/disputes\?status=submitted$/);
    await expect(page.getByTestId("status-counts").locator('[data-status="submitted"]')).toHaveAttribute("aria-current", "page");

    await page.goto("/s/demo");
    await page.getByRole("button", { name: "English" }).click();
    const english = page.getByRole("region", { name: "Disputes waiting for review" });
    await expect(english.getByRole("link", { name: "All disputes waiting for review" })).toBeVisible();
    await expect(english.getByTestId("dispute-kind").first()).toHaveText(/\(Submitted\)$/);
  });
});

test.describe("another store's owner", () => {
  test.use({ storageState: storageState("other") });

  test("gets 404 for the demo store's dashboard and chart data", async ({ page }) => {
    expect((await page.request.get("/s/demo/dashboard/data?chart=tiers")).status()).toBe(404);
    expect((await page.goto("/s/demo"))!.status()).toBe(404);
  });
});
