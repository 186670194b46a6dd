import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, storageState, tableRegion, test } from "./fixtures";

// The pages an accessibility audit (axe-core plus keyboard checks) found wanting, checked again
// as owner and staff, in both languages, at a phone's width (where tables scroll sideways).
// Soft assertions: one run names every check that fails.
const axeSource = fs.readFileSync(path.join("node_modules", "axe-core", "axe.min.js"), "utf8");
const catalogue = (locale: string, file: string) => JSON.parse(fs.readFileSync(path.join("messages", locale, `${file}.json`), "utf8"));
const common = (locale: string) => catalogue(locale, "common");
/** A message with its {placeholders} filled (plain ones only: no plurals). */
const fill = (message: string, values: Record<string, string | number>) => message.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/** Chart texts axe does not check (recharts' legend and SVG labels): their contrast on white. */
async function lowContrastChartText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const channel = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    const luminance = (rgb: number[]) => 0.2126 * channel(rgb[0]!) + 0.7152 * channel(rgb[1]!) + 0.0722 * channel(rgb[2]!);
    const parse = (c: string) =>
      c.startsWith("#") ? [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) : (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const bad: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement | SVGElement>(".recharts-legend-item-text, .recharts-label, .recharts-reference-line .recharts-text")) {
      // A legend's text may sit in an element of its own inside recharts' coloured span.
      const text = el.lastElementChild ?? el;
      const color = text instanceof HTMLElement ? getComputedStyle(text).color : getComputedStyle(text).fill;
      const ratio = 1.05 / (luminance(parse(color)) + 0.05);
      if (ratio < 4.5) bad.push(`${el.textContent} ${color} ${ratio.toFixed(2)}`);
    }
    return bad;
  });
}

async function expectAccessible(page: Page, url: string) {
  await page.goto(url);
  expect.soft(await axeViolations(page), url).toEqual([]);
}

/** The seeded draft dispute's page. */
async function draftDispute(page: Page): Promise<string> {
  await page.goto("/s/demo/disputes?status=draft");
  return (await page.getByTestId("dispute-row").first().getByRole("link").first().getAttribute("href"))!;
}

/** What the app's one live region (components/announcer.tsx) says. */
const announcer = (page: Page) => page.getByTestId("announcer");

/** A customer whose page shows a flash-sale claim (a struck-through regular price). */
async function customerWithClaims(page: Page): Promise<string> {
  await page.goto("/s/demo/flash-sales/1");
  return (await page.locator('main a[href*="/customers/"]').first().getAttribute("href"))!;
}

