import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StoreContext } from "@/lib/stores/context";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as StoreContext | null }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx }));
const { routeStoreContext } = await import("./route-context");

const staff = { store: { id: 1, slug: "demo" }, role: "staff", userId: 2 } as unknown as StoreContext;

describe("a store route's refusal", () => {
  beforeEach(() => {
    session.ctx = null;
  });

  it("tells a non-member the page was not found, in the reader's language", async () => {
    const refused = (await routeStoreContext("demo", "staff")) as Response;
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({ error: { code: "not_found", message: "找不到该页面或内容。", details: [] } });
  });

  it("tells staff that their role does not allow an owner's route", async () => {
    session.ctx = staff;
    const refused = (await routeStoreContext("demo", "owner")) as Response;
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toBe("您在本店的角色无权进行此操作。");
    expect(await routeStoreContext("demo", "staff")).toBe(staff);
  });
});
