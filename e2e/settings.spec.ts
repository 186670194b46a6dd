import { expect, expectFits, expectScrollsSideways, lineEnds, maxLines, signIn, storageState, tableRegion, test } from "./fixtures";

test.describe("the owner's settings", () => {
  test.use({ storageState: storageState("owner") });

  test("an owner adds a staff member who can sign in, then removes them", async ({ page, browser }) => {
    await page.goto("/s/demo/settings");
    const form = page.getByRole("form", { name: "添加员工" });
    // The owner's own account is already a member: refused with a clear message.
    await form.getByLabel("邮箱").fill("owner@demo.laoke");
    await form.getByLabel("初始密码（至少 8 位）").fill("whatever-pw");
    await form.getByRole("button", { name: "添加员工" }).click();
    await expect(form.getByRole("alert")).toHaveText("owner@demo.laoke 已经是本店成员。");

    await form.getByLabel("邮箱").fill("new.clerk@demo.laoke");
    await form.getByLabel("姓名").fill("新客服");

    await form.getByLabel("初始密码（至少 8 位）").fill("clerk-initial-pw");
    await form.getByRole("button", { name: "添加员工" }).click();
    await expect(form.getByRole("status")).toHaveText("已添加 new.clerk@demo.laoke。");
    const row = page.getByRole("row", { name: /new\.clerk@demo\.laoke/ });
    await expect(row).toContainText("客服/运营");

    const clerk = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const clerkPage = await clerk.newPage();
    await signIn(clerkPage, { email: "new.clerk@demo.laoke", password: "clerk-initial-pw" });
    await expect(clerkPage).toHaveURL("/s/demo");

    page.once("dialog", (dialog) => dialog.accept());
    // Each row's button says whom it removes.
    await row.getByRole("button", { name: "移除 new.clerk@demo.laoke", exact: true }).click();
    await expect(page.getByRole("row", { name: /new\.clerk@demo\.laoke/ })).toHaveCount(0);
    // What the removal did is said above the table, where it stays: said in the removed row, it left with the row.
    const removed = page.getByTestId("staff-removed");
    await expect(removed).toHaveText("已将 new.clerk@demo.laoke 移出本店。");
    await expect(removed).toHaveRole("status");
    const staffTable = tableRegion(page, "员工账号");
    expect((await removed.boundingBox())!.y).toBeLessThan((await staffTable.boundingBox())!.y);
    // Their session no longer opens the store.
    expect((await clerkPage.goto("/s/demo"))?.status()).toBe(404);
    await clerk.close();
  });

  test("an owner adds staff by the full-width email a Chinese input method types, who sign in with it typed either way", async ({ page, browser }) => {
    await page.goto("/s/demo/settings");
    const form = page.getByRole("form", { name: "添加员工" });
    const tag = Date.now().toString(36);
    const fullWidth = (text: string) => [...text].map((c) => (/[!-~]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join("");
    // Not an address: refused in the page's words, at its field (the browser said "include an '@'" of the full-width one).
    await form.getByLabel("邮箱").fill(fullWidth(`clerk-${tag}`));
    await form.getByLabel("初始密码（至少 8 位）").fill("clerk-initial-pw");
    await form.getByLabel("初始密码（至少 8 位）").press("Enter");
    await expect(form.getByRole("alert")).toBeVisible();
    await expect(form.getByLabel("邮箱")).toHaveAttribute("aria-invalid", "true");
    await form.getByLabel("邮箱").fill(fullWidth(`Clerk-${tag}@demo.laoke`));
    await form.getByLabel("初始密码（至少 8 位）").press("Enter");
    const email = `clerk-${tag}@demo.laoke`;
    await expect(form.getByRole("status")).toHaveText(`已添加 ${email}。`);
    await expect(page.getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) })).toContainText("客服/运营");

    for (const typed of [fullWidth(email), email]) {
      const clerk = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      const clerkPage = await clerk.newPage();
      await signIn(clerkPage, { email: typed, password: "clerk-initial-pw" });
      await expect(clerkPage).toHaveURL("/s/demo");
      await clerk.close();
    }
  });

  test("an API token sent twice in one go (a double Enter or click) is created once", async ({ page }) => {
    await page.goto("/s/demo/settings");
    const form = page.getByRole("form", { name: "创建令牌" });
    const name = `Twice ${Date.now().toString(36)}`;
    await form.getByLabel("名称").fill(name);
    const button = form.getByRole("button", { name: "创建令牌" });
    // Hydrated: the form is React's, which sends it by its action.
    await expect.poll(() => button.evaluate((b: HTMLButtonElement) => Object.keys(b.form!).some((key) => key.startsWith("__reactProps")))).toBe(true);
    await button.evaluate((b: HTMLButtonElement) => {
      b.form!.requestSubmit(b);
      b.form!.requestSubmit(b);
    });
    await expect(page.getByTestId("new-token")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(1);
  });

  test("an owner creates an API token, sees it once, and revokes it", async ({ page }) => {
    await page.goto("/s/demo/settings");
    const form = page.getByRole("form", { name: "创建令牌" });
    await form.getByLabel("名称").fill("ERP sync");
    await form.getByRole("button", { name: "创建令牌" }).click();
    const token = await page.getByTestId("new-token").textContent();
    expect(token).toMatch(/^lk_\d+_[A-Za-z0-9_-]{43}$/);
    const row = page.getByRole("row", { name: /ERP sync/ });
    await expect(row).toContainText("有效");

    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(token!.slice(-20));

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("row", { name: /ERP sync/ }).getByRole("button", { name: "撤销令牌 ERP sync", exact: true }).click();
    await expect(page.getByRole("row", { name: /ERP sync/ })).toContainText("已撤销");

    // On a desktop both tables fit: their boxes are named as tables, not as scrolling sideways
    // (said of every table's box, at every width), and are no tab stops.
    const titles = ["员工账号", "API 令牌"];
    for (const title of titles) await expectFits(tableRegion(page, title));
    // On a phone the staff and token tables keep their headers, dates and statuses on one line
    // (they stood a Chinese character a line: 最/近/使/用). The staff table fits (its names stand
    // under the addresses); the token table scrolls in its own box, which says so and which the
    // keyboard reaches.
    await page.setViewportSize({ width: 375, height: 800 });
    await expectFits(tableRegion(page, "员工账号"));
    await expectScrollsSideways(tableRegion(page, "API 令牌"));
    for (const title of titles) {
      const region = tableRegion(page, title);
      expect(await maxLines(region.getByRole("columnheader"))).toBe(1);
      // Every header says it heads its column (scope="col"), as every other table of the app does.
      await expect(region.locator("thead th")).not.toHaveCount(0);
      await expect(region.locator('thead th:not([scope="col"])')).toHaveCount(0);
    }
    const revoked = page.getByRole("row", { name: /ERP sync/ }).getByRole("cell");
    for (const column of [2, 4, 5]) expect(await maxLines(revoked.nth(column))).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  });

  test("on a phone the staff table shows each address, name, role and Remove button without scrolling, in both languages", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/s/demo/settings");
    for (const [locale, title, role, remove] of [["zh-CN", "员工账号", "客服/运营", "移除"], ["en", "Staff accounts", "Staff", "Remove"]] as const) {
      await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
      await page.reload();
      const region = tableRegion(page, title);
      // The role was cut and the Remove button stood past the box's edge, behind a sideways scroll.
      await expectFits(region);
      const box = (await region.boundingBox())!;
      const staff = region.getByRole("row", { name: /staff@demo\.laoke/ });
      const roleCell = staff.getByRole("cell", { name: role, exact: true });
      for (const cell of [roleCell, staff.getByRole("button", { name: new RegExp(`^${remove}`) })]) {
        const { x, width } = (await cell.boundingBox())!;
        expect(x + width, `${locale} ${await cell.textContent()}`).toBeLessThanOrEqual(box.x + box.width + 0.5);
      }
      // The name is not lost: it stands under the address, its own column left out.
      await expect(staff.getByTestId("staff-name"), locale).toHaveText(/\S/);
      await expect(region.getByRole("columnheader", { name: locale === "en" ? "Name" : "姓名", exact: true })).toBeHidden();
      expect(await maxLines(roleCell), locale).toBe(1);
      // An address goes over two lines only after its "@" or a ".", never inside a word.
      for (const end of await lineEnds(region.getByTestId("email-address"))) expect(end, locale).toMatch(/[@.]$/);
    }
  });

  test("a token name of only spaces is refused at its field", async ({ page }) => {
    await page.goto("/s/demo/settings");
    const form = page.getByRole("form", { name: "创建令牌" });
    const name = form.getByLabel("名称");
    await name.fill("   ");
    await form.getByRole("button", { name: "创建令牌" }).click();
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(name).toHaveAccessibleDescription("此项必填。");
    await expect(name).toBeFocused();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
  });

  test("a token name of 80 emoji is taken whole (the browser does not cut it at 40), and 81 is refused at its field", async ({ page }) => {
    await page.goto("/s/demo/settings");
    const form = page.getByRole("form", { name: "创建令牌" });
    const name = form.getByLabel("名称");
    await name.fill("🔑".repeat(81));
    await form.getByRole("button", { name: "创建令牌" }).click();
    await expect(name).toHaveAccessibleDescription("最多输入 80 个字符。");
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    await name.fill("🔑".repeat(80));
    await form.getByRole("button", { name: "创建令牌" }).click();
    await expect(page.getByTestId("new-token")).toBeVisible();
    await expect(page.getByRole("cell", { name: "🔑".repeat(80), exact: true })).toBeVisible();
  });

  test("an owner sees a clear refusal for an unknown currency and saves a valid one", async ({ page }) => {
    await page.goto("/s/demo/settings");
    const currency = page.getByLabel("币种");
    await currency.fill("RMB");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "请检查标出的字段。" })).toBeVisible();
    // In the reader's words, under the field it is about, and read with it.
    await expect(page.getByTestId("currency-reason")).toHaveText("RMB 不是币种代码，请输入 ISO 4217 代码，例如 CNY 或 USD。");
    await expect(currency).toHaveAttribute("aria-invalid", "true");
    await expect(currency).toHaveAccessibleDescription("RMB 不是币种代码，请输入 ISO 4217 代码，例如 CNY 或 USD。");
    await expect(currency).toBeFocused();
    await currency.fill("CNY");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "已保存。" })).toBeVisible();
  });
});

