import type { Page } from "@playwright/test";
import { expect, laoke, signIn, test } from "./fixtures";

// The product field of the flash-sale and price-lookup forms: a combobox that searches the
// store's products as the merchant types, by keyboard alone and by mouse, in both languages, and
// never offers another store's product.

const products = [
  { externalId: "PK-CUP-1", name: "Picker thermos cup", price: 10000, floorPrice: 6000, stock: 40 },
  { externalId: "PK-CUP-2", name: "Picker travel cup", price: 8000, floorPrice: 5000, stock: 0 },
  { externalId: "PK-BAG", name: "Picker tote bag", price: 3000, floorPrice: null, stock: 1234 },
];

/** A store of its own with `products` (and another store with a cup of its own), its owner signed in. */
async function storeWithProducts(page: Page, prefix: string): Promise<string> {
  const slug = `${prefix}-${Date.now().toString(36)}`;
  const owner = { email: `${slug}@${prefix}.laoke`, password: `${prefix}-owner-password` };
  for (const [store, list] of [
    [`${slug}-x`, [{ externalId: "PK-CUP-9", name: "Picker cup of another store", price: 100, floorPrice: null, stock: 9 }]],
    [slug, products],
  ] as const) {
    laoke("store", "create", "--slug", store, "--name", store);
    const token = laoke("token", "create", "--store", store, "--name", "e2e-picker").trim().split("\n").at(-1)!.trim();
    const created = await page.request.post("/api/v1/products", { headers: { authorization: `Bearer ${token}` }, data: { products: list } });
    expect(created.status()).toBe(200);
  }
  laoke("user", "create", "--email", owner.email, "--password", owner.password, "--store", slug, "--role", "owner");
  await signIn(page, owner);
  await expect(page).toHaveURL(`/s/${slug}`);
  return slug;
}

const options = (page: Page) => page.getByRole("listbox").getByRole("option");

test("by keyboard alone: type, go through the products with the arrows, take one with Enter, close with Escape, and create a sale of it", async ({ page }) => {
  const slug = await storeWithProducts(page, "pick-keys");
  await page.goto(`/s/${slug}/flash-sales/new`);
  const field = page.getByRole("combobox", { name: "商品", exact: true });
  await expect(field).toHaveAttribute("aria-expanded", "false");
  await field.focus();
  await page.keyboard.type("cup");
  await expect(field).toHaveAttribute("aria-expanded", "true");
  // The store's two cups, never the other store's; each with its name, code, price and stock.
  await expect(options(page)).toHaveCount(2);
  await expect(options(page).nth(0)).toHaveText(/^Picker thermos cupPK-CUP-1¥100\.00库存 40$/);
  await expect(options(page).nth(1)).toHaveText(/^Picker travel cupPK-CUP-2¥80\.00无库存$/);
  await expect(page.getByTestId("product-picker-status")).toHaveText("2 个商品：用上下方向键浏览，按回车选择。");
  await expect(field).not.toHaveAttribute("aria-activedescendant");

  // Down, down, past the end back to the first, up to the last: the field says which is active.
  const active = async () => page.locator(`[id="${await field.getAttribute("aria-activedescendant")}"]`);
  await page.keyboard.press("ArrowDown");
  await expect(await active()).toHaveText(/^Picker thermos cup/);
  await expect(await active()).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect(await active()).toHaveText(/^Picker travel cup/);
  await page.keyboard.press("ArrowDown");
  await expect(await active()).toHaveText(/^Picker thermos cup/);
  await page.keyboard.press("ArrowUp");
  await expect(await active()).toHaveText(/^Picker travel cup/);
  // Escape closes the list and keeps what was typed.
  await page.keyboard.press("Escape");
  await expect(field).toHaveAttribute("aria-expanded", "false");
  await expect(field).toHaveValue("cup");
  // Down opens it again on its first product; Enter takes it, without sending the form.
  await page.keyboard.press("ArrowDown");
  await expect(field).toHaveAttribute("aria-expanded", "true");
  await expect(await active()).toHaveText(/^Picker thermos cup/);
  await page.keyboard.press("Enter");
  await expect(field).toHaveValue("Picker thermos cup");
  await expect(field).toHaveAttribute("aria-expanded", "false");
  await expect(page).toHaveURL(/\/flash-sales\/new$/);
  await expect(field).toHaveAccessibleDescription("PK-CUP-1 · Picker thermos cup — ¥100.00（最低价 ¥60.00，库存 40）");

  // Nothing matches: said so, in the page's language.
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("teapot");
  await expect(page.getByTestId("product-picker-list").locator("..")).toContainText("没有与“teapot”相符的商品。");
  await expect(options(page)).toHaveCount(0);
  await expect(field).toHaveAttribute("aria-expanded", "false");

  // Tab takes the active product and goes on to the next field.
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("PK-BAG");
  await expect(options(page)).toHaveCount(1);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  await expect(field).toHaveValue("Picker tote bag");
  await expect(page.getByLabel("秒杀价（如 79.90）")).toBeFocused();

  // The form sends the product's external id: the sale is of the bag.
  await page.keyboard.type("20");
  await page.getByRole("button", { name: "创建抢购" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/s/${slug}/flash-sales/\\d+$`));
  await expect(page.getByRole("main")).toContainText("Picker tote bag");
});

test("by mouse, in English: a click opens the store's first products, a click takes one, and the lookup answers for its external id", async ({ page }) => {
  const slug = await storeWithProducts(page, "pick-mouse");
  await page.goto(`/s/${slug}/products`);
  await page.getByRole("button", { name: "English" }).click();
  const field = page.getByRole("combobox", { name: "Product", exact: true });
  await expect(field).toHaveAttribute("placeholder", "Type a product name or code");
  await field.click();
  // All three of the store's products by name, none of the other store's.
  await expect(options(page)).toHaveText([/^Picker thermos cup/, /^Picker tote bag.*stock 1,234$/, /^Picker travel cup.*out of stock$/]);
  await field.fill("no such thing");
  await expect(page.getByTestId("product-picker-list").locator("..")).toContainText("No product matches “no such thing”.");
  await field.fill("tote");
  await options(page).filter({ hasText: "Picker tote bag" }).click();
  await expect(field).toHaveValue("Picker tote bag");
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("product-picker-chosen")).toHaveText("PK-BAG · Picker tote bag — ¥30.00 (floor —, stock 1,234)");
  await page.getByRole("button", { name: "Show the price" }).click();
  await expect(page).toHaveURL(/product=PK-BAG/);
  await expect(page.getByTestId("price-winner")).toContainText("¥30.00");
  // The answer's page shows the product by its name again, not its code.
  await expect(page.getByRole("combobox", { name: "Product", exact: true })).toHaveValue("Picker tote bag");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });

  test("a tap opens the list, whole in the screen's width, and a tap takes a product", async ({ page }) => {
    const slug = await storeWithProducts(page, "pick-tap");
    await page.goto(`/s/${slug}/flash-sales/new`);
    const field = page.getByRole("combobox", { name: "商品", exact: true });
    await field.tap();
    await expect(options(page)).toHaveCount(3);
    const list = await page.getByTestId("product-picker-list").boundingBox();
    expect(list!.x).toBeGreaterThanOrEqual(0);
    expect(list!.x + list!.width).toBeLessThanOrEqual(390);
    await options(page).filter({ hasText: "PK-CUP-2" }).tap();
    await expect(field).toHaveValue("Picker travel cup");
    await expect(field).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByTestId("product-picker-chosen")).toContainText("PK-CUP-2");
  });
});
