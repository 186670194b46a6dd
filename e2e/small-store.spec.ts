import { randomUUID } from "node:crypto";
import type { APIRequestContext, Browser, Locator, Page } from "@playwright/test";
import { expect, laoke, signIn, storageState, test } from "./fixtures";

// A store that has just opened: no orders, then one buyer, then three, and one customer with
// hundreds of orders. What its owner sees on the dashboard (empty states, whole buyers on the
// axes, a Pareto line that makes sense for a few buyers, long product names cut to the chart) and
// on the customer's page (the latest orders and a paginated page of all of them).

interface SmallStore {
  slug: string;
  token: string;
  page: Page;
}

/** A fresh store with an owner signed in and an API token. */
async function openStore(browser: Browser, name: string): Promise<SmallStore> {
  const slug = `small-${randomUUID().slice(0, 8)}`;
  const owner = { email: `owner@${slug}.laoke`, password: "small-store-pw" };
  laoke("store", "create", "--slug", slug, "--name", name);
  laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
  const token = laoke("token", "create", "--store", slug, "--name", "e2e-small").trim().split("\n").at(-1)!.trim();
  const page = await (await browser.newContext()).newPage();
  await signIn(page, owner);
  await expect(page).toHaveURL(`/s/${slug}`);
  return { slug, token, page };
}

