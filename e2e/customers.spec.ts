import type { Page } from "@playwright/test";
import pg from "pg";
import { runningEmbeddedServerUrl } from "../db/embedded";
import { dataDir, expect, expectFits, expectKeyboardScrollRegion, expectNothingCutOff, importOrders, laoke, maxLines, minCellGap, signIn, storageState, test, tableRegion } from "./fixtures";

/** The external ids and a column of every row, walking the list's pages by its "next" link. */
async function walkPages(page: Page, url: string, column?: string) {
  const ids: string[] = [];
  const values: number[] = [];
  await page.goto(url);
  for (;;) {
    const rows = page.getByTestId("customer-row");
    for (const row of await rows.all()) {
      ids.push((await row.getAttribute("data-external-id"))!);
      if (column) values.push(Number((await row.getAttribute(`data-${column}`))!));
    }
    const next = page.getByRole("link", { name: "下一页" });
    if ((await next.count()) === 0) break;
    const href = (await next.getAttribute("href"))!;
    await next.click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === href);
  }
  return { ids, values };
}

function csvIds(csv: string): string[] {
  return csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .slice(1)
    .map((line) => line.split(",")[0]!);
}

test.describe("the customers list", () => {
  test.use({ storageState: storageState("owner") });

  test("shows the summary and filters by tier and high-value", async ({ page }) => {
    await page.goto("/s/demo/customers");
    // The owner rescores from the page; the button answers with the run's figures.
    await page.getByRole("button", { name: "立即重新评分" }).click();
    await expect(page.getByRole("status").filter({ hasText: /已重新评分.2,000 位客户/ })).toBeVisible();
    // And the app's live region says it (the line above is not live: it would be heard twice).
    await expect(page.getByTestId("announcer")).toHaveText(/^已重新评分.2,000 位客户/);
    await expect(page.getByTestId("summary-customers")).toHaveText("2,000");
    const highValue = Number((await page.getByTestId("summary-high-value").textContent())!.replace(/,/g, ""));
    expect(highValue).toBeGreaterThan(0);

    // Nothing to clear on the bare list: the link that changed nothing is gone until a filter is set.
    const filters = page.getByRole("search", { name: "筛选", exact: true });
    await expect(filters.getByRole("link", { name: "清除筛选" })).toHaveCount(0);
    await page.getByLabel("等级").selectOption("gold");
    await page.getByRole("button", { name: "应用" }).click();
    await expect(page).toHaveURL(/tier=gold/);
    await expect(filters.getByRole("link", { name: "清除筛选" })).toHaveAttribute("href", "/s/demo/customers");
    const tiers = await page.getByTestId("customer-row").locator("[data-tier]").evaluateAll((els) => els.map((e) => e.getAttribute("data-tier")));
    expect(tiers.length).toBeGreaterThan(0);
    expect(new Set(tiers)).toEqual(new Set(["gold"]));

    // Every high-value customer, page by page, is exactly the summary's count.
    const { ids } = await walkPages(page, "/s/demo/customers?highValue=true");
    expect(ids.length).toBe(highValue);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("a link with a filter that is not valid keeps its other filters and says which it left out", async ({ page }) => {
    await page.goto("/s/demo/customers?tier=platinum&highValue=true");
    await expect(page.getByRole("alert").filter({ hasText: "链接中的部分筛选条件无效，已忽略：等级。" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "优质客户", exact: true })).toHaveValue("true");
    const marks = await page.getByTestId("customer-row").evaluateAll((rows) => rows.map((row) => row.textContent?.includes("✓")));
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set([true]));
    // The score band the dashboard's charts link to, named as the reader reads it.
    await page.goto("/s/demo/customers?minScore=abc&maxScore=-5");
    await expect(page.getByRole("alert").filter({ hasText: "链接中的部分筛选条件无效，已忽略：最低得分和最高得分。" })).toBeVisible();
  });

  test("a search typed past its limit keeps what fits, not an emptied box and a refusal", async ({ page }) => {
    await page.goto("/s/demo/customers");
    const search = page.getByRole("searchbox", { name: "搜索姓名或客户编号" });
    await search.focus();
    // Typed (pasted text is cut alike): a box that took it all sent a search the list refused whole.
    await page.keyboard.type("开心".repeat(60));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/q=/);
    await expect(page.getByRole("alert").filter({ hasText: "筛选条件无效" })).toHaveCount(0);
    await expect(search).toHaveValue("开心".repeat(50));
  });

  test("a filter nothing matches says so, with no count of rows and no export", async ({ page }) => {
    await page.goto("/s/demo/customers?q=zz-no-such-customer");
    const empty = page.getByText("没有符合筛选条件的客户。");
    // One run of Chinese: no space after the full stop.
    await expect(empty).toHaveText("没有符合筛选条件的客户。清除筛选");
    await expect(empty.getByRole("link", { name: "清除筛选" })).toHaveAttribute("href", "/s/demo/customers");
    await expect(page.getByTestId("customer-row")).toHaveCount(0);
    // It said "本页 0 位客户" and offered an export of nothing.
    await expect(page.getByText(/本页 .* 位客户/)).toHaveCount(0);
    await expect(page.getByRole("link", { name: "导出 CSV" })).toHaveCount(0);
    // A page with rows still has both.
    await page.goto("/s/demo/customers");
    await expect(page.getByText(/本页 .* 位客户/)).toBeVisible();
    await expect(page.getByRole("link", { name: "导出 CSV" })).toBeVisible();
  });

  test("the chart-only filters are named as one phrase, not chips joined by a dot", async ({ page }) => {
    await page.goto("/s/demo/customers?minScore=60&maxScore=70&previousTier=gold");
    await expect(page.getByTestId("chart-filter")).toHaveText("得分 60 至 70 以下，原等级为金牌");
    await page.goto("/s/demo/customers?previousTier=gold");
    await expect(page.getByTestId("chart-filter")).toHaveText("原等级为金牌");
  });

  test("a column header's sort shows in the form, and a filter applied after it keeps it", async ({ page }) => {
    await page.goto("/s/demo/customers");
    const filters = page.getByRole("search", { name: "筛选" });
    await page.getByRole("columnheader", { name: "订单数" }).getByRole("link").click();
    await page.waitForURL(/sort=orders/);
    await page.getByRole("columnheader", { name: /订单数/ }).getByRole("link").click();
    await page.waitForURL(/order=asc/);
    // The selects said "得分" and "默认" still, and "应用" went back to the score's order.
    await expect(filters.getByRole("combobox", { name: "排序", exact: true })).toHaveValue("orders");
    await expect(filters.getByRole("combobox", { name: "顺序", exact: true })).toHaveValue("asc");
    await filters.getByRole("combobox", { name: "等级", exact: true }).selectOption("gold");
    await filters.getByRole("button", { name: "应用" }).click();
    await page.waitForURL(/tier=gold/);
    expect(new URL(page.url()).searchParams.get("sort")).toBe("orders");
    expect(new URL(page.url()).searchParams.get("order")).toBe("asc");
    await expect(page.getByRole("columnheader", { name: /订单数/ })).toHaveAttribute("aria-sort", "ascending");
  });

  test("sorting, paging and the CSV export agree", async ({ page }) => {
    const filter = "repeat=true&sort=netSpend&tier=diamond";
    const { ids, values } = await walkPages(page, `/s/demo/customers?${filter}`, "net-spend");
    expect(ids.length).toBeGreaterThan(50); // more than one page
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!);

    // Back by the Previous link from the last page: the same rows, page by page, to the first.
    const back: string[][] = [];
    for (;;) {
      back.unshift(await page.getByTestId("customer-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-external-id")!)));
      const previous = page.getByRole("link", { name: "上一页" });
      if ((await previous.count()) === 0) break;
      const href = (await previous.getAttribute("href"))!;
      await previous.click();
      await page.waitForURL((url) => `${url.pathname}${url.search}` === href);
    }
    expect(back.flat()).toEqual(ids);
    expect(back.length).toBeGreaterThan(1);

    const response = await page.request.get(`/s/demo/customers/export?${filter}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toContain("attachment");
    // Named with the demo store's date (Shanghai), not UTC's.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect(response.headers()["content-disposition"]).toContain(`customers-demo-${today}.csv`);
    expect(csvIds(await response.text())).toEqual(ids);

    // A cursor the list never gave out: said so, and the first page of the same filter instead.
    await page.goto(`/s/demo/customers?${filter}&cursor=not-a-cursor`);
    await expect(page.getByRole("alert").filter({ hasText: "翻页参数无效，请从第一页重新开始。" })).toBeVisible();
    await expect(page.getByTestId("customer-row").first()).toHaveAttribute("data-external-id", ids[0]!);
  });

  test("a customer's explanation adds up to the score", async ({ page }) => {
    await page.goto("/s/demo/customers?highValue=true");
    const first = page.getByTestId("customer-row").first();
    const score = await first.getByTestId("score").textContent();
    await first.getByRole("link").first().click();
    await expect(page.getByTestId("customer-score")).toHaveText(score!);
    await expect(page.getByTestId("points-total")).toHaveText(score!);
    await expect(page.getByTestId("high-value-status")).toContainText("优质客户");
    await expect(page.getByTestId("explanation").locator("tbody tr")).toHaveCount(7);
    // The factor, value, weight and points columns keep apart (they had no side padding).
    expect(await minCellGap(page.getByTestId("explanation").locator("thead, tbody"))).toBeGreaterThanOrEqual(12);
    await expect(page.getByTestId("orders")).toBeVisible();
    // The tier history's score is the one the tier changed at, named so: a bare "84.0" under the
    // heading's 83.9 read as a second score that disagreed.
    await expect(page.getByTestId("tier-change-score").first()).toHaveText(/^当时得分 \d+\.\d$/);
  });

  test("on a phone a customer's flash-sale claims scroll in a named box, their columns apart", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    // A customer who claimed in the demo's ended sale: its reminder list counts what each claimed.
    await page.goto("/s/demo/flash-sales/1");
    const claimer = page.getByTestId("reminder-list").locator("tbody tr").filter({ has: page.locator("td:last-child", { hasNotText: /^0$/ }) }).first();
    await page.goto((await claimer.getByRole("link").getAttribute("href"))!);
    await expectKeyboardScrollRegion(page, "限时抢购记录");
    expect(await minCellGap(page.getByTestId("flash-sale-claims").locator("table"))).toBeGreaterThanOrEqual(12);
    // The ended sale's claim became an order: its number and when it was placed, as one phrase.
    const orders = await page.getByTestId("flash-sale-claims").locator("tbody td:last-child").allTextContents();
    expect(orders).toContainEqual(expect.stringMatching(/^\S+（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 下单）$/));
  });

  test("the list's and a customer's tables keep each header, tier, date and status on one line, on a phone too", async ({ page }) => {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 812 });
      await page.goto("/s/demo/customers?highValue=true");
      // Squeezed, Chinese broke anywhere: 订/单/数 over three lines, 钻/石 in its badge.
      expect(await maxLines(tableRegion(page, "客户").getByRole("columnheader")), `${width}`).toBe(1);
      expect(await maxLines(page.getByTestId("customer-row").locator("[data-tier]")), `${width}`).toBe(1);
      await page.getByTestId("customer-row").first().getByRole("link").first().click();
      await expect(page.getByTestId("explanation")).toBeVisible();
      expect(await maxLines(page.getByTestId("explanation").getByRole("columnheader")), `${width}`).toBe(1);
      // Orders read "已/付/款" and "2026年10/月17日", returns "仅退/款" even at 1280 px. A time may go
      // under its date, at the space between them; the id alone may wrap anywhere.
      for (const kind of ["orders", "returns", "reviews", "shares"]) {
        const table = page.getByTestId(kind).locator("table");
        await expect(table, kind).toBeVisible();
        expect(await maxLines(table.getByRole("columnheader")), `${width} ${kind}`).toBe(1);
        // On a phone a return's type stands on a line of its own under its status.
        const folded = width < 640 && kind === "returns" ? 1 : 0;
        expect(await maxLines(table.locator("tbody td:nth-child(n+3)")), `${width} ${kind}`).toBe(1 + folded);
        if (folded) expect(await maxLines(table.getByTestId("activity-folded")), `${width} ${kind}`).toBe(1);
        expect(await maxLines(table.locator("tbody td:first-child time")), `${width} ${kind}`).toBeLessThanOrEqual(2);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${width}`).toBeLessThanOrEqual(0);
    }
    // On a desktop, in English, the four tables fit their half-width cards: kept on one line, the
    // dates ("Nov 19, 2026, 8:50 AM") pushed the order's total out of sight.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
    await page.reload();
    for (const kind of ["orders", "returns", "reviews", "shares"]) {
      const box = page.getByTestId(kind).getByRole("region");
      await expect(box, kind).toBeVisible();
      expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth), kind).toBeLessThanOrEqual(1);
    }
    // On a phone, in English, a time goes under its day, each whole: "Dec 8," / "2026," / "1:14" /
    // "AM" ran down the column, four lines a row.
    await page.setViewportSize({ width: 390, height: 800 });
    for (const kind of ["orders", "returns", "reviews", "shares"]) {
      const cells = page.getByTestId(kind).locator("tbody td:first-child");
      await expect(cells.first().locator("time"), kind).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/);
      expect(await maxLines(cells.locator("time")), kind).toBeLessThanOrEqual(2);
      expect(await maxLines(cells.locator("time > span")), kind).toBe(1);
    }
  });

  test("on a phone a customer's score explanation, orders, returns, reviews and shares show every column without scrolling, each id under its time", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/s/demo/customers?highValue=true");
    await page.getByTestId("customer-row").first().getByRole("link").first().click();
    await expect(page.getByTestId("explanation")).toBeVisible();
    for (const [locale, titles] of [["zh-CN", ["订单", "退换货", "评价", "分享"]], ["en", ["Orders", "Returns", "Reviews", "Shares"]]] as const) {
      await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
      await page.reload();
      for (const [i, kind] of ["orders", "returns", "reviews", "shares"].entries()) {
        const section = page.getByTestId(kind);
        // The order's total stood past the phone's edge, behind a sideways scroll: now the box fits.
        await expectFits(tableRegion(section, titles[i]!));
        // The id is not lost: it stands under the row's time, its own column left out.
        const first = section.locator("tbody tr").first();
        await expect(first.locator("td:first-child [data-testid=activity-id]"), `${locale} ${kind}`).toHaveText(/\S/);
        await expect(section.getByRole("columnheader", { name: locale === "en" ? "ID" : "编号", exact: true })).toBeHidden();
        // A return's type, under its status.
        if (kind === "returns") await expect(first.getByTestId("activity-folded")).toHaveText(locale === "en" ? /^(Refund only|Return and refund|Exchange)$/ : /^(仅退款|退货退款|换货)$/);
      }
      // The score's explanation too: in English its contributions and the score were past the edge.
      await expectFits(tableRegion(page, locale === "en" ? "How the score is made" : "得分构成"));
      // Its "Value (0–100)" goes over two lines at its space, never inside the range ("(0–" / "100)").
      expect(await maxLines(page.getByTestId("explanation").getByRole("columnheader").nth(1).locator("span"))).toBe(1);
    }
  });

  test("a flag set by no one it can name says when, not \"by —\"", async ({ page }) => {
    // The demo's seed sets a few flags with no user behind them.
    const client = new pg.Client({ connectionString: runningEmbeddedServerUrl(dataDir)! });
    await client.connect();
    const { rows } = await client
      .query<{ id: string; flag: string }>(
        `select f.customer_id as id, f.flag::text as flag from customer_flags f join stores s on s.id = f.store_id
         where s.slug = 'demo' and f.set_by_user_id is null and f.dispute_id is null order by f.customer_id limit 1`,
      )
      .finally(() => client.end());
    expect(rows).toHaveLength(1);
    const { id, flag } = rows[0]!;
    await page.goto(`/s/demo/customers/${id}`);
    const line = page.getByTestId(`flag-${flag}`).getByTestId("flag-line");
    await expect(line).toHaveText(/（于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 标记）$/);
    const events = page.getByTestId("flag-event");
    expect(await events.allTextContents()).toContainEqual(expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}：添加了标记“/));
    expect(await events.allTextContents()).not.toContainEqual(expect.stringContaining("—"));
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
    await page.reload();
    await expect(line).toHaveText(/ \(set [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M\)$/);
    expect(await events.allTextContents()).toContainEqual(expect.stringMatching(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M: set “/));
  });

  test("on a phone a customer's points ledger reads each entry as one phrase, nothing cut off", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto("/s/demo/customers?highValue=true");
    await page.getByTestId("customer-row").first().getByRole("link").first().click();
    await expectNothingCutOff(page, "积分");
    // A top customer has more entries than the page lists: it says so, since the balance is not
    // the sum of the rows shown.
    await expect(page.getByTestId("points-ledger").locator("tbody tr")).toHaveCount(30);
    await expect(page.getByTestId("points-latest-only")).toHaveText("显示最近 30 条明细，更早的明细也计入余额。");
    // An order's points: the kind and the order in one phrase ("获得，订单 …"), no " · " glue.
    const what = await page.getByTestId("points-ledger").locator("tbody td:nth-child(2)").allTextContents();
    expect(what).toContainEqual(expect.stringMatching(/^获得，订单 \S+/));
    expect(what).not.toContainEqual(expect.stringContaining(" · "));
  });
});

