import { expect, expectKeyboardScrollRegion, expectScrollsSideways, laoke, maxLines, signIn, storageState, tableRegion, test } from "./fixtures";

// Every page of a store; the isolation spec checks each of them from another store.
export const storePages = ["", "/customers", "/products", "/members", "/flash-sales", "/disputes", "/imports", "/settings"];
const ownerOnly = ["/members", "/imports", "/settings"];

test.describe("staff and owner-only pages", () => {
  test.use({ storageState: storageState("staff") });

  test("staff get 403 on every owner-only page and can open the others", async ({ page }) => {
    for (const suffix of storePages) {
      const response = await page.goto(`/s/demo${suffix}`);
      expect(response?.status(), suffix).toBe(ownerOnly.includes(suffix) ? 403 : 200);
    }
    await page.goto("/s/demo/settings");
    await expect(page.getByRole("heading", { name: "403 · 无权访问" })).toBeVisible();
    // The owner-only endpoints behind the pages refuse staff too.
    expect((await page.request.get("/s/demo/imports/1/status")).status()).toBe(403);
    const upload = await page.request.post("/s/demo/imports/upload?kind=orders&format=canonical&fileName=x.csv", { data: "a,b\n" });
    expect(upload.status()).toBe(403);
  });
});

test.describe("the console in another site's page", () => {
  test.use({ storageState: storageState("owner") });

  test("is never shown in a frame, and every answer says so, with its type not to be guessed and no path in the referrer", async ({ page, baseURL }) => {
    for (const url of ["/login", "/s/demo", "/s/demo/settings", "/s/demo/customers/export", "/api/v1/customers"]) {
      const headers = (await page.request.get(url)).headers();
      expect(headers["x-frame-options"], url).toBe("DENY");
      expect(headers["x-content-type-options"], url).toBe("nosniff");
      expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    }
    // A page of another site framing the sign-in page (to have a merchant type their password
    // into it, or click through it) gets an empty frame. setContent waits for the frame's load.
    await page.setContent(`<iframe src="${baseURL}/login" width="800" height="600"></iframe>`);
    await expect(page.frameLocator("iframe").getByLabel("密码")).toHaveCount(0);
  });
});

test.describe("two stores never see each other", () => {
  test.use({ storageState: storageState("other") });

  test("a user of store B gets 404 for every URL of store A, and for stores that do not exist", async ({ page }) => {
    for (const suffix of storePages) {
      const response = await page.goto(`/s/demo${suffix}`);
      expect(response?.status(), suffix).toBe(404);
      await expect(page.getByText("老客演示店")).toHaveCount(0);
    }
    expect((await page.goto("/s/no-such-store"))?.status()).toBe(404);
    // Store A's customer pages and export, by the ids store A uses.
    for (const url of [
      "/s/demo/customers/1",
      "/s/demo/customers/export",
      "/s/demo/customers/export?tier=gold",
      "/s/demo/imports/1/status",
      "/s/demo/imports/1/errors",
    ]) {
      expect((await page.request.get(url)).status(), url).toBe(404);
    }
    // Their own store works, and the store picker offers only it.
    expect((await page.goto("/s/other/settings"))?.status()).toBe(200);
    await page.goto("/s");
    await expect(page).toHaveURL("/s/other");
  });
});

