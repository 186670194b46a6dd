import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import type { StoreContext } from "@/lib/stores/context";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as StoreContext | null }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx }));
vi.mock("@/lib/imports/run-import", () => ({
  getImport: async () => {
    throw new AppError("not_found", "No such import in this store.", "errors.noSuchImport");
  },
}));
const { GET } = await import("./route");

const owner = { store: { id: 1, slug: "demo" }, role: "owner", userId: 1 } as unknown as StoreContext;
const get = () => GET(new Request("http://laoke.test/s/demo/imports/7/errors"), { params: Promise.resolve({ store: "demo", id: "7" }) });

describe("an import's error report download", () => {
  beforeEach(() => {
    session.ctx = owner;
  });

  it("refuses in the reader's language, as a plain sentence, never in English", async () => {
    const unknown = await get();
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await unknown.text()).not.toMatch(/[A-Za-z]{3}/);
    session.ctx = null;
    expect(await (await get()).text()).toBe("找不到该页面或内容。");
    session.ctx = { ...owner, role: "staff" } as StoreContext;
    const staff = await get();
    expect([staff.status, await staff.text()]).toEqual([403, "您在本店的角色无权进行此操作。"]);
  });
});