test.describe("staff and customers", () => {
  test.use({ storageState: storageState("staff") });

  test("staff see the list, cannot recompute, and can flag a customer with a reason", async ({ page }) => {
    await page.goto("/s/demo/customers?highValue=true");
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "立即重新评分" })).toHaveCount(0);
    const row = page.getByTestId("customer-row").first();
    const externalId = await row.getAttribute("data-external-id");
    await row.getByRole("link").first().click();

    await page.getByRole("combobox", { name: "标记", exact: true }).selectOption("malicious_complaint");
    await page.getByLabel("原因", { exact: true }).fill("多次恶意差评勒索");
    await page.getByRole("button", { name: "添加标记" }).click();
    await expect(page.getByTestId("flag-malicious_complaint")).toContainText("多次恶意差评勒索");
    // Reason, who and when as one phrase with Chinese brackets, not three parts glued with " · ".
    await expect(page.getByTestId("flag-malicious_complaint").getByTestId("flag-line")).toHaveText(/^多次恶意差评勒索（由 .+ 于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 标记）$/);
    await expect(page.getByRole("status").filter({ hasText: "已添加标记并重新评分。" })).toBeVisible();
    await expect(page.getByTestId("high-value-status")).toContainText("有合规标记");

    await page.goto(`/s/demo/customers?q=${externalId}`);
    await expect(page.getByTestId("customer-row")).toHaveCount(1);
    await expect(page.getByTestId("customer-row")).not.toContainText("✓");
    await page.getByTestId("customer-row").getByRole("link").first().click();
    await page.getByLabel(/清除标记：恶意投诉/).fill("核实后为误判");
    await page.getByRole("button", { name: "清除标记" }).click();
    await expect(page.getByTestId("flag-malicious_complaint")).toHaveCount(0);
    await expect(page.getByTestId("flag-event").first()).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}：.+ 清除了标记“恶意投诉”：核实后为误判$/);
    // The clear form went with the flag; the section says what happened, not "flag set".
    await expect(page.getByRole("status").filter({ hasText: "已清除标记并重新评分。" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "已添加标记" })).toHaveCount(0);
    await expect(page.getByTestId("high-value-status")).toContainText("优质客户（老客户）");
  });
});

