import { chromium } from "@playwright/test";
const [,, path, selector, out, lang] = process.argv;
const b = await chromium.launch({ executablePath: "/usr/lib/chromium/chromium" });
const ctx = await b.newContext({ storageState: "/tmp/audit32-owner.json", viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
const p = await ctx.newPage();
await p.goto("http://localhost:3200" + path, { waitUntil: "networkidle" });
await p.locator(selector).first().screenshot({ path: out });
await b.close();
