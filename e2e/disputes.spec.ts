import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectFits, expectKeyboardScrollRegion, expectNothingCutOff, expectScrollsSideways, laoke, maxLines, signIn, storageState, tableRegion, test } from "./fixtures";

// A real (tiny) PNG: signature, IHDR, IDAT and IEND chunks of a 1×1 image.
const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082",
  "hex",
);
// A Windows executable's first bytes, renamed to look like an image.
const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.from("This program cannot be run in DOS mode.")]);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const reviewer = { email: "reviewer@demo.laoke", password: "reviewer-password" };

test.describe.serial("disputes", () => {
  let disputePath = "";
  let evidencePath = "";

  test.beforeAll(() => {
    laoke("user", "create", "--email", reviewer.email, "--password", reviewer.password, "--store", "demo", "--role", "staff");
  });

  test.describe("filed by staff", () => {
    test.use({ storageState: storageState("staff") });

    test("an IP infringement with an image goes to the IP protection agency first, with the reasons", async ({ page }) => {
      await page.goto("/s/demo/disputes");
      await expect(page.getByTestId("status-counts")).toBeVisible();
      await page.getByRole("link", { name: "提交维权案件" }).click();
      await page.getByRole("radio", { name: /知识产权侵权/ }).check();
      await expect(page.getByTestId("needs")).toHaveText("提交前需要：事情经过的描述（至少 10 个字）、被侵犯的权利、侵权商品链接或侵权方");
      await page.getByLabel("标题", { exact: true }).fill("E2E 仿款店盗用主图");
      await page.getByLabel("描述", { exact: true }).fill("某店铺使用我店原创主图销售仿制茶杯。");
      await page.getByLabel(/争议金额/).fill("12000");
      await page.getByLabel("被侵犯的权利", { exact: true }).fill("外观设计专利 ZL2024 3 0123456.7");
      await page.getByLabel("侵权商品链接", { exact: true }).fill("https://example.com/goods?id=42");
      await page.getByLabel("证据文件").setInputFiles({ name: "主图对比.png", mimeType: "image/png", buffer: png });
      await page.getByRole("button", { name: "提交", exact: true }).click();

      await expect(page).toHaveURL(/\/s\/demo\/disputes\/\d+$/);
      disputePath = new URL(page.url()).pathname;
      await expect(page.getByTestId("status")).toHaveText("已提交");
      const parties = page.getByTestId("routing").locator("[data-party]");
      await expect(parties).toHaveCount(3);
      await expect(parties.first()).toHaveAttribute("data-party", "ip_protection_agency");
      // The party and its contact as one phrase, with Chinese punctuation (was "… · 浙江省… · 0571…").
      await expect(page.getByTestId("current-party")).toHaveText("知识产权保护机构：浙江省知识产权保护中心，0571-0000-0000");
      await expect(page.locator("dt", { hasText: /^提交人$/ }).locator("xpath=following-sibling::dd")).toHaveText(/^.+，\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
      await expect(page.getByTestId("routing-reasons")).toContainText("知识产权侵权类维权案件首先交给知识产权保护机构，然后依次是平台，再到律师");
      await expect(page.getByTestId("routing-reasons")).toContainText("低于法律门槛");
      await expect(page.getByTestId("sha256")).toHaveText(sha256(png));
      // The size says its unit and stands apart from the SHA-256 beside it (they ran together: "1263a66…").
      await expect(page.getByRole("columnheader", { name: "大小（字节）" })).toBeVisible();
      await expect(page.getByTestId("evidence-size")).toHaveText(String(png.length));
      // When and by whom, as one phrase: "2026年12月6日 10:30，由 … 上传".
      await expect(page.getByTestId("evidence-uploaded")).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}，由 .+ 上传$/);
      const textEdge = (testId: string, side: "left" | "right") =>
        page.getByTestId(testId).evaluate((cell, side) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return range.getBoundingClientRect()[side];
        }, side);
      expect((await textEdge("sha256", "left")) - (await textEdge("evidence-size", "right"))).toBeGreaterThanOrEqual(8);
      // The evidence table (its SHA-256 broken over lines) fits a desktop, and its box says so: no
      // "scrolls sideways", and no tab stop of its own. On a phone its one-line headers, types and
      // sizes make it wider than the box, which then says it scrolls and is a tab stop.
      const evidenceBox = tableRegion(page, "证据");
      await expect(evidenceBox.getByTestId("evidence")).toBeVisible();
      await expectFits(evidenceBox);
      await page.setViewportSize({ width: 390, height: 800 });
      await expectScrollsSideways(evidenceBox);
      await expectNothingCutOff(page, "证据");
      await page.setViewportSize({ width: 1280, height: 720 });
      evidencePath = (await page.getByTestId("evidence-row").getByRole("link").getAttribute("href"))!;

      // An executable renamed .png is refused, from its bytes.
      await page.getByLabel("添加证据").setInputFiles({ name: "invoice.png", mimeType: "image/png", buffer: exe });
      const upload = page.getByRole("button", { name: "上传" });
      await upload.focus();
      await page.keyboard.press("Enter");
      await expect(page.getByRole("alert").filter({ hasText: "invoice.png" })).toContainText("不是 PNG、JPEG、WebP 图片、PDF 或纯文本");
      // The keyboard stays on the button that sent the file (disabled while sending, it fell to the page).
      await expect(upload).toBeFocused();
      await expect(page.getByTestId("evidence-row")).toHaveCount(1);

      const download = await page.request.get(evidencePath);
      expect(download.status()).toBe(200);
      expect(download.headers()["content-type"]).toBe("image/png");
      expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
      // Its own sandbox policy is kept beside the headers every page of the console carries.
      expect(download.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
      expect(download.headers()["x-frame-options"]).toBe("DENY");
      expect(Buffer.from(await download.body())).toEqual(png);
    });
  });

  test.describe("the parties directory, for staff", () => {
    test.use({ storageState: storageState("staff") });

    test("reads each party's name, contact and notes under their labels, with nothing to edit", async ({ page }) => {
      await page.goto("/s/demo/disputes/parties");
      const platform = page.locator('[data-party="platform"]');
      const pairs = await platform.locator("dl > div").evaluateAll((rows) => rows.map((r) => [r.querySelector("dt")!.textContent, r.querySelector("dd")!.textContent]));
      expect(pairs).toEqual([
        ["平台名称", "拼多多商家客服 · 维权专线"],
        ["平台联系方式", "商家后台 → 违规申诉"],
        ["平台备注", "申诉需附订单截图与物流记录"],
      ]);
      await expect(page.getByRole("textbox")).toHaveCount(0);
      await expect(page.locator('[data-party="lawyer"]')).toContainText("尚未填写");
    });
  });

  test.describe("the dispute form, for staff", () => {
    test.use({ storageState: storageState("staff") });

    test("leads back to the list from a new dispute, and to the draft from its edit page, whose title names it", async ({ page }) => {
      await page.goto("/s/demo/disputes/new");
      await page.getByLabel("标题", { exact: true }).fill("E2E 回到草稿");
      await page.getByRole("button", { name: "保存草稿" }).click();
      // A draft saved without files opens its page.
      await expect(page).toHaveURL(/\/s\/demo\/disputes\/\d+$/);
      const id = /(\d+)$/.exec(page.url())![1];
      await page.getByRole("link", { name: "编辑草稿", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`编辑草稿 #${id}`);
      await page.getByRole("link", { name: `← 维权案件 #${id}` }).click();
      await expect(page).toHaveURL(new RegExp(`/s/demo/disputes/${id}$`));
      await page.goto("/s/demo/disputes/new");
      await page.getByRole("link", { name: "← 全部维权案件" }).click();
      await expect(page).toHaveURL(/\/s\/demo\/disputes$/);
    });
  });

  test.describe("the dispute form's fields, for staff", () => {
    test.use({ storageState: storageState("staff") });

    test("shows the IP-only fields for an IP infringement alone, keeps what was typed across types, and lists a refusal in the form's order", async ({ page }) => {
      // "被侵犯的权利" and "侵权商品链接" were asked of every type, a fake return's too.
      await page.goto("/s/demo/disputes/new");
      const right = page.getByLabel("被侵犯的权利", { exact: true });
      const listing = page.getByLabel("侵权商品链接", { exact: true });
      const title = page.getByLabel("标题", { exact: true });
      await expect(right).toBeVisible();
      await expect(listing).toBeVisible();
      await title.fill("E2E 字段随类型");
      await right.fill("商标注册号 12345678");
      // By keyboard: an arrow key moves to the next type, and the fields go.
      await page.getByRole("radio", { name: /知识产权侵权/ }).focus();
      await page.keyboard.press("ArrowDown");
      await expect(page.getByRole("radio", { name: /被指侵权\/假货/ })).toBeChecked();
      await expect(right).toBeHidden();
      await expect(listing).toBeHidden();
      await expect(title).toHaveValue("E2E 字段随类型");
      await page.keyboard.press("ArrowUp");
      await expect(right).toBeVisible();
      await expect(right).toHaveValue("商标注册号 12345678");

      // A refusal named its fields as the checks found them (the amount, then an unknown return, then
      // the description): now each under its field, top to bottom (on a phone a list under the
      // buttons was a screen away from the field the keyboard was taken to).
      await page.getByRole("radio", { name: /虚假退货/ }).check();
      await expect(right).toBeHidden();
      await page.getByLabel("描述", { exact: true }).fill("空盒");
      await page.getByLabel(/争议金额/).fill("abc");
      await page.getByLabel("退货单编号", { exact: true }).fill("R-NOPE");
      await page.getByRole("button", { name: "提交", exact: true }).click();
      await expect(page.getByTestId("returnExternalId-reason")).toContainText("R-NOPE");
      const said = await page.locator("[data-testid$=-reason]").evaluateAll((reasons) => reasons.map((p) => p.getAttribute("data-testid")));
      expect(said).toEqual(["description-reason", "amountAtStake-reason", "returnExternalId-reason"]);
      // Each field is described by its own reason, for a screen reader too.
      const reasonId = await page.getByTestId("amountAtStake-reason").getAttribute("id");
      expect((await page.getByLabel(/争议金额/).getAttribute("aria-describedby"))!.split(" ")).toContain(reasonId);
      await expect(page.getByRole("alert").filter({ hasText: "请检查标出的字段。" })).toBeVisible();
      await expect(page.getByLabel("描述", { exact: true })).toBeFocused();

      // The right typed while the IP type was chosen is not kept with a fake return.
      await page.getByLabel("描述", { exact: true }).fill("退回的包裹内只有泡沫，没有商品。");
      await page.getByLabel(/争议金额/).fill("100");
      await page.getByLabel("退货单编号", { exact: true }).fill("");
      await page.getByRole("button", { name: "保存草稿" }).click();
      await expect(page).toHaveURL(/\/s\/demo\/disputes\/\d+$/);
      await expect(page.locator("dt", { hasText: /^类型$/ }).locator("xpath=following-sibling::dd")).toHaveText("虚假退货");
      await expect(page.locator("dt", { hasText: /^被侵犯的权利$/ })).toHaveCount(0);
    });
  });

  test.describe("the dispute form without JavaScript", () => {
    test.use({ storageState: storageState("staff"), javaScriptEnabled: false });

    test("still shows the IP-only fields for an IP infringement alone, as the type changes", async ({ page }) => {
      await page.goto("/s/demo/disputes/new?type=fake_return");
      const right = page.getByLabel("被侵犯的权利", { exact: true });
      await expect(page.getByRole("radio", { name: /虚假退货/ })).toBeChecked();
      await expect(right).toBeHidden();
      await page.getByRole("radio", { name: /知识产权侵权/ }).check();
      await expect(right).toBeVisible();
      await expect(right).toBeEditable();
      await expect(page.getByLabel("侵权商品链接", { exact: true })).toBeVisible();
      await page.getByRole("radio", { name: /恶意投诉/ }).check();
      await expect(right).toBeHidden();
    });
  });

  test.describe("a file refused as a dispute is saved", () => {
    test.use({ storageState: storageState("staff") });

    test("says which dispute it is and which files were not added, instead of an emptied form", async ({ page }) => {
      await page.goto("/s/demo/disputes/new");
      await page.getByLabel("标题", { exact: true }).fill("E2E 附件被拒的草稿");
      await page.getByLabel("证据文件").setInputFiles([
        { name: "bad.png", mimeType: "image/png", buffer: exe },
        { name: "ok.png", mimeType: "image/png", buffer: png },
      ]);
      await page.getByRole("button", { name: "保存草稿" }).click();
      const result = page.getByRole("alert").filter({ hasText: /^维权案件 #\d+ 已存为草稿。/ });
      await expect(result).toContainText("以下文件没有添加到该维权案件：");
      await expect(result.getByRole("listitem")).toHaveCount(1);
      await expect(result.getByRole("listitem")).toContainText("bad.png");
      // The form is gone: it held nothing of this dispute any more, and its files went with the next.
      await expect(page.getByRole("button", { name: "保存草稿" })).toHaveCount(0);
      // The keyboard is on what took the form's place (its button went, and the focus fell to the page).
      await expect(result).toBeFocused();
      await result.getByRole("link", { name: /添加其他证据/ }).click();
      await expect(page).toHaveURL(/\/s\/demo\/disputes\/\d+$/);
      await expect(page.getByTestId("evidence-row")).toHaveCount(1);
      await expect(page.getByTestId("evidence-row")).toContainText("ok.png");
    });
  });

  test("a second staff member reviews, routes, escalates and resolves it; the history shows each step; the packet opens", async ({ page }) => {
    await signIn(page, reviewer);
    await expect(page).toHaveURL("/s/demo");
    await page.goto(disputePath);
    await page.getByRole("button", { name: "开始审核" }).click();
    await expect(page.getByTestId("status")).toHaveText("审核中");
    await page.getByRole("button", { name: "转交知识产权保护机构" }).click();
    await expect(page.getByTestId("status")).toHaveText("已转交");
    // Escalating cannot be taken back: the page asks first, naming both parties, and a "no" changes nothing.
    const dialogs: string[] = [];
    page.once("dialog", (dialog) => (dialogs.push(dialog.message()), dialog.dismiss()));
    await page.getByRole("button", { name: "升级到平台" }).click();
    await expect.poll(() => dialogs).toEqual(["确定将该维权案件升级到平台吗？升级后不会退回知识产权保护机构。"]);
    await expect(page.getByTestId("status")).toHaveText("已转交");
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "升级到平台" }).click();
    await expect(page.getByTestId("status")).toHaveText("已升级");
    await expect(page.getByTestId("current-party")).toHaveText("平台：拼多多商家客服 · 维权专线，商家后台 → 违规申诉");
    await expect(page.getByTestId("deadline-rule")).toHaveText("7 天：转交步骤的默认答复期限。");
    // A date the platform gave, set by hand: the note under it says so, not the 7-day rule.
    await page.getByLabel("新期限").fill("2027-01-15T18:00");
    await page.getByLabel("原因", { exact: true }).fill("平台同意延期答复");
    await page.getByRole("button", { name: "修改期限" }).click();
    await expect(page.getByTestId("deadline")).toHaveText("2027年1月15日 18:00");
    await expect(page.getByTestId("deadline-rule")).toHaveText("人工设定：平台同意延期答复");
    await page.getByRole("combobox", { name: "结果", exact: true }).selectOption("won");
    await page.getByLabel("总结", { exact: true }).fill("平台下架仿款并赔偿。");
    await page.getByRole("button", { name: "结案" }).click();
    await expect(page.getByTestId("status")).toHaveText("已解决");
    await expect(page.getByText("维权成功：平台下架仿款并赔偿。", { exact: true })).toBeVisible();

    const kinds = await page.getByTestId("history").locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-kind")));
    expect(kinds).toEqual(["created", "submitted", "evidence_added", "review_started", "routed", "escalated", "deadline_changed", "resolved"]);
    await expect(page.getByTestId("history").locator("li[data-kind=review_started]")).toContainText("reviewer");
    // When, who and the status move as one phrase: "2026年12月6日 10:30，reviewer：已提交 → 审核中".
    await expect(page.getByTestId("history").locator("li[data-kind=review_started]").getByTestId("history-by")).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}，.*reviewer.*：已提交 → 审核中$/);
    await expect(page.getByTestId("history")).toContainText("已结案（维权成功）：平台下架仿款并赔偿。");

    await page.getByRole("link", { name: "案件材料" }).click();
    await expect(page.getByTestId("case-packet")).toContainText("E2E 仿款店盗用主图");
    await expect(page.getByTestId("case-packet")).toContainText(sha256(png));
    await expect(page.getByTestId("case-packet")).toContainText("平台");
    const saved = await page.request.get(`${disputePath}/packet/download`);
    expect(saved.status()).toBe(200);
    expect(saved.headers()["content-disposition"]).toMatch(/^attachment;/);
    const html = await saved.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(sha256(png));
    // Each history entry is one phrase: "<when>，reviewer：已结案（维权成功）：…", not parts glued with " · ".
    expect(html).toMatch(/<li><span class="when">[^<]+<\/span>，[^<]*reviewer[^<]*：已结案（维权成功）：平台下架仿款并赔偿。<\/li>/);
    expect(html).not.toMatch(/<(script|link|img)\b/);
  });

  test.describe("another store", () => {
    test.use({ storageState: storageState("other") });

    test("sees neither the dispute nor its evidence", async ({ page }) => {
      const id = disputePath.split("/").pop()!;
      const evidenceId = evidencePath.split("/").pop()!;
      for (const url of [disputePath, evidencePath, `${disputePath}/packet/download`, `/s/other/disputes/${id}`, `/s/other/disputes/${id}/evidence/${evidenceId}`]) {
        const response = await page.request.get(url);
        expect(response.status(), url).toBe(404);
      }
      await page.goto("/s/other/disputes");
      await expect(page.getByTestId("dispute-row")).toHaveCount(0);
    });
  });

  test.describe("the demo store's queue", () => {
    test.use({ storageState: storageState("owner") });

    test("shows the overdue dispute first among the open ones and filters by status", async ({ page }) => {
      await page.goto("/s/demo/disputes?overdue=true");
      await expect(page.getByTestId("dispute-row")).toHaveCount(1);
      await expect(page.getByTestId("dispute-row").first()).toHaveAttribute("data-overdue", "true");
      await page.goto("/s/demo/disputes");
      await expect(page.getByTestId("overdue-count")).toContainText("1");
      await page.getByRole("combobox", { name: "状态", exact: true }).selectOption("escalated");
      await page.getByRole("button", { name: "应用" }).click();
      await expect(page).toHaveURL(/status=escalated/);
      const statuses = await page.getByTestId("dispute-row").getByTestId("status").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
      expect(new Set(statuses)).toEqual(new Set(["escalated"]));
    });

    test("a page past the last says so and leads back to the first, keeping the filters", async ({ page }) => {
      // It said "没有符合筛选条件的维权案件" with no filter set, and offered no way back.
      await page.goto("/s/demo/disputes?page=999");
      const empty = page.getByText("此页已超出最后一页。");
      await expect(empty).toBeVisible();
      await empty.getByRole("link", { name: "回到第一页" }).click();
      await expect(page.getByTestId("dispute-row").first()).toBeVisible();
      await page.goto("/s/demo/disputes?status=resolved&page=999");
      await page.getByRole("link", { name: "回到第一页" }).click();
      await expect(page).toHaveURL(/\/disputes\?status=resolved$/);
      await expect(page.getByTestId("dispute-row").first()).toBeVisible();
      // A filter nothing matches still says so.
      await page.goto("/s/demo/disputes?status=in_review&type=brand_authorization&page=2");
      await expect(page.getByText("没有符合筛选条件的维权案件。")).toBeVisible();
    });

    test("on a phone, the queue's headers, types, statuses and parties keep to one line; the table scrolls in its box", async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto("/s/demo/disputes");
      await expect(page.getByTestId("dispute-row").first()).toBeVisible();
      const table = page.getByRole("table");
      expect(await maxLines(table.getByRole("columnheader"))).toBe(1);
      for (const column of [2, 3, 4]) expect(await maxLines(page.getByTestId("dispute-row").locator(`td:nth-child(${column})`))).toBe(1);
      // The keyboard reaches the table's box, which says it scrolls, and scrolls it.
      await expectKeyboardScrollRegion(page, "维权");
    });

    test("on a phone, a dispute's evidence table keeps its headers, file types and sizes to one line; it scrolls in its box", async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 800 });
      await page.goto("/s/demo/disputes?type=fake_return");
      await page.getByTestId("dispute-row").getByRole("link", { name: /退货包裹为空盒/ }).click();
      const table = page.getByTestId("evidence");
      await expect(page.getByTestId("evidence-row").first()).toBeVisible();
      // Squeezed into the phone's width, "纯文本" and "大小（字节）" stood a character or two a line.
      expect(await maxLines(table.getByRole("columnheader"))).toBe(1);
      for (const column of [2, 3]) expect(await maxLines(page.getByTestId("evidence-row").locator(`td:nth-child(${column})`))).toBe(1);
      await expectScrollsSideways(tableRegion(page, "证据"));
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    });

    test("on a phone, the case packet's facts keep the width for their values, not for their labels; an unnamed party is said once", async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto("/s/demo/disputes?type=ip_infringement&status=escalated");
      await page.getByTestId("dispute-row").getByRole("link", { name: /同款茶杯盗用我店原创主图/ }).click();
      await page.getByRole("link", { name: "案件材料" }).click();
      // Sent to a lawyer the directory names no one for: the party is said once, not "律师（律师）".
      await expect(page.getByTestId("case-packet").locator("section").filter({ has: page.getByRole("heading", { name: "致" }) }).locator("p").first()).toHaveText("律师");
      const facts = page.getByTestId("case-packet").locator("table").first();
      const labelShare = async () => {
        const [label, table] = await Promise.all([facts.locator("th").first().evaluate((th) => th.getBoundingClientRect().width), facts.evaluate((t) => t.getBoundingClientRect().width)]);
        return label / table;
      };
      const type = facts.locator("tr").filter({ has: page.locator("th", { hasText: /^类型$/ }) }).locator("td");
      await expect(type).toHaveText("知识产权侵权");
      // The label column took 12rem of a phone's 280 px and broke each value a few characters a line.
      expect(await maxLines(type)).toBe(1);
      // Nor are the labels squeezed in their turn: "争议金额" stays on one line.
      expect(await maxLines(facts.locator("th"))).toBe(1);
      expect(await labelShare()).toBeLessThanOrEqual(0.4);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);

      // In English a long label wraps between its words rather than taking the values' room.
      await page.getByRole("button", { name: "English" }).click();
      const typeEn = facts.locator("tr").filter({ has: page.locator("th", { hasText: /^Type$/ }) }).locator("td");
      await expect(typeEn).toHaveText("IP infringement");
      expect(await maxLines(typeEn)).toBe(1);
      expect(await labelShare()).toBeLessThanOrEqual(0.5);
    });

    test("the parties directory names each field with its party in one phrase, in the refusal too, and keeps what was typed", async ({ page }) => {
      await page.goto("/s/demo/disputes/parties");
      await expect(page.getByRole("textbox", { name: "平台联系方式", exact: true })).toBeVisible();
      await expect(page.getByText(/ — (名称|联系方式|备注)$/)).toHaveCount(0);
      const lawyer = page.getByRole("textbox", { name: "律师名称", exact: true });
      const tooLong = "律".repeat(201);
      await lawyer.fill(tooLong);
      await lawyer.press("Enter");
      const form = page.locator("form").filter({ has: lawyer });
      // Under the field; the alert only asks to check it.
      await expect(form.getByTestId("name-reason")).toHaveText("最多输入 200 个字符。");
      await expect(form.getByRole("alert")).toHaveText("请检查标出的字段。");
      await expect(lawyer).toHaveValue(tooLong);
      await expect(lawyer).toHaveAttribute("aria-invalid", "true");
      await page.getByRole("button", { name: "English" }).click();
      await expect(page.getByRole("textbox", { name: "Platform contact", exact: true })).toBeVisible();
      await expect(page.getByRole("textbox", { name: "IP protection agency notes", exact: true })).toBeVisible();
    });

    test("a draft's withdraw field is named as one phrase in each language, not two words glued with a dash", async ({ page }) => {
      await page.goto("/s/demo/disputes?status=draft");
      await page.getByTestId("dispute-row").first().getByRole("link").first().click();
      await expect(page.getByRole("textbox", { name: "撤回原因", exact: true })).toBeVisible();
      await expect(page.getByText("撤回 — 原因")).toHaveCount(0);
      await page.getByRole("button", { name: "English" }).click();
      await expect(page.getByRole("textbox", { name: "Reason for withdrawing", exact: true })).toBeVisible();
    });

    test("a closed dispute without evidence does not invite any: it has no upload field", async ({ page }) => {
      await page.goto("/s/demo/disputes?status=resolved");
      await page.getByTestId("dispute-row").getByRole("link", { name: /差评威胁要求全额退款/ }).click();
      await expect(page.getByTestId("actions")).toContainText("该维权案件已结束");
      // It said "还没有证据。可以添加截图……" above no field to add them with.
      await expect(page.getByTestId("no-evidence")).toHaveText("该维权案件结束前没有添加证据。");
      await expect(page.getByLabel("添加证据")).toHaveCount(0);
    });

    test("a resolved dispute awaits no one: its page, the queue and the packet tell the party it was with and no live deadline", async ({ page }) => {
      // They said "当前处理方 平台" and "答复期限 <a date>" as if the platform still had to answer.
      await page.goto("/s/demo/disputes?status=resolved&type=malicious_complaint");
      const row = page.getByTestId("dispute-row").filter({ has: page.getByRole("link", { name: /差评威胁要求全额退款/ }) });
      await expect(row.getByTestId("party")).toHaveText("曾由平台处理");
      await expect(row.getByTestId("deadline")).toHaveText("—");
      await expect(row).not.toHaveAttribute("data-overdue");
      await row.getByRole("link").click();
      await expect(page).toHaveURL(/\/disputes\/\d+$/);
      const disputeUrl = page.url();
      const routing = page.getByTestId("routing");
      await expect(routing.locator("dt", { hasText: /^最后处理方$/ })).toBeVisible();
      await expect(routing.getByText("当前处理方", { exact: true })).toHaveCount(0);
      await expect(page.getByTestId("current-party")).toHaveText("平台");
      await expect(page.getByTestId("deadline")).toHaveText("无：案件已结束，不再等待答复。");
      await expect(page.getByTestId("deadline-rule")).toHaveCount(0);
      await expect(page.getByTestId("overdue")).toHaveCount(0);
      await expect(routing.locator("[data-current]")).toHaveCount(0);
      await expect(routing.locator("[data-last]")).toHaveAttribute("data-party", "platform");
      // The history still says where it went and the deadline it had then.
      await expect(page.getByTestId("history").locator("li[data-kind=routed]")).toContainText(/已转交平台；答复期限 \d{4}年/);

      await page.getByRole("link", { name: "案件材料" }).click();
      const facts = page.getByTestId("case-packet").locator("table").first();
      await expect(facts.locator("th", { hasText: /^答复期限$/ })).toHaveCount(0);
      await expect(facts.locator("tr").filter({ has: page.locator("th", { hasText: /^最后处理方$/ }) }).locator("td")).toHaveText("平台");

      await page.getByRole("button", { name: "English" }).click();
      await expect(facts.locator("tr").filter({ has: page.locator("th", { hasText: /^Was last with$/ }) }).locator("td")).toHaveText("Platform");
      await expect(facts.locator("th", { hasText: /^Response deadline$/ })).toHaveCount(0);
      await page.goto(disputeUrl);
      await expect(page.getByTestId("current-party")).toHaveText("Platform");
      await expect(page.getByTestId("routing").locator("dt", { hasText: /^Was last with$/ })).toBeVisible();
      await expect(page.getByTestId("deadline")).toHaveText("None: the dispute is closed, no answer is awaited.");
      await page.goto("/s/demo/disputes?status=resolved&type=malicious_complaint");
      await expect(page.getByTestId("dispute-row").getByTestId("party").first()).toHaveText("Was with Platform");
      await page.getByRole("button", { name: "中文" }).click();
      await expect(page.getByTestId("dispute-row").getByTestId("party").first()).toHaveText("曾由平台处理");
    });

    test("the repeat complainant's dispute flags the customer, who is no longer high-value", async ({ page }) => {
      await page.goto("/s/demo/disputes?type=fake_return");
      const links = await page.getByTestId("dispute-row").getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
      let repeat: string | undefined;
      for (const href of links.filter((h) => /\/disputes\/\d+$/.test(h))) {
        await page.goto(href);
        if ((await page.getByTestId("repeat-complainant").count()) > 0) {
          repeat = href;
          break;
        }
      }
      expect(repeat, "the demo's repeat complainant").toBeDefined();
      const id = repeat!.split("/").at(-1);
      await page.getByRole("link", { name: /（C\d+）$/ }).click();
      await expect(page.getByTestId("flag-malicious_complaint")).toContainText(`重复投诉人：提交维权案件 #${id} 时自动标记（由 系统 于 `);
      await expect(page.getByTestId("high-value-status")).toContainText("不是优质客户");
    });
  });
  test.describe("the owner's directory and the printed packet", () => {
    test.use({ storageState: storageState("owner"), viewport: { width: 390, height: 844 } });

    test("a party's contact is typed over lines by keyboard and reaches staff and the packet as lines; the packet prints without the console", async ({ page, browser }) => {
      await page.goto("/s/demo/disputes/parties");
      // A lawyer's contact: the firm's address on one line, its phone on the next (a one-line field took no Enter).
      const contact = page.getByRole("textbox", { name: "律师联系方式", exact: true });
      await contact.focus();
      await page.keyboard.type("北京市朝阳区某某律师事务所");
      await page.keyboard.press("Enter");
      await page.keyboard.type("电话 010-0000-0000");
      await expect(contact).toHaveValue("北京市朝阳区某某律师事务所\n电话 010-0000-0000");
      const form = page.locator("form").filter({ has: contact });
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await expect(form.getByRole("button", { name: "保存" })).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(form.getByText("已保存。")).toBeVisible();

      const staff = await browser.newContext({ storageState: storageState("staff") });
      const staffPage = await staff.newPage();
      await staffPage.goto("/s/demo/disputes/parties");
      await expect(staffPage.locator('[data-party="lawyer"] dd')).toHaveJSProperty("innerText", "北京市朝阳区某某律师事务所\n电话 010-0000-0000");
      await staff.close();

      // The escalated IP dispute is with the lawyer: its packet gives the contact as written.
      await page.goto("/s/demo/disputes?type=ip_infringement&status=escalated");
      await page.getByTestId("dispute-row").getByRole("link", { name: /同款茶杯盗用我店原创主图/ }).click();
      await page.getByRole("link", { name: "案件材料" }).click();
      const packet = page.getByTestId("case-packet");
      await expect(packet.locator("p.contact")).toHaveJSProperty("innerText", "联系方式：北京市朝阳区某某律师事务所\n电话 010-0000-0000");
      // The routing reasons are a list in the console as in the saved file (the console's reset took their bullets).
      await expect(packet.locator("ul").first()).toHaveCSS("list-style-type", "disc");

      // Printed: the packet alone, not framed as a card of the console.
      await page.emulateMedia({ media: "print" });
      await expect(page.locator("header").first()).toBeHidden();
      await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
      await expect(packet).toHaveCSS("border-top-width", "0px");
      await expect(packet).toHaveCSS("padding-left", "0px");
    });
  });
});

