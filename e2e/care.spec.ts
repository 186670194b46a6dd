import { demoLogins, expect, expectNothingCutOff, laoke, lineEnds, maxLines, minCellGap, signIn, storageState, test } from "./fixtures";

/** The staff loads table of the reps page: email → customers. */
async function loads(page: import("@playwright/test").Page) {
  const rows = page.getByTestId("staff-loads").locator("tbody tr");
  const out: Record<string, number> = {};
  for (const row of await rows.all()) out[(await row.getAttribute("data-email"))!] = Number(await row.getByTestId("load").textContent());
  return out;
}

test.describe.serial("dedicated reps and recommendations", () => {
  test("an owner spreads the high-value customers over the staff in one step", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState("owner") });
    const page = await context.newPage();
    await page.goto("/s/demo/customers");
    await page.getByRole("link", { name: "专属客服与营销名单" }).click();
    await expect(page.getByRole("heading", { name: "专属客服与营销" })).toBeVisible();
    await expect(page.getByTestId("unassigned-count")).toContainText("位优质客户尚无专属客服");
    const highValue = Number((await page.getByTestId("unassigned-count").textContent())!.match(/(\d+)/)![1]);
    expect(highValue).toBeGreaterThan(1);

    const { staff } = demoLogins();
    // Every staff member is ticked to begin with: the demo's and the one the setup added.
    await expect(page.getByRole("checkbox", { name: staff.email.split("@")[0] })).toBeChecked();
    const before = await loads(page);
    await page.getByRole("button", { name: "平均分配" }).click();
    await expect(page.getByText("每位优质客户都已有专属客服。")).toBeVisible();
    const loadsAfter = await loads(page);
    const after = Object.values(loadsAfter);
    // The form is gone with the customers it had to share; what it did is still said, in sight
    // (it went to screen readers only): how many customers, to how many of the staff.
    await expect(page.getByRole("button", { name: "平均分配" })).toHaveCount(0);
    const given = Object.entries(loadsAfter).filter(([email, load]) => load > (before[email] ?? 0)).length;
    await expect(page.getByTestId("spread-done")).toBeVisible();
    await expect(page.getByTestId("spread-done")).toHaveText(`已将 ${highValue.toLocaleString("en")} 位客户分配给 ${given} 位客服。`);
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(after.reduce((a, b) => a + b, 0)).toBe(highValue);
    expect(Math.max(...after) - Math.min(...after)).toBeLessThanOrEqual(1);
    // The columns' text keeps apart (the cells had no side padding: "staff@demo.laoke12 3").
    expect(await minCellGap(page.getByTestId("staff-loads"))).toBeGreaterThanOrEqual(12);
    const review = page.getByTestId("review-list");
    if ((await review.count()) > 0) expect(await minCellGap(review)).toBeGreaterThanOrEqual(12);

    // The list shows each customer's rep.
    await page.goto("/s/demo/customers?highValue=true");
    const reps = await page.getByTestId("rep").allTextContents();
    expect(reps.length).toBeGreaterThan(0);
    expect(reps.every((r) => r.length > 0)).toBe(true);
    await context.close();
  });

  test("on a phone, a flagged customer with a rep is listed for review with the reason in words, nothing cut off", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState("owner"), viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    // A high-value customer (each has a rep since the spread) loses the status to a flag.
    await page.goto("/s/demo/customers?highValue=true");
    await page.getByTestId("customer-row").first().getByRole("link").first().click();
    await page.waitForURL(/\/customers\/\d+$/);
    const customerPath = new URL(page.url()).pathname;
    // An owner's page has the points form's "原因" too: the flag's form is the one with the flag.
    const flagForm = page.locator("form", { has: page.getByRole("combobox", { name: "标记", exact: true }) });
    await flagForm.getByRole("combobox", { name: "标记", exact: true }).selectOption("confirmed_fraud");
    await flagForm.getByLabel("原因", { exact: true }).fill("E2E 复核名单");
    await flagForm.getByRole("button", { name: "添加标记" }).click();
    await expect(page.getByTestId("high-value-status")).toContainText("有合规标记");

    await page.goto("/s/demo/customers/care");
    const listed = page.getByTestId("review-list").locator("tbody tr").filter({ has: page.locator(`a[href="${customerPath}"]`) });
    // The reasons are one phrase in the reader's language ("A和B"), never joined with " · ".
    await expect(listed).toContainText("有合规标记");
    expect(await page.getByTestId("review-list").locator("tbody td:last-child").allTextContents()).not.toContainEqual(expect.stringContaining(" · "));
    await expectNothingCutOff(page, "已分配但不再是优质客户的客户");
    // The staff loads' headers keep to a line in English too ("To" / "review" stood on two).
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
    await page.reload();
    expect(await maxLines(page.getByTestId("staff-loads").getByRole("columnheader"))).toBe(1);
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: page.url() }]);

    await page.goto(customerPath);
    // Each staff member to hand the customer to says how many customers they have, in words: "staff（12）" left the number unexplained.
    const reps = await page.getByTestId("rep-select").locator("option").allTextContents();
    expect(reps.length).toBeGreaterThan(0);
    for (const rep of reps) expect(rep).toMatch(/（[\d,]+ 位客户）$/);
    await page.getByLabel(/清除标记：已确认欺诈/).fill("E2E 复核完毕");
    await page.getByRole("button", { name: "清除标记" }).click();
    await expect(page.getByTestId("flag-confirmed_fraud")).toHaveCount(0);
    await context.close();
  });

  test("a staff member sees their customers and their recommendations", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState("staff") });
    const page = await context.newPage();
    const { staff } = demoLogins();
    await page.goto("/s/demo/customers");
    await page.getByTestId("my-customers-toggle").click();
    await expect(page).toHaveURL(/rep=me/);
    const rows = page.getByTestId("customer-row");
    await expect(rows.first()).toBeVisible();
    const mine = await rows.count();
    expect(mine).toBeGreaterThan(0);
    // Applying another filter keeps "my customers".
    await page.getByRole("button", { name: "应用" }).click();
    await expect(page).toHaveURL(/rep=me/);

    // Staff cannot assign or export.
    expect((await page.goto("/s/demo/customers/care"))?.status()).toBe(403);
    expect((await page.request.get("/s/demo/customers/care/export?segment=highValue")).status()).toBe(403);

    // A customer of theirs: the rep is them, with recommendations and reasons in words.
    let found = false;
    await page.goto("/s/demo/customers?rep=me");
    const links = await page.getByTestId("customer-row").locator("td:first-child a").evaluateAll((els) => els.map((e) => e.getAttribute("href")!));
    for (const href of links.slice(0, 10)) {
      await page.goto(href);
      await expect(page.getByTestId("customer-rep")).toContainText(staff.email);
      // The rep's address and since when as one phrase, not glued with " · ".
      await expect(page.getByTestId("rep-since")).toHaveText(new RegExp(`^${staff.email.replace(/\./g, "\\.")}，自 \\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2} 起(，由 .+ 分配)?$`));
      await expect(page.getByRole("button", { name: "分配客服" })).toHaveCount(0);
      if ((await page.getByTestId("recommendations").count()) === 0) continue;
      const items = page.getByTestId("recommendations").locator("li");
      expect(await items.count()).toBeLessThanOrEqual(5);
      await expect(items.first()).toContainText(/与「.+」一起被 \d+ 位客户购买/);
      found = true;
      break;
    }
    expect(found).toBe(true);

    // Their dashboard's work queue: what happened to their customers since they last looked.
    await page.goto("/s/demo");
    const queue = page.getByRole("region", { name: "我的客户" });
    // More of them have news than it shows: the list it sends the rep to is a link, not plain words.
    await expect(queue.getByTestId("queue-more").getByRole("link", { name: "列表", exact: true })).toHaveAttribute("href", "/s/demo/customers?rep=me");
    await queue.getByRole("button", { name: "全部标为已读" }).click();
    // Marked: the queue empties, and the button goes with what it marked.
    await expect(queue).toContainText("暂无新动态");
    await expect(queue.getByRole("button", { name: "全部标为已读" })).toHaveCount(0);
    await context.close();
  });

  test("owners export a campaign list; another store sees neither assignments nor exports", async ({ browser }) => {
    const owner = await browser.newContext({ storageState: storageState("owner") });
    const page = await owner.newPage();
    const response = await page.request.get("/s/demo/customers/care/export?segment=highValue");
    expect(response.status()).toBe(200);
    const csv = (await response.text()).replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("客户编号,客户,等级,排名,商品编号,商品,推荐理由,同买客户数");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[1]).toMatch(/与「.+」一起被 \d+ 位客户购买/);
    await owner.close();

    const other = await browser.newContext({ storageState: storageState("other") });
    const otherPage = await other.newPage();
    expect((await otherPage.goto("/s/demo/customers/care"))?.status()).toBe(404);
    expect((await otherPage.request.get("/s/demo/customers/care/export?segment=highValue")).status()).toBe(404);
    // Their own store: no staff, no assignments, an empty campaign list.
    await otherPage.goto("/s/other/customers/care");
    await expect(otherPage.getByText("本店还没有客服：请先在设置中添加员工。")).toBeVisible();
    await expect(otherPage.getByText("没有：所有已分配的客户仍是优质客户。")).toBeVisible();
    const otherCsv = (await (await otherPage.request.get("/s/other/customers/care/export?segment=highValue")).text()).replace(/^\uFEFF/, "");
    expect(otherCsv.trim().split("\r\n")).toHaveLength(1);
    await other.close();
  });
});

