import type { Page } from "@playwright/test";
import { expect, expectFits, laoke, storageState, tableRegion, test } from "./fixtures";

// A platform nickname or product title with no spaces (a URL, a string of letters) is one word
// the browser cannot break: it must not make every page of the console scroll sideways.

const stamp = Date.now() % 1_000_000;
const customerId = `E2E-LONG-${stamp}`;
const productId = `E2E-LONGP-${stamp}`;
const customerName = `https://mobile.yangkeduo.com/${"a".repeat(60)}/${"X".repeat(100)}`.slice(0, 200);
const productName = `Supercalifragilistic${stamp}`.repeat(8).slice(0, 200);

/** How far the page reaches sideways past the window, in pixels (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("pages keep to the window's width whatever the length of a name", async ({ browser }) => {
  const token = laoke("token", "create", "--store", "demo", "--name", "e2e-long-names").trim().split("\n").at(-1)!.trim();
  const context = await browser.newContext({ storageState: storageState("owner") });
  const page = await context.newPage();
  const auth = { authorization: `Bearer ${token}` };
  const product = await page.request.post("/api/v1/products", {
    headers: auth,
    data: { products: [{ externalId: productId, name: productName, price: 12_345, floorPrice: 6_000, stock: 10 }] },
  });
  expect(product.status(), await product.text()).toBe(200);
  const orders = await page.request.post("/api/v1/orders", {
    headers: auth,
    data: {
      orders: [1, 2].map((n) => ({
        externalId: `${customerId}-O${n}`,
        customer: { externalId: customerId, name: customerName },
        placedAt: new Date(Date.now() - n * 86_400_000).toISOString(),
        status: "paid",
        items: [{ productExternalId: productId, quantity: 1, unitPrice: 12_345 }],
      })),
    },
  });
  expect(orders.status(), await orders.text()).toBe(200);
  const sale = await page.request.post("/api/v1/flash-sales", {
    headers: auth,
    data: { productExternalId: productId, price: 9_900, quantity: 1, startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 90_000_000).toISOString() },
  });
  expect(sale.status(), await sale.text()).toBe(201);
  const saleId = (await sale.json()).id;

  await page.goto(`/s/demo/customers?q=${customerId}`);
  const customerUrl = await page.getByRole("link", { name: customerName }).getAttribute("href");
  const pages = [
    `/s/demo/customers?q=${customerId}`,
    customerUrl!,
    `/s/demo/products?q=${productId}`,
    "/s/demo/flash-sales",
    `/s/demo/flash-sales/${saleId}`,
  ];
  const seen: { url: string; width: number; overflow: number }[] = [];
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const url of pages) {
      await page.goto(url);
      seen.push({ url, width, overflow: await overflow(page) });
    }
  }
  expect(seen).toEqual(seen.map((s) => ({ ...s, overflow: 0 })));
  // Inside its box too: the products table on a phone fits, the editors' summaries that name the
  // product wrapped (they held the box 1,000 px wide).
  await page.goto(`/s/demo/products?q=${productId}`);
  await expectFits(tableRegion(page, "商品", "Products"));
  // The name is all there, wrapped, not cut.
  await page.goto(customerUrl!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(customerName);
  await context.close();
});