/**
 * A store of its own with its owner and a dispute filed through the API, the owner signed in:
 * answers the store's slug and the dispute's id.
 */
async function storeWithDispute(
  page: Page,
  store: { prefix: string; name: string; currency: string; timezone: string; owner: (slug: string) => { email: string; password: string }; staff?: Record<string, string> },
  dispute: { title: string; description: string },
) {
  const slug = `${store.prefix}-${Date.now().toString(36)}`;
  const owner = store.owner(slug);
  laoke("store", "create", "--slug", slug, "--name", store.name, "--currency", store.currency, "--timezone", store.timezone);
  laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
  for (const [who, name] of Object.entries(store.staff ?? {})) {
    laoke("user", "create", "--email", `${who}@${slug}.laoke`, "--password", `${who}-staff-pw`, "--store", slug, "--role", "staff", "--name", name);
  }
  const token = laoke("token", "create", "--store", slug, "--name", `e2e-${store.prefix}`).trim().split("\n").at(-1)!.trim();
  const filed = await page.request.post("/api/v1/disputes", { headers: { authorization: `Bearer ${token}` }, data: { type: "unfair_platform_treatment", ...dispute } });
  expect(filed.status(), await filed.text()).toBe(201);
  const { id } = (await filed.json()) as { id: number };
  await signIn(page, owner);
  await expect(page).toHaveURL(`/s/${slug}`);
  return { slug, id };
}

