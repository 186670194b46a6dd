import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

// The products page as an owner reads it, in Chinese: one product whose regular price was
// lowered (through the API) after its member prices were set.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
vi.mock("@/lib/auth/session", () => ({
  requireStore: async () => ({ store: { id: 1, slug: "tea", name: "Tea", currency: "CNY", timezone: "Asia/Shanghai" }, role: "owner", userId: 1 }),
}));
vi.mock("@/lib/pricing/member-prices", () => ({
  listProductsWithPrices: async () => ({
    total: 1,
    products: [{
      id: 1, externalId: "P1", name: "保温杯", price: 3_500, floorPrice: 3_000, stock: 10,
      memberPrices: [
        { tier: "silver", fixedPrice: null, percentOff: 20, price: 2_800 }, // below the floor now
        { tier: "gold", fixedPrice: 4_500, percentOff: null, price: 4_500 }, // above the regular price now
        { tier: "diamond", fixedPrice: 3_200, percentOff: null, price: 3_200 },
      ],
    }],
  }),
}));
vi.mock("@/lib/pricing/product-choices", () => ({ productChoices: async () => [] }));
vi.mock("./actions", () => ({ saveMemberPricesAction: async () => ({ ok: true, data: null }) }));
vi.mock("./_components/member-price-form", () => ({ MemberPriceForm: () => null }));
vi.mock("./_components/price-lookup", () => ({ PriceLookup: () => null }));
const { default: ProductsPage } = await import("./page");

const page = async () =>
  renderToStaticMarkup(await ProductsPage({ params: Promise.resolve({ store: "tea" }), searchParams: Promise.resolve({}) }));

describe("the products page", () => {
  it("marks a member price the floor or regular price has since left outside, as the price lookup leaves it out", async () => {
    const html = await page();
    const cell = (tier: string) => new RegExp(`data-tier-price="${tier}">(.*?)</td>`).exec(html)?.[1] ?? "";
    expect(cell("silver")).toContain("<s");
    expect(cell("gold")).toContain("<s");
    expect(cell("silver")).toContain("不予采用：现已超出最低价与原价范围");
    expect(cell("diamond")).toBe("¥32.00");
  });
});