async function send(request: APIRequestContext, store: SmallStore, kind: string, records: unknown[]) {
  const response = await request.post(`/api/v1/${kind}`, { headers: { authorization: `Bearer ${store.token}` }, data: { [kind]: records } });
  expect(response.status(), await response.text()).toBe(200);
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const order = (externalId: string, customer: string, yuan: number, placedAt: string, product = { id: "P-1", name: "茶叶" }) => ({
  externalId,
  customer: { externalId: customer, name: customer },
  placedAt,
  status: "paid",
  items: [{ productExternalId: product.id, productName: product.name, quantity: 1, unitPrice: yuan * 100 }],
});

/** Today in the store's time zone (Asia/Shanghai, the default), as the sale's label has it. */
const saleDay = async (page: Page) =>
  page.evaluate(() => new Intl.DateTimeFormat("zh-CN", { month: "short", day: "numeric", timeZone: "Asia/Shanghai" }).format(new Date()));

const allCharts = ["tiers", "scores", "tier-share", "concentration", "repeat-by-month", "tier-movement", "flash-sell-through", "flash-buyers", "disputes"];

/** The tick labels of a chart's axes of one kind ("xAxis" or "yAxis"). */
const ticks = (card: Locator, axis: "xAxis" | "yAxis") => card.locator(`.recharts-${axis}-tick-labels .recharts-cartesian-axis-tick-value`).allTextContents();
/** A chart's drawing (its legend's swatches are small SVGs of the same class). */
const drawing = (card: Locator) => card.locator("svg.recharts-surface[role=application]");

test.describe("a small and new store", () => {
  test("a store with no orders shows an empty state on every chart, and one buyer reads as one", async ({ browser, request }) => {
    const store = await openStore(browser, "新开小店");
    const { page } = store;
    // Never scored: the dashboard says how to begin, and draws no chart.
    await expect(page.getByTestId("dashboard-empty")).toBeVisible();
    await expect(page.locator("svg.recharts-surface")).toHaveCount(0);
    // The customers page says where to begin too.
    await page.goto(`/s/${store.slug}/customers`);
    await page.getByTestId("customers-empty").getByRole("link", { name: "前往数据导入" }).click();
    await expect(page).toHaveURL(`/s/${store.slug}/imports`);
    await page.goto(`/s/${store.slug}`);

    // A customer who shared a product but never ordered: the scores are computed, still no order.
    await send(request, store, "shares", [{ externalId: "S-1", customerExternalId: "sharer", sharedAt: hoursAgo(2) }]);
    await page.reload();
    await expect(page.getByTestId("headline-customers")).toHaveText("1");
    for (const chart of allCharts) {
      const card = page.getByTestId(`chart-${chart}`);
      await expect(card.getByTestId("chart-empty"), chart).toBeVisible();
      await expect(card.locator("svg"), chart).toHaveCount(0);
    }
    await expect(page.getByTestId("pareto-headline")).toHaveCount(0);

    // Its first buyer: all of the net spend is theirs, said as such (not "the top 20% (0 customers)").
    await send(request, store, "orders", [order("O-1", "first", 88, hoursAgo(1))]);
    await page.reload();
    await expect(page.getByTestId("pareto-headline")).toHaveText("评分窗口内只有一位客户下单，全部净消费都来自这位客户。");
    const tiers = page.getByTestId("chart-tiers");
    await expect(drawing(tiers)).toBeVisible();
    const counts = await ticks(tiers, "yAxis");
    expect(counts.length).toBeGreaterThan(1);
    for (const tick of counts) expect(tick, counts.join(" ")).toMatch(/^\d+$/);
  });

  test("three buyers: whole buyers on every axis, the biggest spender's share, a long product name cut to the chart", async ({ browser, request }) => {
    const store = await openStore(browser, "三位客户的店");
    const { page } = store;
    const longName = "2026冬季新款加厚中长款连帽羽绒服男女同款保暖外套大码宽松面包服";
    await send(request, store, "products", [{ externalId: "LONG-1", name: longName, price: 50000, floorPrice: 30000, stock: 20 }]);
    // One buyer orders twice (160 of the 250 spent), two once; all in the last day, so in one month.
    await send(request, store, "orders", [
      order("O-1", "阿梅", 100, hoursAgo(5)),
      order("O-2", "阿梅", 60, hoursAgo(4)),
      order("O-3", "小林", 60, hoursAgo(3)),
      order("O-4", "老周", 30, hoursAgo(2)),
    ]);
    const sale = await request.post("/api/v1/flash-sales", {
      headers: { authorization: `Bearer ${store.token}` },
      data: { productExternalId: "LONG-1", price: 39900, quantity: 10, perCustomerLimit: 1, startsAt: hoursAgo(0.1), endsAt: hoursAgo(-2) },
    });
    expect(sale.status(), await sale.text()).toBe(201);
    const claim = await request.post(`/api/v1/flash-sales/${(await sale.json()).id}/claims`, {
      headers: { authorization: `Bearer ${store.token}` },
      data: { customerExternalId: "阿梅", quantity: 1, idempotencyKey: "small-1" },
    });
    expect(claim.status(), await claim.text()).toBe(201);

    await page.goto(`/s/${store.slug}`);
    await expect(page.getByTestId("pareto-headline")).toHaveText("评分窗口内只有 3 位客户下单：消费最多的一位贡献了 64% 的净消费。");
    // The table lists each of the three, not the top 1%, 5%… that hold nobody.
    const concentration = page.getByTestId("chart-concentration");
    await concentration.locator("summary").click();
    await expect(concentration.locator("tbody tr")).toHaveCount(3);

    // Buyers per month: 3 at most, so the left axis counts 0, 1, 2, 3… never 0.75 of a buyer.
    const months = page.getByTestId("chart-repeat-by-month");
    await expect(drawing(months)).toBeVisible();
    const buyerTicks = (await ticks(months, "yAxis")).filter((tick) => !tick.includes("%"));
    expect(buyerTicks.length).toBeGreaterThan(1);
    for (const tick of buyerTicks) expect(tick, buyerTicks.join(" ")).toMatch(/^\d+$/);

    // The sale's product name is cut with an ellipsis on the axis, its date on a line below; the bar
    // and its tooltip name it whole.
    const sellThrough = page.getByTestId("chart-flash-sell-through");
    await expect(drawing(sellThrough)).toBeVisible();
    const [name, day] = await sellThrough.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value tspan").allTextContents();
    expect(name).toMatch(/^2026冬季.*…$/);
    expect(name!.length).toBeLessThan(longName.length);
    expect(day).toBe(await saleDay(page));
    const bar = sellThrough.locator("a[data-key]");
    await expect(bar).toHaveAttribute("aria-label", `${longName} · ${await saleDay(page)}：10%`);
    await bar.hover();
    await expect(sellThrough.locator(".recharts-tooltip-wrapper")).toContainText(longName);
    // One buyer claimed: whole buyers on that chart's axis too. No dispute: that chart says so.
    const flashBuyers = page.getByTestId("chart-flash-buyers");
    await expect(drawing(flashBuyers)).toBeVisible();
    for (const tick of await ticks(flashBuyers, "yAxis")) expect(tick).toMatch(/^\d+$/);
    await expect(page.getByTestId("chart-disputes").getByTestId("chart-empty")).toBeVisible();
  });

  test("a customer with 120 orders: the latest 20 on their page, all of them 50 a page", async ({ browser, request }) => {
    const store = await openStore(browser, "老顾客的店");
    const { page } = store;
    const orders = Array.from({ length: 120 }, (_, i) => order(`BIG-${String(i).padStart(3, "0")}`, "大客户", 10 + i, hoursAgo(240 - i)));
    await send(request, store, "orders", orders);

    await page.goto(`/s/${store.slug}/customers`);
    await page.getByRole("link", { name: "大客户" }).click();
    await expect(page).toHaveURL(new RegExp(`/s/${store.slug}/customers/\\d+$`));
    const customerUrl = new URL(page.url()).pathname;
    // A store with no reviews yet: the factors it leaves out say why once ("不计入：…，此项不计入" said it twice).
    await expect(page.getByTestId("explanation").getByText("不计入：店铺在窗口内没有任何评价", { exact: true }).first()).toBeVisible();
    const latest = page.getByTestId("orders");
    await expect(latest.locator("tbody tr")).toHaveCount(20);
    await expect(latest.locator("tbody tr").first()).toContainText("BIG-119");
    // Amounts line up on the right.
    await expect(latest.locator("tbody tr").first().locator("td").last()).toHaveCSS("text-align", "right");
    await latest.getByRole("link", { name: "查看全部 120 条" }).click();

    await expect(page).toHaveURL(`${customerUrl}/orders`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("订单 · 大客户");
    const rows = page.getByTestId("activity-orders").locator("tbody tr");
    await expect(rows).toHaveCount(50);
    await expect(rows.first()).toContainText("BIG-119");
    await expect(page.getByTestId("activity-count")).toHaveText("本页 50 条，共 120 条");
    await expect(page.getByRole("link", { name: "上一页" })).toHaveCount(0);

    // By keyboard: the next page, then the last one (20 rows, no next).
    await page.getByRole("link", { name: "下一页" }).focus();
    await page.keyboard.press("Enter");
    await expect(rows.first()).toContainText("BIG-069");
    await expect(rows).toHaveCount(50);
    const secondPage = page.url();
    await page.getByRole("link", { name: "下一页" }).click();
    await expect(rows).toHaveCount(20);
    await expect(rows.first()).toContainText("BIG-019");
    await expect(rows.last()).toContainText("BIG-000");
    await expect(page.getByRole("link", { name: "下一页" })).toHaveCount(0);
    await page.getByRole("link", { name: "上一页" }).click();
    await expect(rows.first()).toContainText("BIG-069");
    await expect(rows.last()).toContainText("BIG-020");

    // The address is the page: opened again, the same rows.
    await page.goto(secondPage);
    await expect(rows.first()).toContainText("BIG-069");
    // An edited page position says so and shows the first page.
    await page.goto(`${customerUrl}/orders?cursor=forged`);
    await expect(page.getByText("翻页参数无效，请从第一页重新开始。")).toBeVisible();
    await expect(rows.first()).toContainText("BIG-119");

    // No returns yet: the page says so. An unknown kind, and another store's customer, are not found.
    await page.goto(`${customerUrl}/returns`);
    await expect(page.getByTestId("activity-returns")).toContainText("没有记录。");
    // With nothing to page through, no pager saying "本页 0 条，共 0 条" under it.
    await expect(page.getByTestId("activity-count")).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "分页" })).toHaveCount(0);
    expect((await page.goto(`${customerUrl}/coupons`))?.status()).toBe(404);
    const demoOwner = await (await browser.newContext({ storageState: storageState("owner") })).newPage();
    expect((await demoOwner.goto("/s/demo/customers/1/orders"))?.status()).toBe(200);
    expect((await page.goto(`/s/${store.slug}/customers/1/orders`))?.status()).toBe(404);
  });
});