test.describe("a new deadline at a time the store's clock shows twice", () => {
  test("the form asks which 01:30 of the night New York's clocks go back, and the page says the one chosen", async ({ page }) => {
    // A store of its own in New York, whose clocks go back from 02:00 EDT to 01:00 EST on 3 November 2030.
    const { slug, id } = await storeWithDispute(
      page,
      { prefix: "ny-deadline", name: "NY gifts", currency: "USD", timezone: "America/New_York", owner: (slug) => ({ email: `${slug}@ny.laoke`, password: "new-york-owner-pw" }) },
      { title: "Payout frozen", description: "The platform froze our payout without a reason." },
    );
    await page.goto(`/s/${slug}/disputes/${id}`);
    await page.getByLabel("新期限").fill("2030-11-03T01:30");
    await page.getByLabel("原因", { exact: true }).fill("平台同意延期答复");
    // As soon as the time is typed, the form asks which 01:30.
    const which = page.getByRole("group", { name: "新期限：2030年11月3日 01:30 在 America/New_York 时区会出现两次（当晚时钟回拨）。是哪一次？" });
    await expect(which.getByRole("radio")).toHaveCount(2);
    // Saved without a choice, it is refused, naming both; the deadline stays and the keyboard is at the choice.
    const before = await page.getByTestId("deadline").textContent();
    await page.getByRole("button", { name: "修改期限" }).click();
    await expect(page.getByText("2030年11月3日 01:30 在 America/New_York 时区会出现两次：先是 UTC−04:00，时钟回拨后又是 UTC−05:00。请选择是哪一次。", { exact: true })).toBeVisible();
    await expect(page.getByTestId("deadline")).toHaveText(before!);
    await expect(which.getByRole("radio", { name: "第一次，UTC−04:00" })).toBeFocused();
    await which.getByRole("radio", { name: "第二次，UTC−05:00" }).check();
    await page.getByRole("button", { name: "修改期限" }).click();
    await expect(page.getByTestId("deadline")).toHaveText("2030年11月3日 01:30（第二次，UTC−05:00）");
    // The form shows the deadline as saved, the second still chosen; a time that comes once asks nothing.
    await expect(which.getByRole("radio", { name: "第二次，UTC−05:00" })).toBeChecked();
    await page.getByLabel("新期限").fill("2030-11-03T03:00");
    await expect(page.getByTestId("deadlineAt-occurrence")).toHaveCount(0);

    // The packet, for a party that reads English, from the Chinese console: the deadline still in
    // New York's time, said to be the second 01:30; a remark for the team left out, and said to be.
    await page.getByRole("textbox", { name: "评论", exact: true }).fill("内部：对方客服很难沟通");
    await page.getByRole("button", { name: "添加评论" }).click();
    await expect(page.getByTestId("history")).toContainText("内部：对方客服很难沟通");
    await page.getByRole("link", { name: "案件材料" }).click();
    const packet = page.getByTestId("case-packet");
    await expect(packet).toContainText("内部：对方客服很难沟通");
    await page.getByRole("group", { name: "材料语言" }).getByRole("link", { name: "English" }).click();
    await expect(packet.getByRole("heading", { level: 1 })).toHaveText(`Case packet · #${id} Payout frozen`);
    await expect(packet.locator("tr").filter({ hasText: "Response deadline" }).locator("td")).toHaveText("Nov 3, 2030, 1:30 AM (the second, UTC−05:00)");
    await expect(page).toHaveTitle(`Case packet · #${id} Payout frozen · 老客`);
    await page.getByRole("group", { name: "处理记录中的员工评论" }).getByRole("link", { name: "不列入" }).click();
    await expect(packet).toContainText("1 comment by the store's staff is left out of this history.");
    await expect(packet).not.toContainText("内部：");
    await expect(page.getByRole("group", { name: "材料语言" }).getByRole("link", { name: "English" })).toHaveAttribute("aria-current", "true");
    // The file saved from here is the same packet.
    const saved = await page.request.get((await page.getByRole("link", { name: "保存为 HTML 文件" }).getAttribute("href"))!);
    const html = await saved.text();
    expect(html).toContain("<h1>Case packet");
    expect(html).not.toContain("内部：");
  });
});

