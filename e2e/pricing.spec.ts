import type { Browser, Locator, Page } from "@playwright/test";
import { expect, expectFits, importOrders, laoke, maxLines, signIn, storageState, test, tableRegion } from "./fixtures";

/** A product row of the demo with a floor price and no member price at all (the seed prices only the best sellers). */
async function unpricedProduct(page: Page): Promise<{ row: Locator; externalId: string; name: string; floor: string }> {
  await page.goto("/s/demo/products");
  const rows = page.locator("tr[data-product]");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    const cells = await row.locator("[data-tier-price]").allTextContents();
    const floor = (await row.locator("td").nth(1).textContent())!.trim();
    if (cells.every((c) => c.trim() === "—") && floor !== "—") {
      const externalId = (await row.getAttribute("data-product"))!;
      const name = (await row.locator("th span").first().textContent())!.trim();
      return { row, externalId, name, floor };
    }
  }
  throw new Error("no product without member prices on the first page");
}

/**
 * A store of its own (the demo's products and customers keep their prices for the other specs),
 * with one imported order of a ¥35.00 Mug (P1) by Ann, and its owner signed in.
 */
async function storeWithMug(page: Page, prefix: string, name: string): Promise<string> {
  const slug = `${prefix}-${Date.now().toString(36)}`;
  const owner = { email: `${slug}@${prefix}.laoke`, password: `${prefix}-owner-password` };
  laoke("store", "create", "--slug", slug, "--name", name);
  laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  importOrders(slug, [`O1,C1,Ann,${yesterday} 10:00:00,paid,false,P1,Mug,1,35.00`]);
  await signIn(page, owner);
  await expect(page).toHaveURL(`/s/${slug}`);
  return slug;
}

/** Signs a staff member of the store in, in a browser of their own, and checks the page at `url` as they see it. */
async function asStaff(browser: Browser, staff: { email: string; password: string }, slug: string, url: string, check: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, staff);
  await expect(page).toHaveURL(`/s/${slug}`);
  await page.goto(url);
  await check(page);
  await context.close();
}

/** "¥12.30" → "12.30", "¥1,234.00" → "1234.00" */
const plain = (money: string) => money.replace(/[^\d.]/g, "");
const minus1 = (money: string) => (Math.round(Number(plain(money)) * 100 - 1) / 100).toFixed(2);

