import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ProductPricesView } from "@/lib/pricing/member-prices";
import zhCN from "@/messages/zh-CN";

// The products page as an owner (or staff) reads it, in Chinese.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const role = vi.hoisted(() => ({ current: "owner" as "owner" | "staff" }));
vi.mock("@/lib/auth/session", () => ({
  requireStore: async () => ({ store: { id: 1, slug: "tea", name: "Tea", currency: "CNY", timezone: "Asia/Shanghai" }, role: role.current, userId: 1 }),
}));
// One product whose regular price was lowered (through the API) after its member prices were set.
const cup: ProductPricesView = {
  id: 1, externalId: "P1", name: "保温杯", price: 3_500, floorPrice: 3_000, stock: 10,
  memberPrices: [
    { tier: "silver", fixedPrice: null, percentOff: 20, price: 2_800 }, // below the floor now
    { tier: "gold", fixedPrice: 4_500, percentOff: null, price: 4_500 }, // above the regular price now
    { tier: "diamond", fixedPrice: 3_200, percentOff: null, price: 3_200 },
  ],
};
const list = vi.hoisted(() => ({ current: { total: 0, products: [] as unknown[] } as Record<string, unknown>, asked: [] as Record<string, unknown>[] }));
vi.mock("@/lib/pricing/member-prices", async () => {
  const { badCursor } = await import("@/lib/customers/cursor");
  return {
    listProductsWithPrices: async (_ctx: unknown, options: Record<string, unknown>) => {
      list.asked.push(options);
      if (options.cursor === "forged") throw badCursor();
      return { nextCursor: null, previousCursor: null, ...list.current };
    },
  };
});
vi.mock("@/lib/pricing/product-choices", () => ({ productChoices: async () => [] }));
vi.mock("./actions", () => ({
  saveMemberPricesAction: async () => ({ ok: true, data: null }),
  saveProductPricesAction: async () => ({ ok: true, data: null }),
  renameProductAction: async () => ({ ok: true, data: null }),
}));
vi.mock("./_components/member-price-form", () => ({ MemberPriceForm: () => null }));
vi.mock("./_components/price-lookup", () => ({ PriceLookup: () => "[price lookup]" }));
const { default: ProductsPage } = await import("./page");

// Under the client provider the layout gives: the product editor is a client component.
const page = async (searchParams: Record<string, string> = {}) =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale: "zh-CN",
      messages: zhCN,
      timeZone: "Asia/Shanghai",
      children: await ProductsPage({ params: Promise.resolve({ store: "tea" }), searchParams: Promise.resolve(searchParams) }),
    }),
  );

beforeEach(() => {
  role.current = "owner";
  list.current = { total: 1, products: [cup] };
  list.asked = [];
});

