// Every page of the demo store on a phone, for the owner and the staff, in Chinese and in English:
// prints each page's width against the screen's, and for a page wider than the screen the elements
// that stick out past its edge (outside a table's own scrolling box, which may scroll). Every
// <details> is opened first, so what a tap would show is measured too. Exits 1 when a page is too
// wide. Takes about two minutes, too long for the browser tests, which check the pages fixed one
// by one; run it against a running app after a layout change:
//
//   npm start            (or with PORT and LAOKE_DATA_DIR)
//   tsx scripts/phone-overflow.ts [--url http://localhost:3000] [--width 390]
//
// It reads the demo logins from LAOKE_DATA_DIR (default ./data) and uses Debian's Chromium
// (CHROMIUM_PATH for another).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";

const { values } = parseArgs({ options: { url: { type: "string", default: "http://localhost:3000" }, width: { type: "string", default: "390" } } });
const base = values.url!;
const width = Number(values.width);
const logins = JSON.parse(fs.readFileSync(path.join(process.env.LAOKE_DATA_DIR ?? "data", "demo-logins.json"), "utf8")) as {
  email: string;
  password: string;
  role: "owner" | "staff";
}[];

/** The first link on the page whose address matches `pattern` (a customer's, a dispute's, a sale's). */
const firstLink = (page: Page, pattern: RegExp) =>
  page.locator("main a[href]").evaluateAll((links, source) => links.map((a) => a.getAttribute("href")!).find((href) => new RegExp(source).test(href)), pattern.source);

async function pages(page: Page): Promise<string[]> {
  await page.goto(`${base}/s/demo/customers`);
  const customer = await firstLink(page, /\/customers\/\d+$/);
  await page.goto(`${base}/s/demo/disputes`);
  const dispute = await firstLink(page, /\/disputes\/\d+$/);
  await page.goto(`${base}/s/demo/flash-sales`);
  const sale = await firstLink(page, /\/flash-sales\/\d+$/);
  const store = ["", "/customers", "/customers/care", "/products", "/members", "/flash-sales", "/flash-sales/new", "/disputes", "/disputes/new", "/disputes/parties", "/imports", "/settings"];
  return [
    "/s",
    ...store.map((suffix) => `/s/demo${suffix}`),
    ...(customer ? [customer, ...["orders", "returns", "reviews", "shares"].map((kind) => `${customer}/${kind}`)] : []),
    ...(dispute ? [dispute, `${dispute}/edit`, `${dispute}/packet`] : []),
    ...(sale ? [sale] : []),
  ];
}

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium", args: ["--no-sandbox"] });
  let tooWide = 0;
  for (const role of ["owner", "staff"] as const) {
    const login = logins.find((l) => l.role === role)!;
    for (const locale of ["zh-CN", "en"]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale });
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: base }]);
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.locator('input[name="email"]').fill(login.email);
      await page.locator('input[name="password"]').fill(login.password);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(/\/s\/demo$/);
      for (const url of await pages(page)) {
        const response = await page.goto(base + url);
        await page.waitForLoadState("networkidle");
        const measured = await page.evaluate(async () => {
          for (const details of document.querySelectorAll("details")) details.open = true;
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          const screen = window.innerWidth;
          const out = [...document.querySelectorAll("body *")]
            .filter((element) => element.getBoundingClientRect().width > 0 && element.getBoundingClientRect().right > screen + 0.5)
            .filter((element) => !element.parentElement?.closest("[role=region]"))
            .slice(0, 5)
            .map((element) => `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 40)}" to ${Math.round(element.getBoundingClientRect().right)} px`);
          return { page: document.documentElement.scrollWidth, screen, out };
        });
        const over = measured.page > measured.screen;
        if (over) tooWide += 1;
        console.log(`${over ? "TOO WIDE" : "ok      "} ${role} ${locale} ${response?.status()} ${url} ${measured.page}/${measured.screen}`);
        for (const line of over ? measured.out : []) console.log(`           ${line}`);
      }
      await context.close();
    }
  }
  await browser.close();
  console.log(tooWide === 0 ? `Every page fits ${width} px.` : `${tooWide} pages are wider than ${width} px.`);
  process.exitCode = tooWide === 0 ? 0 : 1;
}

void main();
