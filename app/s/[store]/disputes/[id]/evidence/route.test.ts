import { describe, expect, it, vi } from "vitest";
import type { StoreContext } from "@/lib/stores/context";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as StoreContext | null }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx }));
const { POST } = await import("./route");

const post = (id: string) =>
  POST(new Request(`http://laoke.test/s/demo/disputes/${id}/evidence?name=${encodeURIComponent("文件.pdf")}`, { method: "POST", body: "x" }), {
    params: Promise.resolve({ store: "demo", id }),
  });

describe("an evidence upload's refusal", () => {
  it("is worded in the reader's language, as the page shows it after the file's name", async () => {
    session.ctx = null;
    expect((await (await post("7")).json()).error.message).toBe("找不到该页面或内容。");
    session.ctx = { store: { id: 1, slug: "demo" }, role: "staff", userId: 1 } as unknown as StoreContext;
    const response = await post("not-a-number");
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toBe("找不到该页面或内容。");
  });
});
