import { describe, expect, it, vi } from "vitest";
import { notFound } from "@/lib/errors";
import type { StoreContext } from "@/lib/stores/context";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as StoreContext | null }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx }));
vi.mock("@/lib/disputes/evidence", () => ({
  openEvidence: async () => {
    throw notFound("No such evidence file in this store.");
  },
}));
const { GET } = await import("./route");

const get = (id: string, evidenceId: string) =>
  GET(new Request(`http://laoke.test/s/demo/disputes/${id}/evidence/${evidenceId}`), { params: Promise.resolve({ store: "demo", id, evidenceId }) });

describe("an evidence download's refusals", () => {
  it("say what is wrong in the reader's language, as a plain sentence, never in English", async () => {
    session.ctx = null;
    const stranger = await get("7", "3");
    expect([stranger.status, await stranger.text()]).toEqual([404, "找不到该页面或内容。"]);
    expect(stranger.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    session.ctx = { store: { id: 1, slug: "demo" }, role: "staff", userId: 1 } as unknown as StoreContext;
    const malformed = await get("7", "not-a-number");
    expect([malformed.status, await malformed.text()]).toEqual([404, "找不到该页面或内容。"]);
    const missing = await get("7", "3");
    expect([missing.status, await missing.text()]).toEqual([404, "找不到该页面或内容。"]);
  });
});