test.describe("member prices", () => {
  test.use({ storageState: storageState("owner") });

  test("an owner sets a member price, the guard refuses one below the floor, and the lookup explains the winner", async ({ page }) => {
    const product = await unpricedProduct(page);
    await page.getByText(`编辑 ${product.name} 的会员价`).click();
    const gold = page.getByLabel(`${product.name} 的金牌会员价`);
    const form = page.locator("form").filter({ has: gold });

    await gold.fill(minus1(product.floor));
    await form.getByRole("button", { name: "保存会员价" }).click();
    await expect(form.getByRole("alert")).toContainText(`价格 ¥${minus1(product.floor)} 低于最低价 ${product.floor}。`);

    await gold.fill("150%");
    await form.getByRole("button", { name: "保存会员价" }).click();
    await expect(form.getByRole("alert")).toContainText("折扣比例");

    // Two tiers refused at once are both named, each under its tier, and both fields keep what was typed.
    const silver = page.getByLabel(`${product.name} 的银牌会员价`);
    await silver.fill("abc");
    await gold.fill(minus1(product.floor));
    await form.getByRole("button", { name: "保存会员价" }).click();
    await expect(form.getByRole("alert")).toHaveText("请检查标出的字段。");
    await expect(form.getByTestId("price-refusal-silver")).toHaveText("“abc”既不是金额（如 85.00），也不是折扣比例（如 15%）。");
    await expect(form.getByTestId("price-refusal-gold")).toHaveText(`价格 ¥${minus1(product.floor)} 低于最低价 ${product.floor}。`);
    await expect(silver).toHaveAttribute("aria-invalid", "true");
    await expect(gold).toHaveAttribute("aria-invalid", "true");
    // A screen reader hears each field's own reason with it.
    await expect(gold).toHaveAccessibleDescription(`价格 ¥${minus1(product.floor)} 低于最低价 ${product.floor}。`);
    await expect(silver).toHaveValue("abc");
    await silver.fill("");

    await gold.fill(plain(product.floor));
    await form.getByRole("button", { name: "保存会员价" }).click();
    await expect(form.getByRole("status")).toHaveText("会员价已保存。");
    await page.reload();
    await expect(page.locator(`tr[data-product="${product.externalId}"] [data-tier-price="gold"]`)).toHaveText(product.floor);

    // A gold customer now pays the floor price as their member price; the reasons say why.
    await page.goto("/s/demo/customers?tier=gold");
    const buyer = (await page.getByTestId("customer-row").first().getAttribute("data-external-id"))!;
    await page.goto("/s/demo/products");
    // The picker offers the product as its name is typed, then takes its external id.
    const picker = page.getByRole("combobox", { name: "商品" });
    await picker.fill(product.name);
    await expect(page.locator(`[role=option][data-value="${product.externalId}"]`)).toContainText(product.name);
    await picker.fill(product.externalId);
    await expect(page.getByTestId("product-picker-chosen")).toContainText(product.name);
    await page.getByLabel("客户（买家 ID 或昵称）").fill(buyer);
    await page.getByRole("button", { name: "查询价格" }).click();
    await expect(page).toHaveURL(new RegExp(`product=${product.externalId}`));
    await expect(page.getByTestId("price-winner")).toContainText(product.floor);
    await expect(page.getByTestId("price-winner")).toContainText("会员价");
    await expect(page.getByTestId("price-reasons")).toContainText(`最优会员价：${product.floor}（金牌价）`);
    await expect(page.getByTestId("price-reasons")).toContainText("价格不叠加");

    // Without a customer: the regular price, and the reason says so.
    await page.getByLabel("客户（买家 ID 或昵称）").fill("");
    await page.getByRole("button", { name: "查询价格" }).click();
    await expect(page.getByTestId("price-reasons")).toContainText("未指定客户");
    await page.getByLabel("客户（买家 ID 或昵称）").fill("no-such-buyer");
    await page.getByRole("button", { name: "查询价格" }).click();
    // Scoped to the lookup: Next's route announcer is an (empty) role="alert" too.
    const lookup = page.getByRole("region", { name: "查询客户价格" });
    await expect(lookup.getByRole("alert")).toContainText("本店没有客户“no-such-buyer”");
  });

  test("an owner creates a plan, enrols a customer and adjusts their points", async ({ page }) => {
    await page.goto("/s/demo/customers?tier=ordinary");
    const row = page.getByTestId("customer-row").first();
    const buyer = (await row.getAttribute("data-external-id"))!;
    const buyerName = (await row.getByRole("link").first().textContent())!.trim();

    await page.goto("/s/demo/members");
    await expect(page.getByTestId("expiring-members")).toBeVisible();
    await page.getByLabel("方案名称").fill("E2E 皇冠卡");
    await page.getByLabel("会员费", { exact: true }).fill("299");
    await page.getByLabel("授予等级（至少）").selectOption("crown");
    await page.getByRole("button", { name: "创建方案" }).click();
    await expect(page.getByTestId("plans")).toContainText("E2E 皇冠卡");

    await page.locator('select[name="planId"]').selectOption({ label: "E2E 皇冠卡" });
    await page.getByLabel("客户", { exact: true }).fill(buyer);
    await page.getByRole("button", { name: "登记" }).click();
    // The form's status line (the app's announcer says the same text, out of sight).
    // It names who was enrolled, in what and until when ("会员已登记。" named no one).
    await expect(page.getByRole("status").filter({ hasText: new RegExp(`^已为${buyerName}登记“E2E 皇冠卡”，有效期至 \\d{4}年\\d{1,2}月\\d{1,2}日。$`) })).toBeVisible();
    // The active members are paged, 20 at a time, ending soonest first: a new year-long member is
    // found by the search, which the URL keeps.
    await page.reload();
    await expect(page.getByTestId("active-members").locator("tbody tr")).toHaveCount(20);
    await page.getByLabel("搜索会员").fill(buyer);
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/s/demo/members\\?q=${buyer}`));
    const member = page.locator(`[data-testid="active-members"] tr[data-customer="${buyer}"]`);
    await expect(member).toContainText("E2E 皇冠卡");
    await expect(member).toContainText("¥299.00");
    // Each row's controls say whose they are (every one read 停用, 续费 or 取消 alone).
    await expect(page.getByTestId("plans").getByRole("button", { name: "停用方案 E2E 皇冠卡", exact: true })).toBeVisible();
    await expect(member.getByRole("link", { name: /^为 .+ 续费或取消会员$/ })).toBeVisible();

    // The customer page shows the membership, the tier it lifts, and the points; a manual adjustment lands in the ledger.
    await member.getByRole("link").first().click();
    const section = page.getByTestId("customer-pricing");
    await expect(section).toContainText("E2E 皇冠卡");
    await expect(page.getByTestId("tier-lift")).toContainText("当前等级皇冠来自付费会员「E2E 皇冠卡」");
    // Each price reads as one sentence: the product, its price, where the price comes from.
    const priceLines = page.getByTestId("customer-prices").locator("summary");
    await expect(priceLines.first()).toBeVisible();
    for (const line of await priceLines.allTextContents()) expect(line).toMatch(/^.+：\D*[\d,.]+ (原价|(会员价|秒杀价) · 原价 \D*[\d,.]+)$/);
    const before = Number((await page.getByTestId("points-balance").textContent())!.replace(/[^\d]/g, ""));
    await section.getByLabel("积分（正数增加，负数扣减）").fill("1000");
    await section.getByLabel("原因").fill("E2E 补偿");
    await section.getByRole("button", { name: "调整" }).click();
    await expect
      .poll(async () => Number((await page.getByTestId("points-balance").textContent())!.replace(/[^\d]/g, "")))
      .toBe(before + 1000);
    await expect(page.getByTestId("points-ledger")).toContainText("手动调整：E2E 补偿（");
    // A balance in the thousands groups its digits in Chinese too ("29798 积分" stood beside the
    // dashboard's "3,921,813").
    await expect(page.getByTestId("points-balance")).toHaveText(`${(before + 1000).toLocaleString("en-US")} 积分`);
    // A balance in the thousands, in English: the plural takes the number, then groups its digits.
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
    await page.reload();
    await expect(page.getByTestId("points-balance")).toHaveText(`${(before + 1000).toLocaleString("en-US")} points`);
    for (const line of await priceLines.allTextContents()) expect(line).toMatch(/^.+: \D*[\d,.]+ (Regular price|(Member|Flash) price · regular \D*[\d,.]+)$/);

    // Renewing and cancelling are done here, each asked first and said once done.
    const membership = page.getByTestId("current-membership");
    const asked: string[] = [];
    page.once("dialog", (dialog) => (asked.push(dialog.message()), dialog.accept()));
    await membership.getByRole("button", { name: /^Renew / }).click();
    await expect(membership.getByRole("status")).toContainText("Renewed: the membership now runs until");
    await expect(page.getByTestId("renewed-until")).toBeVisible();
    expect(asked[0]).toMatch(/^Renew the membership of .+\? The fee is recorded\.$/);
    page.once("dialog", (dialog) => dialog.accept());
    await membership.getByRole("button", { name: /^Cancel membership of / }).click();
    await expect(section).toContainText("No active paid membership.", { timeout: 15_000 });
    await expect(page.getByTestId("tier-lift")).toHaveCount(0);
  });

  test("the products list pages by cursor, and an old page number's link opens its first page; the members', past its last, says so", async ({ page }) => {
    await page.goto("/s/demo/products?page=999");
    const names = page.getByTestId("products-table").locator("tbody tr[data-product] th > span:first-child");
    await expect(names.first()).toBeVisible();
    await expect(page.getByText("此页已超出最后一页。")).toHaveCount(0);
    const firstPage = await names.allTextContents();
    const pager = page.getByTestId("products-pager");
    await expect(pager).toContainText(/共 [\d,]+ 个商品/);
    await pager.getByRole("link", { name: "下一页" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(names.first()).not.toHaveText(firstPage[0]!);
    const secondPage = await names.allTextContents();
    // In name order across the pages' edge, none shown twice.
    expect(secondPage.some((name) => firstPage.includes(name))).toBe(false);
    await pager.getByRole("link", { name: "第一页" }).click();
    await expect(page).not.toHaveURL(/cursor=|before=/);
    await expect(names).toHaveText(firstPage);
    await pager.getByRole("link", { name: "下一页" }).click();
    await expect(names).toHaveText(secondPage);
    // Back from the second page: the first, with no page before it.
    await pager.getByRole("link", { name: "上一页" }).click();
    await expect(page).toHaveURL(/before=/);
    await expect(names).toHaveText(firstPage);
    await expect(pager.getByRole("link", { name: "上一页" })).toHaveCount(0);
    await expect(pager.getByRole("link", { name: "第一页" })).toHaveCount(0);

    await page.goto("/s/demo/members?page=999");
    await expect(page.getByText("此页已超出最后一页。回到第一页。")).toBeVisible();
    await page.getByRole("link", { name: "回到第一页" }).click();
    await expect(page).not.toHaveURL(/page=999/);
    await expect(page.getByTestId("active-members").locator("tbody tr").first()).toBeVisible();
  });

  test("on a phone, the members page's tables keep headers, tiers and periods on one line and scroll in their boxes", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/s/demo/members");
    for (const table of [page.getByTestId("plans"), page.getByTestId("active-members")]) {
      await expect(table.locator("tbody tr").first()).toBeVisible();
      // They stood a character a line: 方/案/名/称, 金/牌 in its badge, a period over nine lines.
      expect(await maxLines(table.getByRole("columnheader"))).toBe(1);
      expect(await maxLines(table.locator("tbody td:has([data-tier])"))).toBe(1);
    }
    expect(await maxLines(page.getByTestId("plans").getByRole("rowheader"))).toBeLessThanOrEqual(2);
    expect(await maxLines(page.getByTestId("active-members").locator("tbody td:nth-child(5)"))).toBe(1);
    // The keyboard reaches a table's box and scrolls it.
    const plans = tableRegion(page, "会员方案");
    await plans.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => plans.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    // The products table's headers too (库/存 stood over two lines).
    await page.goto("/s/demo/products");
    expect(await maxLines(page.getByTestId("products-table").getByRole("columnheader"))).toBe(1);
  });

  test("on a phone, a product's row fits the screen in both languages: its floor, stock and member prices named under its name", async ({ page }) => {
    for (const locale of ["zh-CN", "en"] as const) {
      await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: "http://localhost" }]);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto("/s/demo/products");
      // The seed prices the best sellers: a row with a gold price.
      const row = page.locator("tr[data-product]").filter({ has: page.locator('[data-tier-price="gold"]:not(:text-is("—"))') }).first();
      const product = (await row.getAttribute("data-product"))!;
      const gold = (await row.locator('[data-tier-price="gold"]').textContent())!.trim();
      const floor = (await row.locator("td").nth(1).textContent())!.trim();
      await expect(row.getByTestId("product-folded")).toBeHidden();

      await page.setViewportSize({ width: 390, height: 844 });
      const phoneRow = page.locator(`tr[data-product="${product}"]`);
      // Nine columns stood past the screen's edge, behind a sideways scroll; now the regular price keeps its own.
      await expectFits(tableRegion(page, locale === "en" ? "Products" : "商品"));
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), locale).toBeLessThanOrEqual(0);
      await expect(phoneRow.locator('[data-tier-price="gold"]')).toBeHidden();
      const folded = phoneRow.getByTestId("product-folded");
      await expect(folded.locator('[data-folded="gold"]')).toHaveText(`${locale === "en" ? "Gold" : "金牌"} ${gold}`);
      await expect(folded.locator('[data-folded="floor"]')).toHaveText(`${locale === "en" ? "Floor" : "最低价"} ${floor}`);
      await expect(folded.locator("[data-folded]")).toHaveCount(7);
      for (const box of await folded.locator("[data-folded]").evaluateAll((items) => items.map((item) => item.getBoundingClientRect().right))) {
        expect(box, locale).toBeLessThanOrEqual(390);
      }
    }
  });

  test("on a phone, a product's member-price form fits the table's box: every field and the save button in view", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/s/demo/products");
    const editor = page.getByTestId("member-price-editor").first();
    await editor.locator("summary").click();
    // The form spanned the whole table: the diamond and crown fields and the button were past the edge.
    const save = editor.getByRole("button", { name: "保存会员价" });
    await expect(save).toBeVisible();
    for (const control of [save, editor.getByRole("textbox").last()]) {
      const box = (await control.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  });
});

test.describe("points of an order moved to another customer", () => {
  test.use({ storageState: storageState("owner") });

  test("leave the first customer's ledger and land in the second's, named in both languages", async ({ page }) => {
    const stamp = Date.now() % 1_000_000;
    const orderId = `E2E-MOVE-${stamp}`;
    const token = laoke("token", "create", "--store", "demo", "--name", "e2e-points-move").trim().split("\n").at(-1)!.trim();
    const post = async (customer: string) => {
      const response = await page.request.post("/api/v1/orders", {
        headers: { authorization: `Bearer ${token}` },
        data: {
          orders: [
            {
              externalId: orderId,
              customer: { externalId: customer, name: customer },
              placedAt: new Date(Date.now() - 86_400_000).toISOString(),
              status: "paid",
              items: [{ productExternalId: `E2E-MOVEP-${stamp}`, quantity: 1, unitPrice: 12_345 }],
            },
          ],
        },
      });
      expect(response.status(), await response.text()).toBe(200);
    };
    const first = `E2E-MOVE-A-${stamp}`;
    const second = `E2E-MOVE-B-${stamp}`;
    await post(first);
    await post(second); // the merchant corrects the order's customer

    const ledgerOf = async (customer: string) => {
      await page.goto(`/s/demo/customers?q=${customer}`);
      await page.getByRole("link", { name: customer }).click();
      return page.getByTestId("points-ledger");
    };
    await expect(await ledgerOf(first)).toContainText(`订单改归其他客户，订单 ${orderId}`);
    await expect(page.getByTestId("points-balance")).toHaveText("0 积分");
    await expect(await ledgerOf(second)).toContainText(`订单由其他客户改归本客户，订单 ${orderId}`);
    // What the order earned (at the first customer's tier) is the second's now.
    await expect(page.getByTestId("points-balance")).toHaveText(/^[1-9][\d,]* 积分$/);
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
    await page.reload();
    await expect(page.getByTestId("points-ledger")).toContainText(`Order moved here from another customer, order ${orderId}`);
    await expect(page.getByTestId("points-balance")).toHaveText(/^[1-9][\d,]* points$/);
    await expect(await ledgerOf(first)).toContainText(`Order moved to another customer, order ${orderId}`);
  });
});

test.describe("staff", () => {
  test.use({ storageState: storageState("staff") });

  test("see member prices read-only and can look prices up", async ({ page }) => {
    await page.goto("/s/demo/products");
    await expect(page.getByTestId("products-table")).toBeVisible();
    await expect(page.getByText(/^编辑 .* 的会员价$/)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "保存会员价" })).toHaveCount(0);
    await expect(page.getByText(/^重命名 /)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "保存名称" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "查询价格" })).toBeVisible();
    expect((await page.goto("/s/demo/members"))?.status()).toBe(403);
  });
});

test.describe("another store", () => {
  test.use({ storageState: storageState("other") });

  test("has its own empty products, plans and ledger", async ({ page }) => {
    expect((await page.goto("/s/demo/products?product=SKU00001"))?.status()).toBe(404);
    // Nor can its product picker list the demo's products.
    expect((await page.request.get("/s/demo/products/choices?q=SKU")).status()).toBe(404);
    expect(await (await page.request.get("/s/other/products/choices?q=SKU")).json()).toEqual({ products: [] });
    await page.goto("/s/other/products");
    await expect(page.getByText("还没有商品")).toBeVisible();
    await page.goto("/s/other/members");
    await expect(page.getByText("还没有会员方案")).toBeVisible();
    await expect(page.getByText("暂无有效会员")).toBeVisible();
    // Its points rules count in its own currency, pounds, not 元.
    await expect(page.getByLabel("每消费 £1.00 获得积分")).toBeVisible();
    await expect(page.getByLabel("兑换 £1.00 优惠券所需积分")).toBeVisible();
    // Saved switched off, the status line says points are off, not since when orders earn them.
    await page.getByLabel("开启积分").uncheck();
    await page.getByRole("button", { name: "保存积分规则" }).click();
    await expect(page.getByText(/^积分已关闭：订单不获得积分/)).toBeVisible();
    await expect(page.getByText(/起的订单可获得积分/)).toHaveCount(0);
    // Switched on again, it names the pause: orders placed during it earn nothing (a sentence
    // run on after the Chinese full stop, no space between).
    await page.getByLabel("开启积分").check();
    await page.getByRole("button", { name: "保存积分规则" }).click();
    await expect(page.getByText(/起的订单可获得积分。.*位客户持有。积分关闭期间（最近一次为 .+ 至 .+）下的订单不获得积分。/)).toBeVisible();
  });
});

test.describe("a store with points switched off", () => {
  test("its customer page offers no redeem form but says why, keeps adjustments, and offers it again once points are on", async ({ page, browser }) => {
    // A store of its own with one customer: the demo's and the other store's points stay as they are.
    const slug = `off-${Date.now().toString(36)}`;
    const owner = { email: `${slug}@off.laoke`, password: "points-off-owner-pw" };
    const staff = { email: `${slug}-staff@off.laoke`, password: "points-off-staff-pw" };
    laoke("store", "create", "--slug", slug, "--name", "Points off");
    laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
    laoke("user", "create", "--email", staff.email, "--password", staff.password, "--store", slug, "--role", "staff");
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    importOrders(slug, [`O1,C1,Ann,${yesterday} 10:00:00,paid,false,P1,Mug,1,35.00`]);

    await signIn(page, owner);
    await expect(page).toHaveURL(`/s/${slug}`);
    await page.goto(`/s/${slug}/members`);
    await page.getByLabel("开启积分").uncheck();
    await page.getByRole("button", { name: "保存积分规则" }).click();
    await expect(page.getByText(/^积分已关闭：订单不获得积分/)).toBeVisible();

    await page.goto(`/s/${slug}/customers`);
    await page.getByTestId("customer-row").first().getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/s/${slug}/customers/\\d+$`));
    const customerUrl = page.url();
    const section = page.getByTestId("customer-pricing");
    await expect(section.getByTestId("points-balance")).toBeVisible();
    // While off a redemption can only be refused, so there is none to submit: a note says why.
    await expect(section.getByRole("button", { name: "兑换优惠券" })).toHaveCount(0);
    await expect(section.getByLabel("兑换积分")).toHaveCount(0);
    const note = section.getByTestId("points-off");
    await expect(note).toHaveText("本店积分已关闭，不能兑换积分。下方的手动调整仍可使用，用于更正余额。在积分规则中开启积分");
    // Adjustments are corrections and stay.
    await section.getByLabel("积分（正数增加，负数扣减）").fill("50");
    await section.getByLabel("原因").fill("E2E 更正");
    await section.getByRole("button", { name: "调整" }).click();
    await expect(page.getByTestId("points-ledger")).toContainText("手动调整：E2E 更正（");

    // Staff see the note, without the owner's link to the rules (the members page is the owner's).
    await asStaff(browser, staff, slug, customerUrl, (staffPage) => expect(staffPage.getByTestId("points-off")).toHaveText("本店积分已关闭，不能兑换积分。"));

    // In English too, a sentence apart.
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
    await page.reload();
    await expect(note).toHaveText(
      "Points are switched off for this store, so none can be redeemed. Adjusting points by hand still works below: it corrects the balance. Switch points on in the points rules",
    );
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: page.url() }]);
    await page.reload();

    // The link leads to the switch; switched on, the form is back and the note gone.
    await note.getByRole("link", { name: "在积分规则中开启积分" }).click();
    await expect(page).toHaveURL(`/s/${slug}/members#points-rules`);
    await page.getByLabel("开启积分").check();
    await page.getByRole("button", { name: "保存积分规则" }).click();
    await expect(page.getByText(/起的订单可获得积分/)).toBeVisible();
    await page.goto(customerUrl);
    await expect(section.getByTestId("points-balance")).toBeVisible();
    await expect(section.getByTestId("points-off")).toHaveCount(0);
    await expect(section.getByRole("button", { name: "兑换优惠券" })).toBeVisible();
    await expect(section.getByLabel("兑换积分")).toBeVisible();
  });
});