test.describe("a store whose products came with its imported orders", () => {
  test("a customer's empty recommendations say the products that go with their purchases are out of stock, and lead the owner to the products page", async ({ page }) => {
    // Four customers bought the mug with the tea; Eve bought the mug alone. The tea would be
    // recommended to her, but an order import's products start with no stock.
    const slug = `nostock-${Date.now().toString(36)}`;
    const owner = { email: `${slug}@nostock.laoke`, password: "no-stock-owner-pw" };
    laoke("store", "create", "--slug", slug, "--name", "No stock");
    laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    importOrders(slug, [
      ...["Ann", "Bob", "Cai", "Dan"].flatMap((name, i) => [
        `O${i + 1},C${i + 1},${name},${day} 10:00:00,paid,false,P1,Mug,1,35.00`,
        `O${i + 1},C${i + 1},${name},${day} 10:00:00,paid,false,P2,Tea,1,20.00`,
      ]),
      `O5,C5,Eve,${day} 11:00:00,paid,false,P1,Mug,1,35.00`,
    ]);
    await signIn(page, owner);
    await expect(page).toHaveURL(`/s/${slug}`);
    await page.goto(`/s/${slug}/customers`);
    await page.getByTestId("customer-row").filter({ hasText: "Eve" }).getByRole("link").first().click();
    const empty = page.getByTestId("no-recommendations");
    // It said only that no in-stock product went with her purchases, leaving the owner to guess why.
    await expect(empty).toHaveText("与这位客户已购商品常被一起购买的 1 件商品均无库存，因此暂无推荐：请在商品页设置库存。");
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
    await page.reload();
    await expect(empty).toHaveText(
      "The one product that goes with this customer's purchases is out of stock, so nothing is recommended: set its stock on the products page.",
    );
    await empty.getByRole("link", { name: "products page" }).click();
    await expect(page).toHaveURL(`/s/${slug}/products`);
  });
});