test.describe("a reassigned dispute", () => {
  test("the assignee field shows the staff member just assigned, not the one the page opened with", async ({ page }) => {
    const staff = { anna: "安娜", bo: "阿波" };
    const { slug, id } = await storeWithDispute(
      page,
      { prefix: "reassign", name: "Reassign shop", currency: "CNY", timezone: "Asia/Shanghai", owner: (slug) => ({ email: `owner@${slug}.laoke`, password: "reassign-owner-pw" }), staff },
      { title: "Listing removed", description: "The platform removed our listing without a reason." },
    );
    await page.goto(`/s/${slug}/disputes/${id}`);
    const assignee = page.getByRole("combobox", { name: "指派给", exact: true });
    const assignments = page.getByTestId("history").locator("li[data-kind=assigned]");
    for (const [i, who] of (["anna", "bo", "anna"] as const).entries()) {
      const label = `${staff[who]}（${who}@${slug}.laoke）`;
      await assignee.selectOption({ label });
      await page.getByRole("button", { name: "指派", exact: true }).click();
      await expect(assignments).toHaveCount(i + 1);
      // After each save it went back to the one the page opened with, so the next 指派 quietly put that one back.
      await expect(assignee.locator("option:checked")).toHaveText(label);
    }
    await expect(assignments.last()).toContainText(staff.anna);
  });
});

