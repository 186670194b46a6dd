import { describe, expect, it, vi } from "vitest";
import type { StoreContext } from "@/lib/stores/context";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as StoreContext | null }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx }));
const { GET } = await import("./route");

const get = (query = "") => GET(new Request(`http://laoke.test/s/demo/dashboard/data?${query}`), { params: Promise.resolve({ store: "demo" }) });
const ctx = (role: "owner" | "staff") => ({ store: { id: 1, slug: "demo" }, role, userId: 1 }) as unknown as StoreContext;

describe("a dashboard chart download's refusals", () => {
  it("say what is wrong in the reader's language, never in English", async () => {
    session.ctx = null;
    const missing = await get("chart=tiers");
    expect([missing.status, await missing.text()]).toEqual([404, "找不到该页面或内容。"]);
    session.ctx = ctx("staff");
    const staff = await get("chart=tiers");
    expect([staff.status, await staff.text()]).toEqual([403, "您在本店的角色无权进行此操作。"]);
    session.ctx = ctx("owner");
    const unknown = await get("chart=no-such-chart");
    expect([unknown.status, await unknown.text()]).toEqual([400, "此链接无效，请回到页面后重试。"]);
  });
});