test.describe("the scoring rules", () => {
  // The other store: its rules can change without moving the demo's tiers under other tests.
  test.use({ storageState: storageState("other") });

  test("lead the owner to the points rules, which are set on the members page", async ({ page }) => {
    await page.goto("/s/other/settings");
    await page.getByRole("link", { name: "前往积分规则" }).click();
    await expect(page).toHaveURL(/\/s\/other\/members#points-rules$/);
    await expect(page.getByRole("heading", { name: "积分规则", level: 2 })).toBeVisible();
  });

  test("a refusal names its field in the reader's language and keeps what the owner typed; a valid change saves", async ({ page }) => {
    await page.goto("/s/other/settings");
    const form = page.getByRole("form", { name: "客户评分规则" });
    const silver = form.getByLabel("银牌", { exact: true });
    const gold = form.getByLabel("金牌", { exact: true });
    await silver.fill("70");
    await form.getByLabel("降级缓冲（分）").fill("3");
    await form.getByRole("button", { name: "保存并重新评分" }).click();
    await expect(form.getByRole("alert")).toHaveText("请检查标出的字段。");
    await expect(gold).toHaveAttribute("aria-invalid", "true");
    await expect(gold).toHaveAccessibleDescription("金牌分数线（60）必须高于银牌分数线（70）。");
    // Nothing typed is lost to the refusal.
    await expect(silver).toHaveValue("70");
    await expect(form.getByLabel("降级缓冲（分）")).toHaveValue("3");

    await silver.fill("45");
    await form.getByRole("button", { name: "保存并重新评分" }).click();
    await expect(form.getByRole("status")).toHaveText(/^已保存为第 \d+ 版，已为 [\d,]+ 位客户重新评分，用时 [\d,]+ 毫秒。$/);
    await expect(gold).not.toHaveAttribute("aria-invalid");
    await page.reload();
    await expect(form.getByLabel("银牌", { exact: true })).toHaveValue("45");
    // Gold at 60 with 3 points of hysteresis: held above 57.
    await expect(form).toContainText("金牌客户得分高于 57 仍为金牌");
  });

  test("the return-rate gate is a percentage, as the pages show return rates, and the API keeps the share", async ({ page }) => {
    await page.goto("/s/other/settings");
    const form = page.getByRole("form", { name: "客户评分规则" });
    const gate = form.getByLabel("退换货率门槛（%）");
    await expect(gate).toHaveValue("30");
    await gate.fill("25");
    await form.getByRole("button", { name: "保存并重新评分" }).click();
    await expect(form.getByRole("status")).toHaveText(/^已保存为第 \d+ 版/);
    await page.reload();
    await expect(form.getByLabel("退换货率门槛（%）")).toHaveValue("25");
    // The browser holds it to 0–100 too (the server's own refusal is lib/validation's test).
    await expect(gate).toHaveAttribute("max", "100");
    // Back to the default, so other tests find the store as it was.
    await form.getByLabel("退换货率门槛（%）").fill("30");
    await form.getByRole("button", { name: "保存并重新评分" }).click();
    await expect(form.getByRole("status")).toHaveText(/^已保存为第 \d+ 版/);
  });
});