test.describe("a store whose whole history is older than the scoring window", () => {
  test("the list says why nobody is scored, and widening the window in settings scores them", async ({ page }) => {
    // A store of its own (the demo's orders are recent), with an imported history from 2011.
    const slug = `old-${Date.now().toString(36)}`;
    const owner = { email: `${slug}@old.laoke`, password: "old-history-pw" };
    laoke("store", "create", "--slug", slug, "--name", "Old history", "--currency", "GBP", "--timezone", "Europe/London");
    laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
    importOrders(slug, [
      "O1,C1,Ann,2011-06-01 09:00:00,paid,false,P1,Mug,1,3.50",
      "O2,C1,Ann,2011-12-09 12:50:00,paid,false,P1,Mug,2,3.50",
      "O3,C2,Bob,2011-08-15 10:00:00,paid,false,P1,Mug,1,3.50",
    ]);

    await signIn(page, owner);
    await expect(page).toHaveURL(`/s/${slug}`);
    await page.goto(`/s/${slug}/customers`);
    const note = page.getByTestId("none-in-window");
    await expect(note).toHaveText(
      "这 2 位客户在评分窗口（最近 365 天）内都没有付款订单，所以还没有人得到评分和排名。本店最近一笔付款订单在 2011年12月9日。在设置中放宽评分窗口",
    );
    // A customer's page says why they are not high-value, where it says that they are not.
    await page.getByTestId("customer-row").first().getByRole("link").first().click();
    await expect(page.getByTestId("high-value-status")).toHaveText("不是优质客户评分窗口内没有已付款订单");
    await page.goBack();
    await note.getByRole("link", { name: "在设置中放宽评分窗口" }).click();
    await expect(page).toHaveURL(`/s/${slug}/settings#scoring-rules`);

    const form = page.getByRole("form", { name: "客户评分规则" });
    await form.getByLabel("统计窗口（天，0 表示全部历史）").fill("0");
    await form.getByRole("button", { name: "保存并重新评分" }).click();
    await expect(form.getByRole("status")).toHaveText(/^已保存为第 \d+ 版，已为 2 位客户重新评分，用时 [\d,]+ 毫秒。$/);
    await page.goto(`/s/${slug}/customers`);
    await expect(page.getByTestId("none-in-window")).toHaveCount(0);
    await expect(page.getByTestId("summary-repeat")).toHaveText("1");
  });
});