test("a new store's reps page says it has no high-value customer yet and leads to the imports; on a phone the staff table keeps a staff member's long address within the page", async ({ browser }) => {
  const slug = `care-phone-${Date.now() % 1_000_000}`;
  const owner = { email: `owner@${slug}.laoke`, password: "care-phone-owner-pw" };
  // No hyphen to break at: a dotted address is one word to the browser.
  const address = `customer.service.night.shift@${"verylongsubsidiaryname.".repeat(3)}example.com`;
  laoke("store", "create", "--slug", slug, "--name", "Care phone");
  laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
  laoke("user", "create", "--email", address, "--password", "care-phone-staff-pw", "--store", slug, "--role", "staff");
  // No name, so the address stands twice in its cell, as it did when seen broken mid-word.
  const shortAddress = `staff@newshop${Date.now() % 1_000_000}.test`;
  laoke("user", "create", "--email", shortAddress, "--password", "care-phone-staff-pw", "--store", slug, "--role", "staff");
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, owner);
  await expect(page).toHaveURL(`/s/${slug}`);
  await page.goto(`/s/${slug}/customers/care`);
  // Nobody is scored yet: not "every high-value customer has a rep", but where they come from.
  await expect(page.getByTestId("unassigned-count")).toHaveText("还没有优质客户：导入订单并评分后，才能把优质客户分配给客服。前往数据导入");
  await page.getByTestId("unassigned-count").getByRole("link", { name: "前往数据导入" }).click();
  await expect(page).toHaveURL(`/s/${slug}/imports`);
  await page.goto(`/s/${slug}/customers/care`);
  const row = page.getByTestId("staff-loads").locator(`tr[data-email="${address}"]`);
  await expect(row).toContainText(address);
  // The address breaks across lines: unbroken, it took the page 160 px past a phone's edge.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  // An address of common length breaks only after its "@" or a ".", in both languages: broken
  // anywhere, a line ended inside a word ("staff@newshop.tes" over "t"). The long one still keeps
  // within the page in English (its "verylongsubsidiaryname." alone is wider than the column).
  const short = page.getByTestId("staff-loads").locator(`tr[data-email="${shortAddress}"]`);
  for (const locale of ["zh-CN", "en"]) {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
    await page.reload();
    const ends = await lineEnds(short.locator("th"));
    expect(ends.length, locale).toBeGreaterThan(0);
    for (const end of ends) expect(end, locale).toMatch(/[@.\s]$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), locale).toBeLessThanOrEqual(0);
    // The long one breaks inside a part only where that part alone is wider than its column: each
    // line ends after an "@" or a ".", or within a part too wide to stand on a line of its own.
    const address = row.locator("th").getByTestId("email-address").first();
    const column = await row.locator("th").evaluate((cell) => cell.clientWidth - parseFloat(getComputedStyle(cell).paddingLeft) - parseFloat(getComputedStyle(cell).paddingRight));
    const partWidths = await address.evaluate((element) =>
      Object.fromEntries(
        element.textContent!.split(/(?<=[@.])/).map((part) => {
          const probe = document.createElement("span");
          probe.style.whiteSpace = "nowrap";
          probe.textContent = part;
          element.append(probe);
          const width = probe.getBoundingClientRect().width;
          probe.remove();
          return [part, width];
        }),
      ),
    );
    let broken = 0;
    for (const end of await lineEnds(address)) {
      if (/[@.\s]$/.test(end)) continue;
      const part = end.split(/(?<=[@.])/).at(-1)!;
      const whole = Object.keys(partWidths).find((p) => p.startsWith(part))!;
      expect(partWidths[whole], `${locale}: "${end}" ends inside "${whole}", which fits its ${column} px column`).toBeGreaterThan(column);
      broken += 1;
    }
    // In English the Remove button leaves it less room: its "verylongsubsidiaryname." must break.
    if (locale === "en") expect(broken).toBeGreaterThan(0);
  }
  await context.close();
});
