import { describe, expect, it, vi } from "vitest";
import type { StoreContext } from "@/lib/stores/context";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as StoreContext | null }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx }));
const { GET } = await import("./route");

const get = (query = "") => GET(new Request(`http://laoke.test/s/demo/customers/export?${query}`), { params: Promise.resolve({ store: "demo" }) });

describe("the customers download's refusals", () => {
  it("say what is wrong in the reader's language, never in English", async () => {
    session.ctx = null;
    const missing = await get();
    expect([missing.status, await missing.text()]).toEqual([404, "找不到该页面或内容。"]);
    session.ctx = { store: { id: 1, slug: "demo", currency: "CNY" }, role: "owner", userId: 1 } as unknown as StoreContext;
    const bad = await get("tier=platinum");
    expect([bad.status, await bad.text()]).toEqual([400, "此链接无效，请回到页面后重试。"]);
  });
});
