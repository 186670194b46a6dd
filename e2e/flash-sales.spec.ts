import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectKeyboardScrollRegion, laoke, maxLines, minCellGap, signIn, storageState, test, tableRegion } from "./fixtures";

// Flash sales end to end: an owner creates a sale (and sees an overlapping one refused), claims
// arrive through the API and the open sale page's sold/remaining follow them; staff only read;
// another store's user sees none of it.

/** The demo store's wall-clock time (Asia/Shanghai) as a datetime-local value. */
function storeLocal(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

let token = "";
let saleUrl = "";
const productName = `E2E 秒杀保温杯 ${Date.now() % 100000}`;
const productExternalId = `E2E-FLASH-${Date.now()}`;

/** Types part of the name, sees the picker offer the product (found by the store's search), takes it. */
async function chooseProduct(page: Page) {
  const field = page.getByLabel("商品");
  await field.fill("E2E 秒杀");
  const offered = page.locator(`[role=option][data-value="${productExternalId}"]`);
  await expect(offered).toContainText(productName);
  await field.fill(productExternalId);
  await expect(page.getByTestId("product-picker-chosen")).toContainText(productName);
}

async function claim(request: APIRequestContext, saleId: string, customer: string, quantity: number, key: string) {
  return request.post(`/api/v1/flash-sales/${saleId}/claims`, {
    headers: { authorization: `Bearer ${token}` },
    data: { customerExternalId: customer, quantity, idempotencyKey: key },
  });
}

test.describe.serial("flash sales", () => {
  test.beforeAll(async ({ request }) => {
    token = laoke("token", "create", "--store", "demo", "--name", "e2e-flash").trim().split("\n").at(-1)!.trim();
    const created = await request.post("/api/v1/products", {
      headers: { authorization: `Bearer ${token}` },
      data: { products: [{ externalId: productExternalId, name: productName, price: 10000, floorPrice: 6000, stock: 40 }] },
    });
    expect(created.status()).toBe(200);
  });

  test("the list shows the demo's sales by status with the time left", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageState("owner") })).newPage();
    await page.goto("/s/demo/flash-sales");
    await expect(page.getByTestId("group-live").getByTestId("flash-sale-row")).toHaveCount(1);
    await expect(page.getByTestId("group-live")).toContainText("后结束");
    await expect(page.getByTestId("group-scheduled")).toContainText("后开放提前购");
    // Over, it is among the past sales, its status in its row (it has no time left to count).
    const past = page.getByTestId("past-sales");
    await expect(past.getByTestId("flash-sale-row")).toHaveCount(1);
    await expect(past.getByTestId("sale-status")).toHaveText("已结束");
    await expect(past.getByTestId("past-sales-range")).toHaveText("共 1 场");
    // One page of them: no link to older or newer ones.
    await expect(past.getByRole("navigation", { name: "往期抢购分页" }).getByRole("link")).toHaveCount(0);
    // What sells now first, then what is coming, then what is over.
    const order = await page.locator("section[data-testid^='group-'], section[data-testid='past-sales']").evaluateAll((sections) => sections.map((s) => s.getAttribute("data-testid")));
    expect(order.filter((id) => ["group-live", "group-scheduled", "past-sales"].includes(id!))).toEqual(["group-live", "group-scheduled", "past-sales"]);
    // The demo's ended sale ran 20:00 to 22:00 one evening: its day named once, written as the
    // page writes its other dates ("2026年12月3日", not "2026/12/3").
    await expect(past.getByTestId("sale-window")).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 20:00–22:00$/);
    // An ended sale's page says what it gave back to the product's stock, not what is "left".
    await past.getByRole("link").first().click();
    // Said plainly at the top, not left to the badge.
    await expect(page.getByTestId("sale-finished")).toHaveText(/^本场抢购已于 .+ 结束，不再接受抢购，也不能再修改。$/);
    await expect(page.getByTestId("returned-note")).toContainText("退回");
    await expect(page.getByTestId("returned")).toBeVisible();
    await expect(page.getByTestId("remaining")).toHaveCount(0);
  });

  test("a scheduled sale's edit form names every field by the label shown with it", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageState("owner") })).newPage();
    await page.goto("/s/demo/flash-sales");
    await page.getByTestId("group-scheduled").getByRole("link").first().click();
    const form = page.getByRole("form", { name: "修改本次抢购" });
    for (const label of ["秒杀价（如 79.90）", "件数", "每人限购", "开始时间（Asia/Shanghai）", "结束时间（Asia/Shanghai）", "最低等级", "提前分钟数"]) {
      await expect(form.getByText(label, { exact: true })).toBeVisible();
      await expect(form.getByLabel(label, { exact: true })).toBeEditable();
    }
  });

  test("a scheduled sale's form shows the early access tier just saved, and a later save keeps it", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageState("owner") })).newPage();
    const auth = { authorization: `Bearer ${token}` };
    const externalId = `${productExternalId}-EA`;
    const product = await page.request.post("/api/v1/products", { headers: auth, data: { products: [{ externalId, name: `${productName} 提前购`, price: 10000, floorPrice: 6000, stock: 10 }] } });
    expect(product.status()).toBe(200);
    const start = Date.now() + 30 * 86_400_000;
    const created = await page.request.post("/api/v1/flash-sales", {
      headers: auth,
      data: { productExternalId: externalId, price: 8000, quantity: 2, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString(), earlyAccess: { tier: "gold", minutes: 60 } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const id = (await created.json()).id;
    await page.goto(`/s/demo/flash-sales/${id}`);
    const form = page.getByRole("form", { name: "修改本次抢购" });
    await form.getByLabel("最低等级").selectOption("diamond");
    await form.getByRole("button", { name: "保存修改" }).click();
    await expect(form.getByText("已保存。")).toBeVisible();
    await expect(page.getByRole("region", { name: "抢购条件" })).toContainText("钻石");
    // It went back to 金牌 after the save, and saving the price next put 金牌 back on the sale.
    await expect(form.getByLabel("最低等级")).toHaveValue("diamond");
    await form.getByLabel("秒杀价（如 79.90）").fill("75.00");
    await form.getByRole("button", { name: "保存修改" }).click();
    await expect.poll(async () => (await (await page.request.get(`/api/v1/flash-sales/${id}`, { headers: auth })).json()).price).toBe(7500);
    const saved = await (await page.request.get(`/api/v1/flash-sales/${id}`, { headers: auth })).json();
    expect(saved.earlyAccess).toMatchObject({ tier: "diamond", minutes: 60 });
  });

  test("on a phone the reminder list and the sales lists scroll sideways in boxes a keyboard reaches", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState("owner"), viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto("/s/demo/flash-sales");
    await expectKeyboardScrollRegion(page, "往期抢购");
    await expect(tableRegion(page, "抢购中").getByTestId("flash-sale-row")).toHaveCount(1);
    await page.getByTestId("past-sales").getByRole("link").first().click();
    await expect(page.getByTestId("returned")).toBeVisible();
    // The sale's terms name each term on one line ("提/前/购" stood a character a line beside its value).
    expect(await maxLines(page.getByRole("region", { name: "抢购条件" }).locator("dt"))).toBe(1);
    // Its headers, tiers and dates keep to a line (squeezed, Chinese stood a character a line);
    // the last column, past the box's right edge at first, comes into it as the keyboard scrolls.
    const region = tableRegion(page, "提醒名单");
    expect(await maxLines(region.getByRole("columnheader"))).toBe(1);
    const overhang = () =>
      region.evaluate((box) => box.querySelector("thead th:last-child")!.getBoundingClientRect().right - box.getBoundingClientRect().right);
    expect(await overhang()).toBeGreaterThan(0);
    await expectKeyboardScrollRegion(page, "提醒名单");
    for (let i = 0; i < 20; i += 1) await page.keyboard.press("ArrowRight");
    await expect.poll(overhang).toBeLessThanOrEqual(1);
  });

  test("an owner creates a sale, is refused an overlapping one, and watches claims arrive", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageState("owner") })).newPage();
    const now = Date.now();
    await page.goto("/s/demo/flash-sales");
    await page.getByRole("link", { name: "新建限时抢购" }).click();
    await chooseProduct(page);
    await page.getByLabel("秒杀价（如 79.90）").fill("79.90");
    await page.getByLabel("件数").fill("10");
    await page.getByLabel("每人限购").fill("2");
    await page.getByLabel(/开始时间/).fill(storeLocal(new Date(now - 5 * 60_000)));
    await page.getByLabel(/结束时间/).fill(storeLocal(new Date(now + 2 * 3_600_000)));
    await page.getByRole("button", { name: "创建抢购" }).click();
    await expect(page).toHaveURL(/\/s\/demo\/flash-sales\/\d+$/);
    saleUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { name: productName })).toBeVisible();
    await expect(page.getByTestId("sold")).toHaveText("0");
    await expect(page.getByTestId("remaining")).toHaveText("10");

    // A second sale of the product at an overlapping time is refused, naming the rule.
    const second = await page.context().newPage();
    await second.goto("/s/demo/flash-sales/new");
    await chooseProduct(second);
    await second.getByLabel("秒杀价（如 79.90）").fill("120");
    await second.getByLabel("件数").fill("5");
    await second.getByLabel(/开始时间/).fill(storeLocal(new Date(now + 3_600_000)));
    await second.getByLabel(/结束时间/).fill(storeLocal(new Date(now + 3 * 3_600_000)));
    await second.getByRole("button", { name: "创建抢购" }).click();
    // Each reason under its field (the list under the button was a screen away on a phone).
    const refusal = second.getByRole("form", { name: "新建限时抢购" });
    await expect(second.getByTestId("sale-form-error")).toHaveText("请检查标出的字段。");
    await expect(refusal).toContainText("重叠");
    // The other sale named by a link to it, and its window as the pages write times, not the API's "2026-12-08 10:00".
    await expect(refusal.getByRole("link", { name: /^抢购 #\d+$/ })).toHaveAttribute("href", saleUrl);
    await expect(refusal).not.toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d/);
    await expect(refusal).toContainText("低于原价");
    await expect(second).toHaveURL(/\/new$/);

    // A product code the store does not have is refused by name; no sale is made.
    const unknown = await page.context().newPage();
    await unknown.goto("/s/demo/flash-sales/new");
    await unknown.getByLabel("商品").fill("E2E-NO-SUCH-PRODUCT");
    await unknown.getByLabel("秒杀价（如 79.90）").fill("50");
    await unknown.getByLabel(/开始时间/).fill(storeLocal(new Date(now + 30 * 3_600_000)));
    await unknown.getByLabel(/结束时间/).fill(storeLocal(new Date(now + 31 * 3_600_000)));
    await unknown.getByRole("button", { name: "创建抢购" }).click();
    await expect(unknown.getByTestId("productExternalId-reason")).toContainText("本店没有外部编号为“E2E-NO-SUCH-PRODUCT”的商品");
    await expect(unknown).toHaveURL(/\/new$/);

    // Claims through the API; the open page follows without a reload.
    const saleId = saleUrl.split("/").at(-1)!;
    const first = await claim(page.request, saleId, "E2E-BUYER-1", 2, "e2e-1");
    expect(first.status()).toBe(201);
    expect(await first.json()).toMatchObject({ quantity: 2, price: 7990 });
    expect((await claim(page.request, saleId, "E2E-BUYER-2", 1, "e2e-2")).status()).toBe(201);
    const retried = await claim(page.request, saleId, "E2E-BUYER-1", 2, "e2e-1");
    expect(retried.status()).toBe(201);
    const overLimit = await claim(page.request, saleId, "E2E-BUYER-1", 1, "e2e-3");
    expect(overLimit.status()).toBe(409);
    expect((await overLimit.json()).error.code).toBe("limit_reached");
    await expect(page.getByTestId("sold")).toHaveText("3");
    await expect(page.getByTestId("remaining")).toHaveText("7");
    await expect(page.getByTestId("buyers-by-tier")).toBeVisible();
    // The tiers, buyers, units and revenue, and the claims timeline's table, keep their columns apart.
    expect(await minCellGap(page.getByTestId("buyers-by-tier"))).toBeGreaterThanOrEqual(12);
    const timeline = page.getByRole("region", { name: "抢购走势", exact: true });
    await timeline.getByText("以表格显示").click();
    expect(await minCellGap(timeline.locator("table"))).toBeGreaterThanOrEqual(12);
  });

  test("at a phone's 390 px no flash-sale page is wider than the screen: its tables scroll in their boxes", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState("owner"), viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    for (const url of ["/s/demo/flash-sales", saleUrl, "/s/demo/flash-sales/new"]) {
      await page.goto(url);
      expect(await pageWidth(), url).toBeLessThanOrEqual(390);
    }
    // The lists' headers, sold / quantity, times and early access keep to a line and scroll in
    // their boxes: squeezed, "已售 / 件数" and "金牌+，提前 60 分钟" stood a character a line.
    await page.goto("/s/demo/flash-sales");
    expect(await maxLines(page.getByRole("columnheader"))).toBe(1);
    const cells = page.locator("[data-testid=flash-sale-row] td:nth-child(3), [data-testid=flash-sale-row] td:nth-child(5), [data-testid=sale-window]:not(:has(span))");
    expect(await cells.count()).toBeGreaterThan(3);
    expect(await maxLines(cells)).toBe(1);
    // The sale with claims: its buyers by tier and its claims table (opened) in boxes of their own.
    await page.goto(saleUrl);
    await expect(tableRegion(page, "各等级买家")).toBeVisible();
    await page.getByText("以表格显示").click();
    await expect(tableRegion(page, "抢购走势")).toBeVisible();
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await context.close();
  });

  test("staff see sales but cannot create or change them", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageState("staff") })).newPage();
    await page.goto("/s/demo/flash-sales");
    await expect(page.getByText("您可以查看限时抢购；由店主创建和修改。")).toBeVisible();
    await expect(page.getByRole("link", { name: "新建限时抢购" })).toHaveCount(0);
    expect((await page.goto("/s/demo/flash-sales/new"))?.status()).toBe(403);
    await page.goto(saleUrl);
    await expect(page.getByTestId("sold")).toHaveText("3");
    await expect(page.getByRole("heading", { name: "修改本次抢购" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "立即结束抢购" })).toHaveCount(0);
  });

  test("in English the claims timeline writes its times as the rest of the page does: 7:34 PM, not 07:34 PM", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ storageState: storageState("staff") });
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
    const page = await context.newPage();
    // The demo's first sale, over, with its claims.
    await page.goto("/s/demo/flash-sales/1");
    const timeline = page.getByRole("region", { name: "Claims over time", exact: true });
    await timeline.getByText("Show as a table").click();
    const times = await timeline.locator("tbody tr td:first-child").allTextContents();
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) expect(time).toMatch(/^\d{1,2}\/\d{1,2}, (?:[1-9]|1[0-2]):\d\d\s[AP]M$/);
    await context.close();
  });

  test("an owner ends a sale during its early access: the list keeps its start and says when it ended", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageState("owner") })).newPage();
    const auth = { authorization: `Bearer ${token}` };
    const otherProduct = `${productExternalId}-EARLY`;
    await page.request.post("/api/v1/products", { headers: auth, data: { products: [{ externalId: otherProduct, name: `${productName} 提前`, price: 10000, floorPrice: 6000, stock: 10 }] } });
    const startsAt = new Date(Date.now() + 20 * 60_000);
    const created = await page.request.post("/api/v1/flash-sales", {
      headers: auth,
      data: { productExternalId: otherProduct, price: 8000, quantity: 5, startsAt: startsAt.toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), earlyAccess: { tier: "gold", minutes: 60 } },
    });
    expect(created.status()).toBe(201);
    const { id } = await created.json();
    await page.goto(`/s/demo/flash-sales/${id}`);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "立即结束抢购" }).click();
    await expect(page.getByTestId("returned")).toBeVisible();
    await expect(page.getByTestId("sale-finished")).toContainText("提前结束");
    // Over with no claim: not "claims arrive once the sale opens".
    await expect(page.getByTestId("no-claims")).toHaveText("本场抢购没有人抢购。");
    await page.goto("/s/demo/flash-sales");
    const row = page.locator(`[data-testid="flash-sale-row"][data-sale-id="${id}"]`);
    // Ended before its start: not a "from – to" running backwards.
    await expect(row).toContainText(/提前结束：\d/);
    await expect(row).not.toContainText("–");
  });

  test("the list moves a sale to live when its countdown reaches its start, without a reload", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageState("owner") })).newPage();
    const auth = { authorization: `Bearer ${token}` };
    const soon = `${productExternalId}-SOON`;
    await page.request.post("/api/v1/products", { headers: auth, data: { products: [{ externalId: soon, name: `${productName} 即将`, price: 10000, floorPrice: 6000, stock: 10 }] } });
    const created = await page.request.post("/api/v1/flash-sales", {
      headers: auth,
      data: { productExternalId: soon, price: 8000, quantity: 5, startsAt: new Date(Date.now() + 15_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(created.status()).toBe(201);
    const { id } = await created.json();
    await page.goto("/s/demo/flash-sales");
    const row = `[data-testid="flash-sale-row"][data-sale-id="${id}"]`;
    await expect(page.getByTestId("group-scheduled").locator(row)).toContainText("后开始");
    await expect(page.getByTestId("group-live").locator(row)).toContainText("后结束", { timeout: 40_000 });
  });

  test("another store's user gets 404 for the sale, its counters and its reminder list", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageState("other") })).newPage();
    expect((await page.goto(saleUrl))?.status()).toBe(404);
    expect((await page.request.get(`${saleUrl}/live`)).status()).toBe(404);
    expect((await page.request.get(`${saleUrl}/reminders`)).status()).toBe(404);
  });
});

