import { demoLogins, expect, lockoutUser, signIn, test } from "./fixtures";

test.describe("signing in and out", () => {
  test("the owner signs in by keyboard, lands on the dashboard with owner navigation, and signs out", async ({ page }) => {
    const { owner } = demoLogins();
    await page.goto("/s/demo");
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel("邮箱").focus();
    await page.keyboard.type(owner.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(owner.password);
    await page.keyboard.press("Enter");

    await expect(page).toHaveURL("/s/demo");
    await expect(page.getByRole("heading", { name: "概览" })).toBeVisible();
    await expect(page.getByTestId("role")).toHaveText("店主");
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "设置" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "数据导入" })).toBeVisible();
    // The seeded demo store has data: its 2,000 customers, scored on the first start.
    await expect(page.getByTestId("headline-customers")).toHaveText("2,000");

    const cookies = await page.context().cookies();
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/s/demo/settings");
    await expect(page).toHaveURL(/\/login/);
    // A copy of the session cookie taken before signing out (a shared computer) opens nothing.
    await page.context().addCookies(cookies);
    await page.goto("/s/demo/settings");
    await expect(page).toHaveURL(/\/login/);
  });

  test("signing out says so, takes no second click, and sends one sign-out request on a double click", async ({ page }) => {
    await signIn(page, demoLogins().staff);
    await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
    let requests = 0;
    // Held a moment, as on a slow network, so the waiting button can be seen.
    await page.route("**/api/auth/signout", async (route) => {
      requests += 1;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.getByRole("button", { name: "退出登录" }).dblclick();
    const waiting = page.getByRole("button", { name: "正在退出……" });
    await expect(waiting).toBeVisible();
    await expect(waiting).toBeDisabled();
    await expect(page).toHaveURL(/\/login/);
    expect(requests).toBe(1);
  });

  test("a link opened signed out leads to sign-in, then back to the page it named", async ({ page }) => {
    const { staff } = demoLogins();
    await page.goto("/s/demo/customers?tier=gold&sort=netSpend");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await page.getByLabel("邮箱").fill(staff.email);
    await page.getByLabel("密码").fill(staff.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL("/s/demo/customers?tier=gold&sort=netSpend");
    await expect(page.getByRole("heading", { name: "客户", exact: true })).toBeVisible();
  });

  test("staff land on the dashboard without the owner's navigation", async ({ page }) => {
    await signIn(page, demoLogins().staff);
    await expect(page).toHaveURL("/s/demo");
    await expect(page.getByTestId("role")).toHaveText("客服/运营");
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "客户" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "设置" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "数据导入" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "会员" })).toHaveCount(0);
  });

  test("a wrong password is refused with a message that does not tell whether the account exists", async ({ page }) => {
    await signIn(page, { email: demoLogins().owner.email, password: "not-the-password" });
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("邮箱或密码不正确。");
    await signIn(page, { email: "nobody@nowhere.laoke", password: "not-the-password" });
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("邮箱或密码不正确。");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an empty field is asked for, and gets the focus", async ({ page }) => {
    await signIn(page, { email: "", password: "" });
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("请输入邮箱。");
    await expect(page.getByLabel("邮箱")).toBeFocused();
    await signIn(page, { email: demoLogins().owner.email, password: "" });
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("请输入密码。");
    await expect(page.getByLabel("密码")).toBeFocused();
  });

  test("ten failures lock the account, even for the right password", async ({ page }) => {
    for (let i = 0; i < 10; i++) {
      await signIn(page, { email: lockoutUser.email, password: `wrong-${i}` });
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("邮箱或密码不正确。");
    }
    await signIn(page, lockoutUser);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("登录失败次数过多，请 15 分钟后再试。");
    await expect(page).toHaveURL(/\/login/);
  });

  test("only an intact session cookie signs a request in: not an altered one, nor the token sent as a bearer header", async ({ page, playwright }) => {
    await signIn(page, demoLogins().owner);
    await expect(page).toHaveURL("/s/demo");
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"))!;
    expect(session).toBeDefined();

    const baseURL = new URL(page.url()).origin;
    const anonymous = await playwright.request.newContext({ baseURL });
    // The valid token, but as an Authorization header: pages read the cookie only.
    const bearer = await anonymous.get("/s/demo", { headers: { authorization: `Bearer ${session.value}` }, maxRedirects: 0 });
    expect(bearer.status()).toBe(401);
    expect(await bearer.text()).toContain("请先登录");
    await anonymous.dispose();

    // One character in the middle of the token's ciphertext changed: it no longer decrypts. (Not
    // the last character: some of its bits are padding, and A for B there changed no byte at all.)
    const parts = session.value.split(".");
    const middle = Math.floor(parts[3]!.length / 2);
    parts[3] = parts[3]!.slice(0, middle) + (parts[3]![middle] === "A" ? "Q" : "A") + parts[3]!.slice(middle + 1);
    expect(parts).toHaveLength(5);
    await page.context().addCookies([{ ...session, value: parts.join(".") }]);
    await page.goto("/s/demo/customers");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the language switch turns the interface to English and back", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Sign in to Laoke" })).toBeVisible();
    await page.getByRole("button", { name: "中文" }).click();
    await expect(page.getByRole("heading", { name: "登录老客" })).toBeVisible();
    // By keyboard, the focus stays on the switch (a button disabled while it switched dropped it).
    await page.getByRole("button", { name: "English" }).focus();
    await page.keyboard.press("Space");
    await expect(page.getByRole("heading", { name: "Sign in to Laoke" })).toBeVisible();
    await expect(page.getByRole("button", { name: "English" })).toBeFocused();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "登录老客" })).toBeVisible();
  });
});
