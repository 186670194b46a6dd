import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import type { StoreContext } from "@/lib/stores/context";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as StoreContext | null }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx }));
const stored = vi.hoisted(() => ({ job: null as unknown }));
vi.mock("@/lib/imports/run-import", () => ({
  getImport: async () => {
    if (!stored.job) throw new AppError("not_found", "No such import in this store.", "errors.noSuchImport");
    return stored.job;
  },
}));
const { GET } = await import("./route");

const owner = { store: { id: 1, slug: "demo" }, role: "owner", userId: 1 } as unknown as StoreContext;
const get = () => GET(new Request("http://laoke.test/s/demo/imports/7/errors"), { params: Promise.resolve({ store: "demo", id: "7" }) });

describe("an import's error report download", () => {
  beforeEach(() => {
    session.ctx = owner;
    stored.job = null;
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

  it("says how many reasons it leaves out when the import kept only the first ones", async () => {
    const reason = (row: number) => ({ row, column: "quantity", message: "0 is below 1", key: "importReasons.below", values: { value: 0, min: 1 } });
    stored.job = { id: 7, errorCount: 1_500, errors: [reason(2), reason(3)], createdAt: new Date(), startedAt: null, finishedAt: null, message: null };
    const report = await (await get()).text();
    expect(report.split("\r\n")).toEqual(["行,列,原因", "2,quantity,0 小于 1", "3,quantity,0 小于 1", ',,"……另有 1,498 条未列出：修正以上各行后重新导入即可看到。"', ""]);
  });
});
