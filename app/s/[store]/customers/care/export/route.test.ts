import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StoreContext } from "@/lib/stores/context";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as StoreContext | null }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx }));
vi.mock("@/lib/memberships/lapsed", () => ({ rescoreIfMembershipsLapsed: async () => false }));
vi.mock("@/lib/recommendations/recommend", () => ({
  campaignPage: async () => ({
    customers: [
      {
        externalId: "C-1",
        name: "王芳",
        tier: "gold",
        recommendations: [{ rank: 1, productExternalId: "P-2", productName: "绿茶", via: { name: "红茶" }, customers: 12 }],
      },
    ],
    nextAfterId: null,
  }),
}));
const { GET } = await import("./route");

const owner = { store: { id: 1, slug: "demo" }, role: "owner", userId: 1 } as unknown as StoreContext;
const get = (query = "segment=gold") => GET(new Request(`http://laoke.test/s/demo/customers/care/export?${query}`), { params: Promise.resolve({ store: "demo" }) });

describe("the campaign list download", () => {
  beforeEach(() => {
    session.ctx = owner;
  });

  it("names each customer's tier in the reader's language, as its headers are", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toContain("等级");
    expect(lines[1]).toContain(",金牌,");
    expect(lines[1]).not.toContain("gold");
    // The last column counts the customers who bought both products: not a score.
    expect(lines[0]!.split(",").at(-1)).toBe("同买客户数");
    expect(lines[1]!.split(",").at(-1)).toBe("12");
  });

  it("refuses in the reader's language, never in English", async () => {
    session.ctx = null;
    const missing = await get();
    expect([missing.status, await missing.text()]).toEqual([404, "找不到该页面或内容。"]);
    session.ctx = { ...owner, role: "staff" } as StoreContext;
    const staff = await get();
    expect([staff.status, await staff.text()]).toEqual([403, "您在本店的角色无权进行此操作。"]);
    session.ctx = owner;
    const bad = await get("segment=platinum");
    expect([bad.status, await bad.text()]).toEqual([400, "此链接无效，请回到页面后重试。"]);
    expect(bad.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });
});
