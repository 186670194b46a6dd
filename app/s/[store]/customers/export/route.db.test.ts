import { describe, expect, it, vi } from "vitest";
import { recomputeScores } from "@/lib/customers/recompute";
import type { StoreContext } from "@/lib/stores/context";
import { makeNewYorkStore, makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as StoreContext | null }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx }));
const { GET } = await import("./route");

/** The store's download as its owner, split into the header and the first customer's row. */
async function download(ctx: StoreContext) {
  session.ctx = ctx;
  const response = await GET(new Request(`http://laoke.test/s/${ctx.store.slug}/customers/export`), {
    params: Promise.resolve({ store: ctx.store.slug }),
  });
  return (await response.text()).trim().split(/\r?\n/).map((line) => line.split(","));
}

describe("the customers download", () => {
  it("rounds the average order value in minor units, as the pages do", async () => {
    const ctx = await makeStore("export");
    const d = storeData(ctx);
    // 501.5 fen: rounded after dividing by 100, it was 5.01499… yuan, written 5.01; the pages say ¥5.02.
    await d.order("A", "2026-05-01T12:00:00Z", 501);
    await d.order("A", "2026-05-02T12:00:00Z", 502);
    await recomputeScores(ctx.store.id, { asOf: new Date("2026-06-30T12:00:00Z") });
    const [header, row] = await download(ctx);
    const column = header!.indexOf("客单价（CNY）");
    expect(row![column]).toBe("5.02");
  });

  it("rounds the average order value once, from the spend and the orders", async () => {
    const ctx = await makeStore("export-aov");
    const d = storeData(ctx);
    // 10,150 fen over 101 orders is 100.495… fen: the API's hundredths make it 100.50, and rounding
    // that again gave ¥1.01 where the average is ¥1.00.
    for (let i = 0; i < 101; i++) await d.order("B", `2026-05-01T${String(i % 24).padStart(2, "0")}:${String(Math.floor(i / 24)).padStart(2, "0")}:00Z`, i === 0 ? 150 : 100);
    await recomputeScores(ctx.store.id, { asOf: new Date("2026-06-30T12:00:00Z") });
    const [header, row] = await download(ctx);
    expect(row![header!.indexOf("订单数")]).toBe("101");
    expect(row![header!.indexOf("客单价（CNY）")]).toBe("1");
  });

  it("reads as the list does: headers, tiers, yes/no and gates in the reader's language, times in the store's zone", async () => {
    const ctx = await makeStore("export-words");
    const d = storeData(ctx);
    await d.order("C", "2026-05-01T12:00:00Z", 10000);
    await d.order("C", "2026-05-02T17:30:00Z", 10000);
    await recomputeScores(ctx.store.id, { asOf: new Date("2026-06-30T12:00:00Z") });
    const [header, row] = await download(ctx);
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(header!.slice(0, 8)).toEqual(["客户编号", "客户", "等级", "得分", "优质客户", "未通过的门槛", "复购客户", "订单数"]);
    expect(cell("等级")).toMatch(/^(普通|银牌|金牌|钻石|皇冠)$/);
    expect([cell("复购客户"), cell("未通过的门槛")]).toEqual(["是", ""]);
    // 17:30 UTC is 01:30 the next day in Shanghai, the store's zone, named in the header.
    expect(cell("最近下单时间（Asia/Shanghai）")).toBe("2026-05-03 01:30");
    expect(cell("评分时点（Asia/Shanghai）")).toBe("2026-06-30 20:00");
    expect(cell("净消费（CNY）")).toBe("200");
  });

  it("writes a time the store's clock shows twice with its offset, so the night it goes back's two 01:30s read apart", async () => {
    const ctx = await makeNewYorkStore("export-ny");
    const d = storeData(ctx);
    // New York goes back from 02:00 EDT to 01:00 EST on 1 November 2026: 01:30 comes at 05:30 and 06:30 UTC.
    await d.order("D", "2026-11-01T05:30:00Z", 10000);
    await d.order("E", "2026-11-01T06:30:00Z", 10000);
    await recomputeScores(ctx.store.id, { asOf: new Date("2026-11-01T07:30:00Z") });
    const [header, ...rows] = await download(ctx);
    const column = header!.indexOf("最近下单时间（America/New_York）");
    const lastOrders = rows.map((row) => row[column]).sort();
    expect(lastOrders).toEqual(["2026-11-01 01:30-04:00", "2026-11-01 01:30-05:00"]);
    // Any other hour reads as before.
    expect(rows[0]![header!.indexOf("评分时点（America/New_York）")]).toBe("2026-11-01 02:30");
  });
});