test.describe("a customer without points to redeem", () => {
  test("is told so instead of offered a form that could only be refused; with points the form is back, by keyboard, and its coupon is named after", async ({ page, browser }) => {
    // The order came before the points programme started: it earned none, the balance is 0.
    const slug = await storeWithMug(page, "redeem", "Redeem");
    const staff = { email: `${slug}-staff@redeem.laoke`, password: "redeem-staff-pw" };
    laoke("user", "create", "--email", staff.email, "--password", staff.password, "--store", slug, "--role", "staff");
    await page.goto(`/s/${slug}/customers`);
    await page.getByTestId("customer-row").first().getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/s/${slug}/customers/\\d+$`));
    const customerUrl = page.url();
    // No programme yet: staff are not told to save rules that are the owner's; the owner is shown where.
    await asStaff(browser, staff, slug, customerUrl, (staffPage) => expect(staffPage.getByTestId("points-not-started")).toHaveText("尚未开启积分：由店主开启。"));
    const notStarted = page.getByTestId("points-not-started");
    await expect(notStarted).toHaveText("尚未开启积分：保存规则即开始（此后的订单可获得积分）。去设置积分规则");
    await notStarted.getByRole("link", { name: "去设置积分规则" }).click();
    await expect(page).toHaveURL(`/s/${slug}/members#points-rules`);
    await page.getByRole("button", { name: "保存积分规则" }).click();
    await expect(page.getByText(/起的订单可获得积分/)).toBeVisible();
    await page.goto(customerUrl);
    const section = page.getByTestId("customer-pricing");
    await expect(section.getByTestId("points-not-started")).toHaveCount(0);
    await expect(section.getByTestId("points-balance")).toHaveText("0 积分");
    await expect(section.getByTestId("redeem-unavailable")).toHaveText("没有可兑换的积分：余额为 0。");
    await expect(section.getByRole("button", { name: "兑换优惠券" })).toHaveCount(0);
    await expect(section.getByLabel("兑换积分")).toHaveCount(0);

    // 150 points by hand, by keyboard: the form is offered.
    await section.getByLabel("积分（正数增加，负数扣减）").focus();
    await page.keyboard.type("150");
    await page.keyboard.press("Tab");
    await expect(section.getByLabel("原因")).toBeFocused();
    await page.keyboard.type("E2E 补积分");
    await page.keyboard.press("Enter");
    await expect(section.getByTestId("points-balance")).toHaveText("150 积分");
    await expect(section.getByTestId("redeem-unavailable")).toHaveCount(0);

    // Redeeming them all takes the form away again: what was redeemed, and the coupon to give, stays said.
    await section.getByLabel("兑换积分").focus();
    await page.keyboard.type("150");
    await page.keyboard.press("Enter");
    await expect(section.getByTestId("points-balance")).toHaveText("0 积分");
    await expect(section.getByTestId("redeemed")).toHaveText("已用 150 积分兑换 ¥1.50 优惠券。");
    await expect(section.getByTestId("redeem-unavailable")).toHaveText("没有可兑换的积分：余额为 0。");
    // The keyboard is not dropped to the top of the page with the form.
    await expect.poll(() => page.evaluate(() => document.activeElement !== document.body)).toBe(true);

    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
    await page.reload();
    await expect(section.getByTestId("redeem-unavailable")).toHaveText("No points to redeem: the balance is 0.");
  });
});

