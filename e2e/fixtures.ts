import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import en from "../messages/en/common.json";
import zhCN from "../messages/zh-CN/common.json";

export const dataDir = process.env.E2E_DATA_DIR ?? ".e2e-data";

export interface Login {
  email: string;
  password: string;
}

/** The demo store's logins, printed and saved by `npm start` on its first start. */
export function demoLogins(): { owner: Login; staff: Login } {
  const logins = JSON.parse(fs.readFileSync(path.join(dataDir, "demo-logins.json"), "utf8")) as (Login & { role: string })[];
  const find = (role: string) => logins.find((l) => l.role === role)!;
  return { owner: find("owner"), staff: find("staff") };
}

/** A second store and its owner (the isolation specs), and a user to lock out. */
export const otherOwner: Login = { email: "owner@other.laoke", password: "other-owner-pw" };
export const lockoutUser: Login = { email: "lockout@demo.laoke", password: "lockout-user-pw" };

/** Runs the command line against the running app's embedded database. */
export function laoke(...args: string[]): string {
  return execFileSync(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/laoke.ts", ...args], {
    env: { ...process.env, LAOKE_DATA_DIR: dataDir },
    encoding: "utf8",
  });
}

/** Imports orders (canonical CSV rows, after the header) into a store through the command line. */
export function importOrders(slug: string, rows: string[]) {
  const file = path.join(dataDir, `${slug}.csv`);
  fs.writeFileSync(
    file,
    ["orderExternalId,customerExternalId,customerName,placedAt,status,groupBuy,productExternalId,productName,quantity,unitPrice", ...rows].join("\n") + "\n",
  );
  laoke("import", "--store", slug, "--kind", "orders", "--format", "canonical", "--file", file);
  fs.rmSync(file);
}

export const storageState = (name: "owner" | "staff" | "other") => path.join(dataDir, "auth", `${name}.json`);

export async function signIn(page: Page, login: Login) {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(login.email);
  await page.getByLabel("密码").fill(login.password);
  await page.getByRole("button", { name: "登录" }).click();
}

/**
 * The text of each element before each of its line breaks, up to the break (a space the line
 * ended at included): "staff@newshop.tes" where the browser ended a line inside an address.
 */
export const lineEnds = (locator: Locator) =>
  locator.evaluateAll((elements) =>
    elements.flatMap((element) => {
      const ends: string[] = [];
      let text = "";
      let top: number | null = null;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (let i = 0; i < node.data.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const y = range.getBoundingClientRect().top;
          if (top !== null && y > top + 4) ends.push(text);
          top = y;
          text += node.data[i];
        }
      }
      return ends;
    }),
  );

/**
 * The most lines the text of any of the elements takes on the page: 1 when none wraps. A table
 * squeezed into a phone's width broke Chinese a character a line.
 */
export const maxLines = (locator: Locator) =>
  locator.evaluateAll((elements) =>
    Math.max(
      0,
      ...elements.map((element) => {
        // The text's own boxes (a badge's padded box is not a line), a line being the boxes that
        // start above the middle of the line before: a smaller font on the same line is no new one.
        const rects: DOMRect[] = [];
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(node);
          rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
        }
        rects.sort((a, b) => a.top - b.top);
        let lines = 0;
        let middle = -Infinity;
        for (const r of rects) {
          if (r.top >= middle) {
            lines += 1;
            middle = r.top + r.height / 2;
          }
        }
        return lines;
      }),
    ),
  );

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const tableNames = (title: string) =>
  [en, zhCN].flatMap(({ app }) => [app.tableRegionFits, app.tableRegion].map((name) => escaped(name.replace("{title}", title))));

/**
 * The box of the table titled `title` (ScrollRegion), whether its table fits ("<title>: table")
 * or scrolls sideways ("<title>: table, scrolls sideways"): a name that holds at every width.
 * More titles for the same box in the other language (a page that switches language).
 */
export const tableRegionName = (...titles: string[]) => new RegExp(`^(${titles.flatMap(tableNames).join("|")})$`);

/** That box, within `scope` (a page or a part of it). */
export const tableRegion = (scope: Page | Locator, ...titles: string[]) => scope.getByRole("region", { name: tableRegionName(...titles) });

/** Says the box `region` holds a table that scrolls sideways, and is a tab stop. */
export async function expectScrollsSideways(region: Locator) {
  await expect(region).toHaveAccessibleName(new RegExp(`(${[en, zhCN].map(({ app }) => escaped(app.tableRegion.replace("{title}", ""))).join("|")})$`));
  await expect(region).toHaveAttribute("tabindex", "0");
}

/** Says the box `region` holds a table that fits it: it is named so, and is no tab stop. */
export async function expectFits(region: Locator) {
  expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth), "the table is wider than its box").toBeLessThanOrEqual(0);
  await expect(region).toHaveAccessibleName(new RegExp(`(${[en, zhCN].map(({ app }) => escaped(app.tableRegionFits.replace("{title}", ""))).join("|")})$`));
  // No tab stop (a -1 the page gave it to take the focus back to it after a removal is none).
  await expect.poll(() => region.evaluate((el) => el.tabIndex)).toBeLessThan(0);
}

/**
 * A table box wider than a phone: nothing spills past the page, the box says it scrolls
 * sideways, and a keyboard reaches it by Tab and scrolls it to the cut-off columns. `title` is
 * its table's (tableRegion).
 */
export async function expectKeyboardScrollRegion(page: Page, title: string) {
  const region = tableRegion(page, title);
  await expect(region).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), "the page scrolls sideways").toBeLessThanOrEqual(0);
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth), "the table is wider than its box").toBe(true);
  await expectScrollsSideways(region);
  await region.focus();
  await expect(region).toBeFocused();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
}

/**
 * At the page's width nothing of the table titled `title` is out of reach: the page does not
 * scroll sideways, the box stays on screen, and scrolled to its end the box shows the last
 * column whole (a table wider than its section ran off a phone's edge).
 */
export async function expectNothingCutOff(page: Page, title: string) {
  const region = tableRegion(page, title);
  await expect(region).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), "the page scrolls sideways").toBeLessThanOrEqual(0);
  const overhang = await region.evaluate((box) => {
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect();
    const cells = [...box.querySelectorAll("tr > :last-child")].map((cell) => cell.getBoundingClientRect().right);
    return Math.max(edge.right - window.innerWidth, ...cells.map((right) => right - edge.right));
  });
  expect(overhang, "the last column reaches past the box").toBeLessThanOrEqual(1);
}

/**
 * The narrowest padded gap, in px, between neighbouring cells of a row in `table` (one cell's
 * right padding plus the next one's left): with none, two columns' text runs together.
 */
export const minCellGap = (table: Locator) =>
  table.locator("tr").evaluateAll((rows) =>
    Math.min(
      ...rows.flatMap((row) => {
        const cells = [...row.children].map((cell) => getComputedStyle(cell));
        return cells.slice(1).map((cell, i) => parseFloat(cells[i]!.paddingRight) + parseFloat(cell.paddingLeft));
      }),
    ),
  );

export const test = base;
export { expect };
