import { chromium } from "@playwright/test";
const [,, ...paths] = process.argv;
const b = await chromium.launch({ executablePath: "/usr/lib/chromium/chromium" });
const ctx = await b.newContext({ storageState: "/tmp/audit32-owner.json", viewport: { width: 1280, height: 900 } });
const p = await ctx.newPage();
for (const path of paths) {
  await p.goto("http://localhost:3200" + path, { waitUntil: "networkidle" });
  const name = path.replace(/[^a-z0-9]+/gi, "_");
  await p.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log(name);
}
await b.close();
