import type { Locator, Page } from "@playwright/test";
import { expect, storageState, test } from "./fixtures";

// The console in Chinese in an English browser: a form the browser checked itself stopped the
// submit with its own bubble, in English ("Please fill out this field."), unannounced and gone at
// the next keystroke. Each refusal here is the console's, in its language, under its field.
test.describe("a refused form in a browser of another language", () => {
  test.use({ storageState: storageState("owner"), locale: "en-US" });
  test.beforeEach(async ({ context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
  });

  /** The field is marked, described by `reason`, which stands right under it; `focused`: it has the keyboard. */
  async function expectRefusedBeside(page: Page, field: Locator, reason: string | RegExp, { focused = false } = {}) {
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(reason instanceof RegExp ? reason : new RegExp(reason.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(/\s+/);
    const said = page.locator(ids.map((id) => `[id="${id}"]`).join(",")).filter({ hasText: reason });
    await expect(said).toBeVisible();
    const [box, text] = [(await field.boundingBox())!, (await said.boundingBox())!];
    // Beside it: below the field, within a line or two, and under it rather than across the page.
    expect(text.y).toBeGreaterThanOrEqual(box.y + box.height - 1);
    expect(text.y).toBeLessThan(box.y + box.height + 60);
    expect(Math.abs(text.x - box.x)).toBeLessThan(16);
    if (focused) await expect(field).toBeFocused();
  }

  test("a dispute saved with a short title and the amount -5abc: each reason under its field, the keyboard on the first, what was typed kept", async ({ page }) => {
    await page.goto("/s/demo/disputes/new?type=fake_return");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    const title = page.getByLabel("标题", { exact: true });
    const amount = page.getByLabel(/^争议金额/);
    const description = page.getByLabel("描述", { exact: true });
    await title.fill("x");
    await description.fill("买家退回空箱。");
    await amount.fill("-5abc");
    await page.getByRole("button", { name: "保存草稿" }).click();

    await expectRefusedBeside(page, title, "请至少输入 2 个字符。", { focused: true });
    // No amount at all is said first, not that it is negative.
    await expectRefusedBeside(page, amount, "争议金额不是有效数字，例如 80000 或 80000.50。");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("请检查标出的字段。");
    await expect(title).toHaveValue("x");
    await expect(amount).toHaveValue("-5abc");
    await expect(description).toHaveValue("买家退回空箱。");
    await expect(page).toHaveURL(/\/disputes\/new/);
  });

  test("a staff member added with too short a password, and a plan with no fee: said under the field, which takes the keyboard", async ({ page }) => {
    await page.goto("/s/demo/settings");
    const staff = page.getByRole("form", { name: "添加员工" });
    await staff.getByLabel("邮箱").fill("short.pw@demo.laoke");
    const password = staff.getByLabel("初始密码（至少 8 位）");
    await password.fill("short");
    await staff.getByRole("button", { name: "添加员工" }).click();
    await expectRefusedBeside(page, password, "请至少输入 8 个字符。", { focused: true });
    await expect(staff.getByLabel("邮箱")).toHaveValue("short.pw@demo.laoke");

    await page.goto("/s/demo/members");
    const name = page.getByLabel("方案名称");
    await name.fill("表单检查方案");
    const lengthDays = page.getByLabel("有效期（天）");
    await lengthDays.fill("0");
    await page.getByRole("button", { name: "创建方案" }).click();
    const fee = page.getByLabel("会员费", { exact: true });
    await expectRefusedBeside(page, fee, "此项必填。", { focused: true });
    await expectRefusedBeside(page, lengthDays, "请输入不小于 1 的数。");
    await expect(name).toHaveValue("表单检查方案");
    await expect(lengthDays).toHaveValue("0");
  });

  test("evidence uploaded with no file chosen: asked for under the field, in the console's words", async ({ page }) => {
    await page.goto("/s/demo/disputes?status=draft");
    await page.goto((await page.getByTestId("dispute-row").first().getByRole("link").first().getAttribute("href"))!);
    await page.getByRole("button", { name: "上传", exact: true }).click();
    await expectRefusedBeside(page, page.getByLabel("添加证据"), "请先选择要添加的文件。", { focused: true });

    await page.goto("/s/demo/imports");
    const start = page.getByRole("form", { name: "开始导入" });
    await start.getByRole("button", { name: "开始导入" }).click();
    await expectRefusedBeside(page, start.getByLabel("CSV 文件"), "请选择一个文件。", { focused: true });
  });
});