test.describe("a form sent twice at once", () => {
  test("records one points adjustment, not two, however fast the second submit comes", async ({ page }) => {
    const slug = await storeWithMug(page, "twice", "Twice");
    await page.goto(`/s/${slug}/customers`);
    await page.getByTestId("customer-row").first().getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/s/${slug}/customers/\\d+$`));
    const section = page.getByTestId("customer-pricing");
    const balance = async () => Number((await section.getByTestId("points-balance").textContent())!.replace(/[^\d]/g, ""));
    const before = await balance();
    await section.getByLabel("积分（正数增加，负数扣减）").fill("50");
    await section.getByLabel("原因").fill("E2E 两次提交");
    const button = section.getByRole("button", { name: "调整" });
    // Hydrated: the form is React's, which sends it by its action.
    await expect.poll(() => button.evaluate((b: HTMLButtonElement) => Object.keys(b.form!).some((key) => key.startsWith("__reactProps")))).toBe(true);
    // Two submits in one go (a double Enter, a double click, a script) before the page re-renders.
    await button.evaluate((b: HTMLButtonElement) => {
      b.form!.requestSubmit(b);
      b.form!.requestSubmit(b);
    });
    await expect(page.getByTestId("points-ledger")).toContainText("手动调整：E2E 两次提交（");
    await page.reload();
    await expect(page.getByTestId("points-ledger").locator("tbody tr").filter({ hasText: "E2E 两次提交" })).toHaveCount(1);
    expect(await balance()).toBe(before + 50);
  });
});

test.describe("a store with no members", () => {
  test("its members page shows the empty state alone, with no search box over it, until a search is typed", async ({ page }) => {
    const slug = await storeWithMug(page, "nomembers", "No members");
    await page.goto(`/s/${slug}/members`);
    const section = page.locator("section", { has: page.getByRole("heading", { name: "有效会员（0）" }) });
    await expect(section.getByTestId("no-members")).toHaveText("暂无有效会员：请在上方登记。");
    // Nothing to search: a search box stood over the empty state alone.
    await expect(section.getByRole("search")).toHaveCount(0);
    await expect(section.getByRole("searchbox")).toHaveCount(0);
    // A search typed in the address keeps its box, to change or clear it.
    await page.goto(`/s/${slug}/members?q=Ann#members`);
    await expect(section.getByRole("searchbox", { name: "搜索会员" })).toHaveValue("Ann");
  });
});