test.describe("the store picker", () => {
  test("on a phone each store's role keeps to a line beside a long name, in both languages", async ({ page }) => {
    const tag = Date.now().toString(36);
    const user = { email: `${tag}@picker.laoke`, password: "two-stores-password" };
    for (const [slug, name, role] of [
      [`pk-a-${tag}`, "一家名字很长很长的茶叶店铺有限公司旗舰店", "owner"],
      [`pk-b-${tag}`, "A Very Long English Store Name Limited Flagship", "staff"],
    ] as const) {
      laoke("store", "create", "--slug", slug, "--name", name);
      laoke("user", "create", "--email", user.email, "--password", user.password, "--store", slug, "--role", role);
    }
    await page.setViewportSize({ width: 390, height: 800 });
    await signIn(page, user);
    await expect(page).toHaveURL("/s");
    for (const language of ["English", "中文"]) {
      await page.getByRole("button", { name: language }).click();
      const roles = page.getByTestId("store-role");
      await expect(page.getByRole("link", { name: /^一家/ }).getByTestId("store-role")).toHaveText(language === "中文" ? "店主" : "Owner");
      await expect(page.getByRole("link", { name: /^A Very/ }).getByTestId("store-role")).toHaveText(language === "中文" ? "客服/运营" : "Staff");
      // They stood 店/主 and 客服/运营 over two lines, squeezed by the names.
      expect(await maxLines(roles), language).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
  });
});

test.describe("the store switcher", () => {
  test("opens by keyboard, closes on Escape and once a store is chosen", async ({ page }) => {
    // Two stores of its own: a user added to the demo or the other store would change what
    // their pages show (the care page counts the store's staff).
    const tag = Date.now().toString(36);
    const [first, second] = [`sw-a-${tag}`, `sw-b-${tag}`];
    const user = { email: `${tag}@switcher.laoke`, password: "two-stores-password" };
    for (const slug of [first, second]) {
      laoke("store", "create", "--slug", slug, "--name", `Switcher ${slug}`);
      laoke("user", "create", "--email", user.email, "--password", user.password, "--store", slug, "--role", "owner");
    }
    await signIn(page, user);
    // A user of two stores lands on the store picker, where the language is switched as on every page.
    await expect(page).toHaveURL("/s");
    await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose a store");
    await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "中文" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("选择店铺");
    await page.goto(`/s/${first}/customers`);
    const summary = page.getByRole("banner").locator("summary");
    await expect(summary).toHaveAttribute("aria-label", `切换店铺：Switcher ${first}`);
    const open = page.getByRole("banner").locator("details[open]");
    await summary.focus();
    await page.keyboard.press("Enter");
    await expect(open).toHaveCount(1);
    await page.keyboard.press("Escape");
    await expect(open).toHaveCount(0);
    await expect(summary).toBeFocused();
    await page.keyboard.press("Enter");
    await open.locator("a:not([aria-current])").click();
    await expect(page).toHaveURL(new RegExp(`/s/${second}$`));
    await expect(open).toHaveCount(0);
  });
});

test.describe("on a phone", () => {
  test.use({ storageState: storageState("owner"), viewport: { width: 375, height: 740 } });

  test("the pages with wide tables fit its 375 px and scroll those tables in their own box", async ({ page }) => {
    await page.goto("/s/demo/customers");
    const customer = (await page.getByTestId("customer-row").first().getByRole("link").getAttribute("href"))!;
    await page.goto("/s/demo/disputes");
    const dispute = (await page.getByTestId("dispute-row").first().getByRole("link").first().getAttribute("href"))!;
    for (const url of [...storePages.map((suffix) => `/s/demo${suffix}`), customer, dispute]) {
      await page.goto(url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, url).toBeLessThanOrEqual(375);
    }
  });

  test("a table's box says it scrolls only once measured: the server's HTML claims it of none, in either language", async ({ page }) => {
    for (const [locale, scrolls, fits] of [["zh-CN", "可左右滚动", "客户：表格"], ["en", "scrolls sideways", "Customers: table"]] as const) {
      await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: "http://localhost" }]);
      // Before its script runs a box cannot know: a screen reader was told every table scrolled, fitting or not.
      const html = await (await page.request.get("/s/demo/customers")).text();
      expect(html, locale).toContain(`aria-label="${fits}"`);
      expect(html, locale).not.toMatch(new RegExp(`aria-label="[^"]*${scrolls}"`));
      // Measured on the phone, the customers list does scroll, and says so.
      await page.goto("/s/demo/customers");
      await expectScrollsSideways(tableRegion(page, locale === "en" ? "Customers" : "客户"));
    }
  });

  test("the customers list's eleven columns scroll in a box a keyboard reaches and a screen reader names", async ({ page }) => {
    await page.goto("/s/demo/customers");
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    await expectKeyboardScrollRegion(page, "客户");
  });
});

