import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { customerScores } from "@/db/schema";
import { createFlashSale } from "@/lib/flash-sales/commands";
import { draft, HOUR, makeProduct, makeTieredCustomer } from "@/lib/flash-sales/test-helpers";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as unknown as StoreContext }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx }));
const { GET } = await import("./route");

describe("a flash sale's reminder list as CSV", () => {
  it("reads in the reader's language: headers, tiers, yes/no, and times in the store's zone", async () => {
    const ctx = await makeStore("remindcsv");
    session.ctx = ctx;
    const product = await makeProduct(ctx);
    const { id } = await createFlashSale(ctx, product.id, draft(new Date(Date.now() + HOUR), { earlyAccessTier: "gold", earlyAccessMinutes: 30 }));
    const gold = await makeTieredCustomer(ctx, "G-1", "gold", true);
    await makeTieredCustomer(ctx, "D-1", "diamond", false);
    // 18:30 in Shanghai, the store's zone.
    await getDb()
      .update(customerScores)
      .set({ lastOrderAt: new Date("2026-07-01T10:30:00Z") })
      .where(and(eq(customerScores.storeId, ctx.store.id), eq(customerScores.customerId, gold)));

    const response = await GET(new Request("http://test/"), { params: Promise.resolve({ store: ctx.store.slug, id: String(id) }) });
    expect(response.status).toBe(200);
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("客户编号,客户,等级,得分,优质客户,最近下单时间（Asia/Shanghai）,本场已抢件数");
    expect(lines.slice(1)).toEqual(["D-1,D-1,钻石,80,否,,0", "G-1,G-1,金牌,65,是,2026-07-01 18:30,0"]);
  });

  it("refuses a sale of another store with a sentence, not a stack of JSON", async () => {
    session.ctx = await makeStore("remindcsv");
    const response = await GET(new Request("http://test/"), { params: Promise.resolve({ store: session.ctx.store.slug, id: "999999" }) });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("text/plain");
  });
});