for (const locale of ["zh-CN", "en"] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ viewport: { width: 375, height: 812 } });
    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    });
    const m = common(locale);
    const disputes = catalogue(locale, "disputes");
    const pricing = catalogue(locale, "pricing");
    const dashboard = catalogue(locale, "dashboard");

    test.describe("as owner", () => {
      test.use({ storageState: storageState("owner") });

      test("the audited pages have no axe violations, and the charts' texts are legible", async ({ page }) => {
        await page.goto("/s/demo");
        // recharts draws once it has measured its box: wait for the legends and labels.
        await expect(page.locator('[data-testid="chart-concentration"] .recharts-label').first()).toBeVisible();
        await expect(page.locator('[data-testid="chart-tier-share"] svg a').first()).toBeAttached();
        await expect.poll(() => page.locator(".recharts-legend-item-text").count()).toBeGreaterThanOrEqual(6);
        expect.soft(await lowContrastChartText(page)).toEqual([]);
        // A bar of 0 draws nothing: it is no Tab stop either.
        const emptyBarLinks = await page
          .locator('[data-testid="chart-tier-share"] svg a')
          .evaluateAll((links) => links.filter((a) => { const r = a.getBoundingClientRect(); return r.width === 0 || r.height === 0; }).length);
        expect.soft(emptyBarLinks).toBe(0);

        const customer = await customerWithClaims(page);
        await expectAccessible(page, customer);
        // All of the customer's orders, a page of them: its table scrolls in its own box.
        await expectAccessible(page, `${customer}/orders`);
        const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
        expect.soft(widths.doc, "the orders page is wider than the screen").toBeLessThanOrEqual(widths.view);
        for (const url of ["/s/demo/flash-sales", "/s/demo/disputes/new", "/s/demo/products"]) await expectAccessible(page, url);
      });

      test("members and settings neither fail axe nor scroll sideways at 375 px, an archived plan included", async ({ page }) => {
        await page.goto("/s/demo/members");
        const plan = `A11y ${locale}`;
        const create = page.locator('form:has(select[name="tier"])');
        await create.locator('input[name="name"]').fill(plan);
        await create.locator('input[name="fee"]').fill("9");
        await create.locator('select[name="tier"]').selectOption("silver");
        await create.locator('input[name="name"]').press("Enter");
        const row = page.getByTestId("plans").getByRole("row", { name: plan });
        await row.getByRole("button").click();
        // An archived plan's row says so in brackets, in the language's own: （已停用） or (archived).
        await expect(row.getByRole("rowheader")).toHaveText(locale === "zh-CN" ? `${plan}（已停用）` : `${plan} (archived)`);
        // An API token's row (its prefix, two dates) is what made the settings page too wide.
        await page.goto("/s/demo/settings");
        const tokenForm = page.locator('form:has(input[name="name"][required][autocomplete="off"])');
        await tokenForm.locator('input[name="name"]').fill(`A11y token ${locale}`);
        await tokenForm.locator('input[name="name"]').press("Enter");
        await expect(page.getByTestId("new-token")).toBeVisible();
        for (const url of ["/s/demo/members", "/s/demo/settings"]) {
          await page.goto(url);
          expect.soft(await axeViolations(page), url).toEqual([]);
          const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
          expect.soft(widths.doc, `${url} is wider than the screen`).toBeLessThanOrEqual(widths.view);
        }
      });

      test("focus stays on the submit button while a form is sent", async ({ page }) => {
        await page.goto("/s/demo/settings");
        // A success focuses no field: the store form, saved as it is.
        const save = page.locator('form:has(input[name="timezone"]) button[type="submit"]');
        await save.focus();
        await page.keyboard.press("Enter");
        await expect(page.locator('form:has(input[name="timezone"]) [role="status"]')).toBeVisible();
        await expect.soft(save).toBeFocused();

        // A refusal of the weights as a group takes the keyboard to the group, described by the
        // reason (as the reps' spread form does): left on the button, it was out of sight of the
        // reason on a phone.
        const rules = page.locator('form:has(input[name="weights.frequency"])');
        for (const input of await rules.locator('input[name^="weights."]').all()) await input.fill("0");
        const rulesSave = rules.locator('button[type="submit"]');
        await rulesSave.focus();
        await page.keyboard.press("Enter");
        await expect(rules.getByRole("alert")).toBeVisible();
        const weights = rules.locator('fieldset[name="weights"]');
        await expect.soft(weights).toBeFocused();
        await expect.soft(weights).toHaveAttribute("aria-invalid", "true");

        // A refused field takes the keyboard.
        await rules.locator('input[name="weights.frequency"]').fill("25");
        await rules.locator('input[name="hysteresis"]').fill("99999");
        await rules.locator('input[name="hysteresis"]').evaluate((input: HTMLInputElement) => input.removeAttribute("max"));
        await rulesSave.focus();
        await page.keyboard.press("Enter");
        await expect.soft(rules.locator('input[name="hysteresis"]')).toBeFocused();
      });

      test("a refusal given again is a new alert, which a screen reader says again", async ({ page }) => {
        await page.goto("/s/demo/settings");
        const form = page.locator('form:has(input[name="timezone"])');
        await form.locator('input[name="currency"]').fill("RMB");
        const save = form.locator('button[type="submit"]');
        await save.click();
        const alert = form.getByRole("alert");
        await expect(alert).toBeVisible();
        await alert.evaluate((el) => el.setAttribute("data-said", ""));
        await save.click();
        // The same words, in an element put in their place (an alert left as it was says nothing).
        await expect.soft(form.locator('[role="alert"]:not([data-said])')).toBeVisible();
        await expect.soft(form.locator('[role="alert"][data-said]')).toHaveCount(0);
      });

      test("the skip link takes the keyboard into the page, and the menu shows its focus whole", async ({ page }) => {
        await page.goto("/s/demo/customers");
        await page.keyboard.press("Tab");
        await page.keyboard.press("Enter");
        await expect.soft(page.locator("main#content")).toBeFocused();

        const nav = page.locator("aside nav");
        await nav.getByRole("link").first().focus();
        await page.keyboard.press("Tab");
        const clipped = await nav.evaluate((el) => {
          const link = document.activeElement as HTMLElement;
          const style = getComputedStyle(link);
          const out = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
          const r = link.getBoundingClientRect();
          const box = el.getBoundingClientRect();
          return r.left - out < box.left || r.top - out < box.top || r.right + out > box.right || r.bottom + out > box.bottom;
        });
        expect.soft(clipped).toBe(false);
      });
    });

    test.describe("as owner, on a phone", () => {
      test.use({ storageState: storageState("owner") });

      test("every item of the menu is in sight, none hidden past the screen's edge", async ({ page }) => {
        await page.goto("/s/demo/customers");
        const links = page.locator("aside nav").getByRole("link");
        await expect(links).toHaveCount(8);
        // The menu scrolled sideways with nothing to say so: 数据导入 and 设置 stood past the edge.
        const outside = await links.evaluateAll((all) =>
          all.filter((a) => a.getBoundingClientRect().right > window.innerWidth || a.getBoundingClientRect().left < 0).map((a) => a.textContent),
        );
        expect(outside).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      });
    });

    test.describe("as owner, more pages and forms", () => {
      test.use({ storageState: storageState("owner") });

      test("the pages the first audit left out have no axe violations either", async ({ page }) => {
        await page.goto("/s/demo");
        // The charts' legends drawn first, so that axe sees the page as the reader does.
        await expect.poll(() => page.locator(".recharts-legend-item-text").count()).toBeGreaterThanOrEqual(6);
        expect.soft(await axeViolations(page), "/s/demo").toEqual([]);
        const draft = await draftDispute(page);
        await page.goto("/s/demo/disputes");
        const dispute = (await page.getByTestId("dispute-row").last().getByRole("link").first().getAttribute("href"))!;
        const product = await page.goto("/s/demo/products").then(() => page.locator("tr[data-product]").first().getAttribute("data-product"));
        for (const url of [
          "/s",
          "/s/demo/customers",
          "/s/demo/customers/care",
          "/s/demo/flash-sales/new",
          "/s/demo/flash-sales/1",
          "/s/demo/disputes",
          "/s/demo/disputes/parties",
          dispute,
          `${draft}/edit`,
          `${draft}/packet`,
          "/s/demo/imports",
          `/s/demo/products?product=${product}`,
          "/s/demo/no-such-page",
        ])
          await expectAccessible(page, url);
      });

      test("the dispute pages name themselves in the title", async ({ page }) => {
        const draft = await draftDispute(page);
        const id = draft.split("/").pop()!;
        await page.goto(`${draft}/edit`);
        const title = (await page.getByRole("heading", { level: 1 }).textContent())!;
        await expect.soft(page).toHaveTitle(new RegExp(`^${fill(disputes.form.editTitle, { id }).replace(/[()]/g, "\\$&")} .+ · ${m.app.name}$`));
        expect.soft(title).toBe(fill(disputes.form.editTitle, { id }));
        await page.goto(`${draft}/packet`);
        await expect.soft(page).toHaveTitle(new RegExp(`^${disputes.packetPage.title} · #${id} .+ · ${m.app.name}$`));
      });

      test("the dashboard's numbers are named by their labels", async ({ page }) => {
        await page.goto("/s/demo");
        const value = (await page.getByTestId("headline-customers").textContent())!;
        await expect.soft(page.getByRole("link", { name: fill(m.shell.labelled, { label: dashboard.headline.customers, text: value }), exact: true })).toBeVisible();
      });

      test("the customers list says which column it is sorted by, and its headers sort it", async ({ page }) => {
        await page.goto("/s/demo/customers");
        const header = (name: string) => page.getByRole("columnheader", { name, exact: true });
        await expect.soft(header(m.customers.score)).toHaveAttribute("aria-sort", "descending");
        await expect.soft(page.locator("th[aria-sort]")).toHaveCount(1);
        await header(m.customers.netSpend).getByRole("link").click();
        await expect(page).toHaveURL(/sort=netSpend/);
        await expect.soft(header(m.customers.netSpend)).toHaveAttribute("aria-sort", "descending");
        await expect.soft(header(m.customers.score)).not.toHaveAttribute("aria-sort");
        // Its link again turns the order round.
        await header(m.customers.netSpend).getByRole("link").click();
        await expect(page).toHaveURL(/order=asc/);
        await expect.soft(header(m.customers.netSpend)).toHaveAttribute("aria-sort", "ascending");
        const spends = await page.getByTestId("customer-row").evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-net-spend"))));
        expect.soft(spends).toEqual([...spends].sort((a, b) => a - b));
      });

      test("a price lookup's answer takes the focus when it arrives", async ({ page }) => {
        await page.goto("/s/demo/products");
        const product = (await page.locator("tr[data-product]").first().getAttribute("data-product"))!;
        await page.getByRole("combobox", { name: pricing.lookup.product }).fill(product);
        const submit = page.getByRole("button", { name: pricing.lookup.submit });
        await submit.focus();
        await page.keyboard.press("Enter");
        await expect(page).toHaveURL(new RegExp(`product=${product}`));
        await expect.soft(page.getByTestId("price-result")).toBeFocused();
        // A refusal (a customer the store does not have) takes it the same way.
        await page.goto(`/s/demo/products?product=${product}&customer=no-such-buyer`);
        await expect.soft(page.getByRole("region", { name: pricing.lookup.title }).getByRole("alert")).toBeFocused();
      });

      test("a revoked token and an uploaded file are said, and the focus stays in the page", async ({ page }) => {
        await page.goto("/s/demo/settings");
        const name = `Revoke me ${locale}`;
        const tokenForm = page.locator('form:has(input[name="name"][required][autocomplete="off"])');
        await tokenForm.locator('input[name="name"]').fill(name);
        await tokenForm.locator('input[name="name"]').press("Enter");
        await expect(page.getByTestId("new-token")).toBeVisible();
        await expect.soft(announcer(page)).toHaveText(fill(m.settings.tokens.createdNamed, { name }));
        page.once("dialog", (dialog) => dialog.accept());
        const revoke = page.getByRole("button", { name: fill(m.settings.tokens.revokeNamed, { name }) });
        await revoke.focus();
        await page.keyboard.press("Enter");
        await expect.soft(announcer(page)).toHaveText(fill(m.settings.tokens.revokedNamed, { name }));
        await expect(revoke).toHaveCount(0);
        // The button went with the refresh: the keyboard is on the tokens table, not back at the page's top.
        await expect.soft(tableRegion(page, m.settings.tokens.title)).toBeFocused();

        await page.goto(await draftDispute(page));
        // Each language's its own file: both go to the same draft, which keeps one copy of a file.
        await page.getByLabel(disputes.page.addEvidence).setInputFiles({ name: "note.txt", mimeType: "text/plain", buffer: Buffer.from(`a note for the record, ${locale}\n`) });
        const upload = page.getByRole("button", { name: disputes.page.upload, exact: true });
        await upload.focus();
        await page.keyboard.press("Enter");
        // "Added 1 file to the evidence." (a plural message): said, and shown beside the button.
        await expect(page.getByTestId("evidence-added")).toContainText("1");
        await expect.soft(announcer(page)).toHaveText((await page.getByTestId("evidence-added").textContent())!);
      });
    });

    test.describe("signed out", () => {
      test.use({ storageState: { cookies: [], origins: [] } });

      test("the sign-in and 404 pages have no axe violations, and the 404 is titled", async ({ page }) => {
        await expectAccessible(page, "/login");
        expect((await page.goto("/no-such-page"))?.status()).toBe(404);
        await expect.soft(page).toHaveTitle(`404 · ${m.errors.notFoundTitle} · ${m.app.name}`);
        expect.soft(await axeViolations(page), "/no-such-page").toEqual([]);
      });
    });

    test.describe("as staff", () => {
      test.use({ storageState: storageState("staff") });

      test("the audited pages have no axe violations", async ({ page }) => {
        for (const url of ["/s/demo", "/s/demo/customers", "/s/demo/customers?rep=me", "/s/demo/products", "/s/demo/flash-sales", "/s/demo/disputes"])
          await expectAccessible(page, url);
        const customer = await customerWithClaims(page);
        await expectAccessible(page, customer);
        // All of the customer's orders, a page of them: its table scrolls in its own box.
        await expectAccessible(page, `${customer}/orders`);
        const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
        expect.soft(widths.doc, "the orders page is wider than the screen").toBeLessThanOrEqual(widths.view);
      });

      test("403 and 404 pages have their own title", async ({ page }) => {
        expect((await page.goto("/s/demo/settings"))?.status()).toBe(403);
        await expect.soft(page).toHaveTitle(`403 · ${m.errors.forbiddenTitle} · ${m.app.name}`);
        expect((await page.goto("/s/demo/customers/999999999"))?.status()).toBe(404);
        await expect.soft(page).toHaveTitle(`404 · ${m.errors.notFoundTitle} · ${m.app.name}`);
        // A path no page has, inside a store and outside one.
        for (const url of ["/s/demo/no-such-page", "/no-such-page"]) {
          expect((await page.goto(url))?.status(), url).toBe(404);
          await expect.soft(page, url).toHaveTitle(`404 · ${m.errors.notFoundTitle} · ${m.app.name}`);
        }
      });
    });
  });
}