test.describe("a dispute with a long history", () => {
  test("its page shows the latest events, which they are of how many; a reviewer pages back and forth by keyboard, in either language", async ({ page }) => {
    const { slug, id } = await storeWithDispute(
      page,
      { prefix: "long-history", name: "Long history shop", currency: "CNY", timezone: "Asia/Shanghai", owner: (slug) => ({ email: `owner@${slug}.laoke`, password: "long-history-owner-pw" }) },
      { title: "Payout frozen for months", description: "The platform froze our payout without a reason." },
    );
    const base = `/s/${slug}/disputes/${id}`;
    // 55 notes sent as evidence: with its filing and submission, 57 events, one more page than the latest 50.
    for (let i = 1; i <= 55; i++) {
      const sent = await page.request.post(`${base}/evidence?name=note-${i}.txt`, { data: Buffer.from(`Call log ${i}: the platform has not answered.`) });
      expect(sent.status(), await sent.text()).toBe(201);
    }
    await page.goto(base);
    const history = page.getByTestId("history").locator("li");
    await expect(history).toHaveCount(50);
    await expect(history.last()).toContainText("note-55.txt");
    await expect(history.first()).toContainText("note-6.txt");
    const pager = page.getByRole("navigation", { name: "处理记录分页" });
    await expect(pager.getByTestId("history-count")).toHaveText("第 8–57 条，共 57 条");
    await expect(pager.getByRole("link")).toHaveText(["更早的记录"]);

    // By keyboard: the link to earlier events, then back to later ones, each landing on the history.
    await pager.getByRole("link", { name: "更早的记录" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${base}\\?before=[^#]+#history$`));
    await expect(history).toHaveCount(7);
    await expect(history.first()).toHaveAttribute("data-kind", "created");
    await expect(history.last()).toContainText("note-5.txt");
    await expect(pager.getByTestId("history-count")).toHaveText("第 1–7 条，共 57 条");
    await expect(pager.getByRole("link")).toHaveText(["更晚的记录", "最新记录"]);
    await pager.getByRole("link", { name: "更晚的记录" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${base}\\?after=[^#]+#history$`));
    await expect(history).toHaveCount(50);
    await expect(history.last()).toContainText("note-55.txt");
    await expect(pager.getByTestId("history-count")).toHaveText("第 8–57 条，共 57 条");
    // The packet keeps the whole history.
    await page.goto(`${base}/packet`);
    await expect(page.getByTestId("case-packet").locator("li").filter({ hasText: /添加证据：note-\d+\.txt/ })).toHaveCount(55);

    await page.goto(base);
    await page.getByRole("button", { name: "English" }).click();
    const pages = page.getByRole("navigation", { name: "Pages of the history" });
    await expect(pages.getByTestId("history-count")).toHaveText("Events 8–57 of 57");
    await pages.getByRole("link", { name: "Earlier events" }).click();
    await expect(history).toHaveCount(7);
    await expect(pages.getByTestId("history-count")).toHaveText("Events 1–7 of 57");
    await expect(pages.getByRole("link")).toHaveText(["Later events", "Latest events"]);
    await pages.getByRole("link", { name: "Latest events" }).click();
    await expect(page).toHaveURL(`${base}#history`);
    await expect(history).toHaveCount(50);
  });
});
