import { sql } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { createFlashSale } from "@/lib/flash-sales/commands";
import { draft, HOUR, makeProduct } from "@/lib/flash-sales/test-helpers";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { inChinese } from "@/tests/render-server";

// The flash sales list as an owner reads it, in Chinese, over the store's real sales: what is
// running and coming, then the past sales 50 a page.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as unknown as StoreContext }));
vi.mock("@/lib/auth/session", () => ({ requireStore: async () => session.ctx }));
// The countdown is a client component ticking in the browser: its words are its own tests'.
vi.mock("./_components/sale-timing", () => ({ SaleTiming: () => null }));
const { default: FlashSalesPage } = await import("./page");

const DAY = 24 * HOUR;

async function render(query: Record<string, string> = {}) {
  const html = renderToStaticMarkup(
    inChinese(await FlashSalesPage({ params: Promise.resolve({ store: session.ctx.store.slug }), searchParams: Promise.resolve(query) })),
  );
  const section = (testId: string) => new RegExp(`data-testid="${testId}".*?</section>`, "s").exec(html)?.[0] ?? "";
  const past = section("past-sales");
  const rowIds = (part: string) => [...part.matchAll(/data-testid="flash-sale-row" data-sale-id="(\d+)"/g)].map((m) => Number(m[1]));
  const link = (name: string) => {
    const attributes = new RegExp(`<a ([^>]*)>${name}</a>`).exec(past)?.[1];
    if (attributes === undefined) return null;
    const attribute = (a: string) => new RegExp(`${a}="([^"]*)"`).exec(attributes)?.[1]?.replaceAll("&amp;", "&");
    return { href: attribute("href")!, rel: attribute("rel") };
  };
  const queryOf = (href: string) => Object.fromEntries(new URL(href, "http://x").searchParams);
  return { html, past, pastIds: rowIds(past), liveIds: rowIds(section("group-live")), scheduledIds: rowIds(section("group-scheduled")), link, queryOf };
}

/** `ended` sales over on past days (every 12th cancelled instead), one a day, and a live and an upcoming one. */
async function storeWithPastSales(ended: number) {
  const ctx = await makeStore("fs-page");
  session.ctx = ctx;
  const product = await makeProduct(ctx, { stock: 1_000 });
  await getDb().execute(sql`
    insert into flash_sales (store_id, product_id, price, quantity, starts_at, ends_at, cancelled_at)
    select ${ctx.store.id}, ${product.id}, 7900, 5, ${new Date(Date.now() - 5 * HOUR)}::timestamptz - k * interval '1 day',
           ${new Date(Date.now() - 4 * HOUR)}::timestamptz - k * interval '1 day',
           case when k % 12 = 0 then ${new Date(Date.now() - 6 * HOUR)}::timestamptz - k * interval '1 day' end
      from generate_series(1, ${ended}) k`);
  const live = await createFlashSale(ctx, product.id, draft(new Date(Date.now() - HOUR), { endsAt: new Date(Date.now() + HOUR) }));
  const upcoming = await createFlashSale(ctx, product.id, draft(new Date(Date.now() + DAY)));
  const { rows } = await getDb().execute<{ id: number }>(sql`
    select id from flash_sales where store_id = ${ctx.store.id} and id not in (${live.id}, ${upcoming.id}) order by starts_at desc, id desc`);
  return { live: live.id, upcoming: upcoming.id, pastIds: rows.map((r) => Number(r.id)) };
}

describe("the flash sales page", () => {
  it("lists what runs and what is coming on every page, and the past sales 50 a page, newest first, with links to older and newer", async () => {
    const { live, upcoming, pastIds } = await storeWithPastSales(60);

    const first = await render();
    expect(first.liveIds).toEqual([live]);
    expect(first.scheduledIds).toEqual([upcoming]);
    expect(first.pastIds).toEqual(pastIds.slice(0, 50));
    expect(first.past).toContain("第 1–50 场，共 60 场");
    expect(first.past).toContain('aria-label="往期抢购分页"');
    // A cancelled one says so in its row.
    expect(first.past).toContain('data-status="cancelled"');
    const older = first.link("更早的往期抢购")!;
    expect(older.rel).toBe("next");
    expect(older.href).toMatch(new RegExp(`^/s/${session.ctx.store.slug}/flash-sales\\?cursor=[\\w-]+#past-sales$`));
    expect(first.link("较新的往期抢购")).toBeNull();
    expect(first.link("回到最新")).toBeNull();

    const second = await render(first.queryOf(older.href));
    expect(second.liveIds).toEqual([live]);
    expect(second.scheduledIds).toEqual([upcoming]);
    expect(second.pastIds).toEqual(pastIds.slice(50));
    expect(second.past).toContain("第 51–60 场，共 60 场");
    expect(second.link("更早的往期抢购")).toBeNull();
    expect(second.link("回到最新")!.href).toBe(`/s/${session.ctx.store.slug}/flash-sales#past-sales`);
    const newer = second.link("较新的往期抢购")!;
    expect(newer.rel).toBe("prev");
    expect((await render(second.queryOf(newer.href))).pastIds).toEqual(pastIds.slice(0, 50));
  });

  it("says when there is no past sale yet, when a page is empty, and when a page link was not one it gave out", async () => {
    const { pastIds } = await storeWithPastSales(0);
    expect(pastIds).toEqual([]);
    const none = await render();
    expect(none.past).toContain("还没有往期抢购：抢购结束或取消后会列在这里。");
    expect(none.past).not.toContain("<table");

    const { pastIds: three } = await storeWithPastSales(3);
    const first = await render();
    expect(first.pastIds).toEqual(three);
    expect(first.link("更早的往期抢购")).toBeNull();
    // Past the oldest sale (a link kept from before): nothing there, and the way back.
    const oldest = Buffer.from(JSON.stringify([String(BigInt(Date.now() - 1_000 * DAY) * 1000n), 1])).toString("base64url");
    const beyond = await render({ cursor: oldest });
    expect(beyond.pastIds).toEqual([]);
    expect(beyond.past).toContain("这一页没有往期抢购。");
    expect(beyond.link("回到最新")).not.toBeNull();

    const forged = await render({ cursor: "not-a-cursor" });
    expect(forged.past).toContain("翻页参数无效，请从第一页重新开始。");
    expect(forged.pastIds).toEqual(three);
  });
});