test.describe("a sale at a time the store's clock shows twice", () => {
  test("the owner chooses the second 01:30 of the night New York's clocks go back; the page says which, and saving it unchanged keeps it", async ({ page }) => {
    // A store of its own in New York, whose clocks go back from 02:00 EDT to 01:00 EST on 7 November 2027.
    const slug = `ny-${Date.now().toString(36)}`;
    const owner = { email: `${slug}@ny.laoke`, password: "new-york-owner-pw" };
    laoke("store", "create", "--slug", slug, "--name", "NY gifts", "--currency", "USD", "--timezone", "America/New_York");
    laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
    const auth = { authorization: `Bearer ${laoke("token", "create", "--store", slug, "--name", "e2e-ny").trim().split("\n").at(-1)!.trim()}` };
    const product = { externalId: "NY-MUG", name: "New York mug", price: 2000, floorPrice: 1000, stock: 10 };
    expect((await page.request.post("/api/v1/products", { headers: auth, data: { products: [product] } })).status()).toBe(200);

    await signIn(page, owner);
    await expect(page).toHaveURL(`/s/${slug}`);
    await page.goto(`/s/${slug}/flash-sales/new`);
    await page.getByLabel("商品").fill(product.externalId);
    await expect(page.getByTestId("product-picker-chosen")).toContainText(product.name);
    await page.getByLabel("秒杀价（如 79.90）").fill("15");
    await page.getByLabel("件数").fill("3");
    await page.getByLabel(/开始时间/).fill("2027-11-07T01:30");
    await page.getByLabel(/结束时间/).fill("2027-11-07T03:00");
    // As soon as the time is typed, the form asks which 01:30; the end's 03:00 comes once.
    const which = page.getByRole("group", { name: "开始：2027年11月7日 01:30 在 America/New_York 时区会出现两次（当晚时钟回拨）。是哪一次？" });
    await expect(which.getByRole("radio")).toHaveCount(2);
    await expect(page.getByTestId("endsAt-occurrence")).toHaveCount(0);
    // Saved without a choice, it is refused once, naming both; nothing typed is lost, and the
    // keyboard is at the choice.
    await page.getByRole("button", { name: "创建抢购" }).click();
    await expect(page.getByTestId("sale-form-error")).toHaveText("请检查标出的字段。");
    await expect(page.getByTestId("startsAtOccurrence-reason")).toHaveText(
      "2027年11月7日 01:30 在 America/New_York 时区会出现两次：先是 UTC−04:00，时钟回拨后又是 UTC−05:00。请选择是哪一次。",
    );
    await expect(page).toHaveURL(/\/new$/);
    await expect(page.getByLabel("秒杀价（如 79.90）")).toHaveValue("15");
    await expect(which.getByRole("radio", { name: "第一次，UTC−04:00" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(which.getByRole("radio", { name: "第二次，UTC−05:00" })).toBeChecked();
    await page.getByRole("button", { name: "创建抢购" }).click();
    await expect(page).toHaveURL(/\/flash-sales\/\d+$/);
    const id = new URL(page.url()).pathname.split("/").at(-1)!;

    // The sale's page says which 01:30, by its offset; the end, a time that comes once, needs none.
    const terms = page.getByRole("region", { name: "抢购条件" });
    const term = (label: string) => terms.locator("div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");
    await expect(term("开始")).toHaveText(/^2027年11月7日 01:30（第二次，UTC−05:00）$/);
    await expect(term("结束")).toHaveText(/^2027年11月7日 03:00$/);
    const instants = async () => {
      const sale = await (await page.request.get(`/api/v1/flash-sales/${id}`, { headers: auth })).json();
      return [new Date(sale.startsAt).toISOString(), new Date(sale.endsAt).toISOString()];
    };
    expect(await instants()).toEqual(["2027-11-07T06:30:00.000Z", "2027-11-07T08:00:00.000Z"]);

    // The edit form shows the same 01:30 with the second chosen; saved unchanged, the sale does not move.
    const form = page.getByRole("form", { name: "修改本次抢购" });
    await expect(form.getByLabel(/开始时间/)).toHaveValue("2027-11-07T01:30");
    await expect(form.getByRole("radio", { name: "第二次，UTC−05:00" })).toBeChecked();
    await form.getByRole("button", { name: "保存修改" }).click();
    await expect(form.getByRole("status")).toHaveText("已保存。");
    expect(await instants()).toEqual(["2027-11-07T06:30:00.000Z", "2027-11-07T08:00:00.000Z"]);
    await page.reload();
    await expect(term("开始")).toHaveText(/^2027年11月7日 01:30（第二次，UTC−05:00）$/);
    // So does the list of the store's sales.
    await page.goto(`/s/${slug}/flash-sales`);
    await expect(page.getByTestId("group-scheduled").getByTestId("sale-window")).toHaveText("2027年11月7日 01:30（第二次，UTC−05:00）–03:00");
  });
});

test.describe("the sale forms as an owner meets them", () => {
  test("on a phone the new-sale form has no blank row, and each refusal is said under its field, the keyboard at the first", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState("owner"), viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto("/s/demo/flash-sales/new");
    const form = page.getByRole("form", { name: "新建限时抢购" });
    // One column: the limit and the start are as far apart as the price and the quantity (a spacer
    // kept for the wide layout's two columns stood as an empty row between them).
    const top = (label: string | RegExp) => form.getByLabel(label).evaluate((input) => input.closest("div")!.getBoundingClientRect().top);
    const bottom = (label: string | RegExp) => form.getByLabel(label).evaluate((input) => input.closest("div")!.getBoundingClientRect().bottom);
    const gap = async (above: string | RegExp, below: string | RegExp) => (await top(below)) - (await bottom(above));
    expect(await gap("每人限购", /开始时间/)).toBe(await gap("秒杀价（如 79.90）", "件数"));

    await form.getByLabel("商品").fill("E2E-NO-SUCH-PRODUCT");
    await form.getByLabel("秒杀价（如 79.90）").fill("abc");
    await form.getByLabel("秒杀价（如 79.90）").press("Enter");
    // Listed in the form's order, each under its own field: the product first, as the keyboard is.
    await expect(page.getByTestId("productExternalId-reason")).toContainText("本店没有外部编号为“E2E-NO-SUCH-PRODUCT”的商品");
    await expect(page.getByTestId("price-reason")).toHaveText(/价格/);
    await expect(form.getByLabel("商品")).toBeFocused();
    const input = (await form.getByLabel("秒杀价（如 79.90）").boundingBox())!;
    const reason = (await page.getByTestId("price-reason").boundingBox())!;
    expect(reason.y - (input.y + input.height)).toBeGreaterThanOrEqual(0);
    expect(reason.y - (input.y + input.height)).toBeLessThan(8);
    await expect(page.getByTestId("sale-form-error")).toHaveText("请检查标出的字段。");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  test("a live sale's raise field takes only a higher number, as the save does", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageState("owner") })).newPage();
    await page.goto("/s/demo/flash-sales");
    await page.getByTestId("group-live").getByRole("link").first().click();
    const field = page.getByLabel("新件数（只能增加）");
    const quantity = Number(await field.inputValue());
    expect(quantity).toBeGreaterThan(0);
    // The same number is refused by the save (quantityNotRaised), in the page's words, not by the
    // browser's bubble; the spinner still starts above it.
    await expect(field).toHaveAttribute("min", String(quantity + 1));
    await page.getByRole("button", { name: "增加件数" }).click();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(/件数只能增加到 .+ 以上/);
    await expect(field).toBeFocused();
    await expect(field).toHaveValue(String(quantity));
    // A reason about the field stands under it; the alert only asks to check it.
    await field.fill("99999999");
    await field.press("Enter");
    await expect(page.getByRole("alert").filter({ hasText: "请检查标出的字段。" })).toBeVisible();
    await expect(page.getByTestId("quantity-reason")).toBeVisible();
    await expect(field).toHaveAccessibleDescription((await page.getByTestId("quantity-reason").textContent())!);
    await expect(field).toBeFocused();
  });

  test("in English a time the clock skips or shows twice is written as the page writes times (1:30 AM), beside its field", async ({ browser, baseURL }) => {
    // A store of its own in London: its clocks go forward on 28 March 2027 and back on 31 October 2027.
    const slug = `ldn-${Date.now().toString(36)}`;
    const owner = { email: `${slug}@ldn.laoke`, password: "london-owner-pw" };
    laoke("store", "create", "--slug", slug, "--name", "London teas", "--currency", "GBP", "--timezone", "Europe/London");
    laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, owner);
    await expect(page).toHaveURL(`/s/${slug}`);
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
    // Without products there is no sale to make: the page leads to the imports, not to a dead end.
    await page.goto(`/s/${slug}/flash-sales/new`);
    await expect(page.getByTestId("no-products").getByRole("link", { name: "import orders" })).toHaveAttribute("href", `/s/${slug}/imports`);
    const auth = { authorization: `Bearer ${laoke("token", "create", "--store", slug, "--name", "e2e-ldn").trim().split("\n").at(-1)!.trim()}` };
    const product = { externalId: "LDN-TEA", name: "London tea", price: 2000, floorPrice: 1000, stock: 10 };
    expect((await page.request.post("/api/v1/products", { headers: auth, data: { products: [product] } })).status()).toBe(200);
    await page.reload();
    const form = page.getByRole("form", { name: "New flash sale" });
    await form.getByLabel("Start (Europe/London)").fill("2027-10-31T01:30");
    await expect(form.getByRole("group", { name: "Start: 1:30 AM on Oct 31, 2027 comes twice in Europe/London, as the clocks go back. Which one?" })).toBeVisible();
    await form.getByLabel("End (Europe/London)").fill("2027-03-28T01:30");
    await form.getByLabel("Product").fill("E2E-NONE");
    await form.getByLabel("Flash price (e.g. 79.90)").fill("1");
    await form.getByRole("button", { name: "Create sale" }).click();
    await expect(page.getByTestId("startsAtOccurrence-reason")).toHaveText(
      "1:30 AM on Oct 31, 2027 happens twice in Europe/London: first at UTC+01:00, then at UTC+00:00, after the clocks go back. Choose which one.",
    );
    await expect(page.getByTestId("endsAt-reason")).toHaveText("1:30 AM does not exist on Mar 28, 2027 in Europe/London: the clocks go forward from 1:00 AM to 2:00 AM. Pick another time.");
    await context.close();
  });
});
