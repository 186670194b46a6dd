import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Locator, type Page } from "@playwright/test";

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

/**
 * A table box wider than a phone: nothing spills past the page, and a keyboard reaches the box
 * (it is named `name`) and scrolls it sideways to the cut-off columns.
 */
export async function expectKeyboardScrollRegion(page: Page, name: string | RegExp) {
  const region = page.getByRole("region", { name });
  await expect(region).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), "the page scrolls sideways").toBeLessThanOrEqual(0);
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth), "the table is wider than its box").toBe(true);
  await region.focus();
  await expect(region).toBeFocused();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
}

/**
 * At the page's width nothing of the table in the region `name` is out of reach: the page does
 * not scroll sideways, the box stays on screen, and scrolled to its end the box shows the last
 * column whole (a table wider than its section ran off a phone's edge).
 */
export async function expectNothingCutOff(page: Page, name: string | RegExp) {
  const region = page.getByRole("region", { name });
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