describe("the products page", () => {
  it("marks a member price the floor or regular price has since left outside, as the price lookup leaves it out", async () => {
    const html = await page();
    const cell = (tier: string) => new RegExp(`data-tier-price="${tier}">(.*?)</td>`).exec(html)?.[1] ?? "";
    expect(cell("silver")).toContain("<s");
    expect(cell("gold")).toContain("<s");
    expect(cell("silver")).toContain("不予采用：现已超出最低价与原价范围");
    expect(cell("diamond")).toBe("¥32.00");
  });

  it("offers the owner, not staff, the product's regular price, floor and stock to complete, as the table shows them", async () => {
    list.current = { total: 1, products: [{ ...cup, floorPrice: null, stock: 0, memberPrices: [] }] };
    const html = await page();
    expect(html).toContain("编辑 保温杯 的价格和库存");
    const input = (name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? "";
    expect(input("price")).toContain('value="35"');
    expect(input("price")).toContain('aria-label="保温杯 的原价"');
    expect(input("floorPrice")).toContain('value=""');
    expect(input("floorPrice")).toContain('placeholder="不设"');
    expect(input("stock")).toContain('value="0"');
    expect(html).toContain('name="seen" value="3500::0"');
    role.current = "staff";
    expect(await page()).not.toContain("的价格和库存");
  });

  it("tells the owner where a product's floor price and stock come from, an imported order's new product having neither", async () => {
    expect(await page()).toContain("也可在此设置；首次出现在导入订单中的商品以该行单价为原价，在此之前没有最低价，库存为 0。");
  });

  it("in a store with no products, says where they come from (the owner's imports page) instead of offering a lookup and a search of nothing", async () => {
    list.current = { total: 0, products: [] };
    const html = await page();
    expect(html).toContain('href="/s/tea/imports">导入页面</a>');
    expect(html).not.toContain("[price lookup]");
    expect(html).not.toContain('role="search"');
    // Staff cannot import: they are told who brings products in, with no link they may not follow.
    role.current = "staff";
    const staff = await page();
    expect(staff).toContain("还没有商品：商品会随店主导入的订单进入。");
    expect(staff).not.toContain("/s/tea/imports");
  });

  it("says how many products a search found, and leads back to all of them", async () => {
    list.current = { total: 3_000, products: [cup] };
    const html = await page({ q: "保温" });
    expect(html).toContain("[price lookup]");
    expect(html).toContain("共 3,000 个商品符合“保温”。");
    expect(html).toContain('href="/s/tea/products">显示全部商品</a>');

    // Spaces alone are no search: every product, with nothing said to match "   ".
    const blank = await page({ q: "   " });
    expect(blank).not.toContain("显示全部商品");
    expect(blank).not.toContain("个商品符合");

    list.current = { total: 0, products: [] };
    const none = await page({ q: "茶壶" });
    expect(none).toContain("没有商品符合“茶壶”：可试试名称或编号的一部分。");
    expect(none).toContain('role="search"');
    expect(none).toContain("显示全部商品");
  });

  it("offers the owner, not staff, the product's name to complete, saying the API's next sync of it puts its name back", async () => {
    list.current = { total: 1, products: [{ ...cup, name: "CUP-9", externalId: "CUP-9" }] };
    const html = await page();
    expect(html).toContain("重命名 CUP-9");
    const input = /<input[^>]*name="name"[^>]*>/.exec(html)?.[0] ?? "";
    expect(input).toContain('value="CUP-9"');
    expect(input).toContain('aria-label="CUP-9 的名称"');
    expect(input).toContain("required");
    expect(html).toContain('name="seen" value="CUP-9"');
    // The hint is the field's description, read with it.
    const hint = /aria-describedby="([^"]+)"/.exec(input)?.[1];
    expect(html).toContain(`id="${hint}" class="max-w-md text-xs text-stone-500">若再通过 API（POST /api/v1/products，按编号 CUP-9）发送此商品，会以所发送的名称替换这里的名称；之后导入的订单不会改动它。`);
    role.current = "staff";
    const staff = await page();
    expect(staff).not.toContain("重命名");
    expect(staff).not.toContain('name="name"');
  });

  it("pages by cursor, counting the store's products, and opens an old numbered page's link (?page=3) at the first page", async () => {
    list.current = { total: 100_000, products: [cup], nextCursor: "NEXT" };
    const first = await page({ page: "3" });
    expect(list.asked.at(-1)).toMatchObject({ cursor: undefined, before: undefined });
    expect(first).toContain("共 100,000 个商品");
    expect(first).toContain('rel="next" href="/s/tea/products?cursor=NEXT">下一页</a>');
    expect(first).not.toContain("上一页");
    expect(first).not.toContain("第一页");
    expect(first).not.toContain("超出最后一页");

    list.current = { total: 100_000, products: [cup], nextCursor: "NEXT", previousCursor: "PREV" };
    const deep = await page({ cursor: "HERE", q: "杯" });
    expect(list.asked.at(-1)).toMatchObject({ cursor: "HERE", q: "杯" });
    expect(deep).toContain('rel="prev" href="/s/tea/products?q=%E6%9D%AF&amp;before=PREV">上一页</a>');
    expect(deep).toContain('href="/s/tea/products?q=%E6%9D%AF">第一页</a>');

    // Past the last page (its products gone since): said so, with the way to the first.
    list.current = { total: 3, products: [] };
    expect(await page({ cursor: "GONE" })).toContain("此页已超出最后一页。");
  });

  it("opens the first page for a cursor it did not give out, and says the link is no longer valid", async () => {
    const html = await page({ cursor: "forged" });
    expect(list.asked.map((a) => a.cursor)).toEqual(["forged", undefined]);
    expect(html).toContain("翻页参数无效，请从第一页重新开始。");
    expect(html).toContain("保温杯");
  });
});