test.describe("a product an imported order brought in", () => {
  test("its owner completes its floor price and stock by keyboard on a phone: a refusal keeps what was typed, a save shows in the table", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const slug = await storeWithMug(page, "edit", "Products to complete");
    await page.goto(`/s/${slug}/products`);
    const cells = page.locator('tr[data-product="P1"] td');
    // As the order line made it: its price, no floor, no stock.
    await expect(cells.nth(0)).toHaveText("¥35.00");
    await expect(cells.nth(1)).toHaveText("—");
    await expect(cells.nth(2)).toHaveText("0");

    await page.getByText("编辑 Mug 的价格和库存").focus();
    await page.keyboard.press("Enter");
    const price = page.getByLabel("Mug 的原价");
    const floor = page.getByLabel("Mug 的最低价");
    const stock = page.getByLabel("Mug 的库存");
    await page.keyboard.press("Tab");
    await expect(price).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(floor).toBeFocused();
    await page.keyboard.type("40");
    await page.keyboard.press("Tab");
    await expect(stock).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("120");
    await page.keyboard.press("Enter");

    const form = page.locator("form").filter({ has: floor });
    await expect(form.getByRole("alert")).toContainText("最低价 ¥40.00 高于原价 ¥35.00。");
    await expect(floor).toHaveAttribute("aria-invalid", "true");
    await expect(floor).toBeFocused();
    await expect(floor).toHaveValue("40");
    await expect(stock).toHaveValue("120");

    // A Chinese input method's full-width digits are read as typed.
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("２９．９");
    await page.keyboard.press("Enter");
    await expect(form.getByRole("status")).toHaveText("价格和库存已保存。");
    await page.reload();
    await expect(cells.nth(1)).toHaveText("¥29.90");
    await expect(cells.nth(2)).toHaveText("120");
  });

  test("its owner names it by keyboard, the refusals said at the field; the table shows the new name, and the API's next sync puts its own back", async ({ page, request }) => {
    const slug = await storeWithMug(page, "rename", "Products to name");
    // A line without a product name: the product is named by its code until the owner names it.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    importOrders(slug, [`O2,C1,Ann,${yesterday} 11:00:00,paid,false,P2,,1,20.00`]);
    await page.goto(`/s/${slug}/products`);
    const row = page.locator('tr[data-product="P2"]');
    await expect(row.locator("th span").first()).toHaveText("P2");

    await page.getByText("重命名 P2").focus();
    await page.keyboard.press("Enter");
    const name = page.getByLabel("P2 的名称");
    await page.keyboard.press("Tab");
    await expect(name).toBeFocused();
    await expect(name).toHaveValue("P2");
    await expect(name).toHaveAccessibleDescription(/若再通过 API（POST \/api\/v1\/products，按编号 P2）发送此商品，会以所发送的名称替换这里的名称/);

    // Spaces alone pass the browser's `required`: the server refuses them, at the field.
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("   ");
    await page.keyboard.press("Enter");
    const form = page.locator("form").filter({ has: name });
    await expect(form.getByTestId("name-reason")).toBeVisible();
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(name).toBeFocused();

    // Past the API's 200 characters: refused at the field, what was typed kept.
    const long = "杯".repeat(201);
    await name.fill(long);
    await page.keyboard.press("Enter");
    await expect(form.getByTestId("name-reason")).toContainText("200");
    await expect(name).toHaveValue(long);

    await name.fill("  旅行保温杯  ");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("product-renamed")).toHaveText("P2 现名为“旅行保温杯”。 查看");
    await expect(row.locator("th span").first()).toHaveText("旅行保温杯");
    await page.reload();
    await expect(row.locator("th span").first()).toHaveText("旅行保温杯");

    // The store's system sends the product again: its name is the one that stands.
    const token = laoke("token", "create", "--store", slug, "--name", "erp").trim().split("\n").at(-1)!;
    const sync = await request.post("/api/v1/products", {
      headers: { authorization: `Bearer ${token}` },
      data: { products: [{ externalId: "P2", name: "Travel mug (ERP)", price: 2000 }] },
    });
    expect(sync.status()).toBe(200);
    await page.reload();
    await expect(row.locator("th span").first()).toHaveText("Travel mug (ERP)");
  });

  test("lowering its regular price under a member price says that tier's price no longer applies", async ({ page }) => {
    const slug = await storeWithMug(page, "lower", "Prices to lower");
    await page.goto(`/s/${slug}/products`);

    await page.getByText("编辑 Mug 的会员价").click();
    await page.getByLabel("Mug 的银牌会员价").fill("33");
    await page.getByLabel("Mug 的金牌会员价").fill("10%");
    await page.getByRole("button", { name: "保存会员价" }).click();
    await expect(page.locator('tr[data-product="P1"] [data-tier-price="silver"]')).toHaveText("¥33.00");

    await page.getByText("编辑 Mug 的价格和库存").click();
    await page.getByLabel("Mug 的原价").fill("30");
    await page.getByRole("button", { name: "保存价格和库存" }).click();
    // The fixed silver price is now above ¥30.00; gold's 10 % off follows the price down.
    const form = page.locator("form").filter({ has: page.getByLabel("Mug 的原价") });
    await expect(form.getByRole("status")).toHaveText("价格和库存已保存。1 个会员价现已超出最低价与原价范围，不再采用：银牌 ¥33.00（高于原价）。请在下方的会员价中修改或清除。");
    await expect(page.locator('tr[data-product="P1"] [data-tier-price="silver"]')).toContainText("不予采用");
  });
});
