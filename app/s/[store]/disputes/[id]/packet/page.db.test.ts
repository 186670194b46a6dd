import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { commentOnDispute, fileDispute, startReview, submitDispute } from "@/lib/disputes/commands";
import type { StoreContext } from "@/lib/stores/context";
import { makeNewYorkStore, makeStore } from "@/tests/factories";
import { renderServer } from "@/tests/render-server";

// The packet's page as a reader of the Chinese console gets it, and the file it saves.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
vi.mock("next/navigation", () => import("@/tests/fake-navigation"));
vi.mock("@/components/client-messages", () => ({ ClientMessages: ({ children }: { children: unknown }) => children }));
const session = vi.hoisted(() => ({ ctx: null as unknown as StoreContext }));
vi.mock("@/lib/auth/session", () => ({ requireStore: async () => session.ctx, findActionStoreContext: async () => session.ctx }));
const { default: PacketPage, generateMetadata } = await import("./page");
const { GET } = await import("./download/route");

type Query = Record<string, string>;
const page = (ctx: StoreContext, id: number, query: Query = {}) =>
  PacketPage({ params: Promise.resolve({ store: ctx.store.slug, id: String(id) }), searchParams: Promise.resolve(query) }).then(renderServer);
const packetOf = (html: string) => /data-testid="case-packet"[^>]*>(.*)<\/article>/s.exec(html)![1]!;
const saved = async (ctx: StoreContext, id: number, query: string) => {
  const response = await GET(new Request(`http://laoke.test/s/${ctx.store.slug}/disputes/${id}/packet/download${query}`), {
    params: Promise.resolve({ store: ctx.store.slug, id: String(id) }),
  });
  expect(response.status).toBe(200);
  return response.text();
};
/** The facts table's rows, "label: value", markup dropped. */
const facts = (html: string) =>
  [...html.matchAll(/<tr><th>([^<]+)<\/th><td[^>]*>([^<]*)<\/td><\/tr>/g)].map(([, label, value]) => `${label}: ${value}`);

describe("the case packet's page", () => {
  it("writes the packet in the language chosen, whatever the console's, its times still in the store's zone", async () => {
    const ctx = await makeNewYorkStore("packet-lang");
    session.ctx = ctx;
    const { id } = await fileDispute(ctx, { type: "unfair_platform_treatment", title: "Funds frozen", description: "The platform froze our payout.", amountAtStake: 10_000 });
    await getDb().execute(sql`update disputes set deadline_at = ${new Date("2030-07-01T22:00:00Z")} where store_id = ${ctx.store.id} and id = ${id}`);

    // By default, the console's language.
    const chinese = await page(ctx, id);
    expect(facts(packetOf(chinese))).toContain("答复期限: 2030年7月1日 18:00");
    expect(chinese).not.toContain("Response deadline");

    // In English on a Chinese console: the packet alone; the page around it stays Chinese.
    const english = await page(ctx, id, { lang: "en" });
    const packet = packetOf(english);
    expect(english).toContain('<article class="packet" lang="en">');
    expect(facts(packet)).toContain("Response deadline: Jul 1, 2030, 6:00 PM");
    expect(packet).toContain("Times are in the store&#39;s time zone, America/New_York (GMT-5 / GMT-4).");
    expect(packet).toContain("Prepared by NY gifts on ");
    expect(packet).not.toMatch(/\p{Script=Han}/u);
    expect(english).toContain(">打印</button>");
    expect(english).toContain(">材料语言</span>");
    // The language switch says which is shown, and the file saved from here is in that language.
    expect(english).toMatch(/<a[^>]*aria-current="true"[^>]*lang="en"[^>]*>English<\/a>|<a[^>]*lang="en"[^>]*aria-current="true"[^>]*>English<\/a>/);
    expect(english).toContain(`href="/s/${ctx.store.slug}/disputes/${id}/packet/download?lang=en"`);
    // The tab's title too, which a browser prints at the top of each page.
    const title = (query: Query) => generateMetadata({ params: Promise.resolve({ store: ctx.store.slug, id: String(id) }), searchParams: Promise.resolve(query) }).then((m) => m.title);
    expect([await title({ lang: "en" }), await title({})]).toEqual([`Case packet · #${id} Funds frozen`, `案件材料 · #${id} Funds frozen`]);
    const file = await saved(ctx, id, "?lang=en");
    expect(file).toContain('<html lang="en">');
    expect(facts(file)).toContain("Response deadline: Jul 1, 2030, 6:00 PM");

    // And back: Chinese chosen in the URL over an English reader's console is the same packet as by default.
    expect(facts(packetOf(await page(ctx, id, { lang: "zh-CN" })))).toEqual(facts(packetOf(chinese)));
  });

  it("says the response deadline has passed, and since when, as the queue marks the dispute overdue", async () => {
    const ctx = await makeStore("packet-overdue");
    session.ctx = ctx;
    const { id } = await fileDispute(ctx, { type: "unfair_platform_treatment", title: "货款被冻结", description: "平台以发货延迟为由冻结货款。", amountAtStake: 10_000 });
    const passed = new Date(Date.now() - 3 * 86_400_000 - 3_600_000);
    await getDb().execute(sql`update disputes set deadline_at = ${passed} where store_id = ${ctx.store.id} and id = ${id}`);
    const deadline = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(passed);

    const html = packetOf(await page(ctx, id));
    expect(facts(html)).toContain(`答复期限: ${deadline}（已过期，逾期 3 天）`);
    expect(html).toContain('<td class="overdue" data-overdue>');
    const english = packetOf(await page(ctx, id, { lang: "en" }));
    expect(facts(english).find((f) => f.startsWith("Response deadline:"))).toMatch(/: passed, overdue for 3 days$/);

    // A deadline still ahead is the time alone.
    await getDb().execute(sql`update disputes set deadline_at = ${new Date(Date.now() + 86_400_000)} where store_id = ${ctx.store.id} and id = ${id}`);
    expect(packetOf(await page(ctx, id))).not.toMatch(/已过期|data-overdue/);
  });

  it("leaves the staff's comments out when asked, and says so; by default the whole history", async () => {
    const ctx = await makeStore("packet-comments");
    session.ctx = ctx;
    const { id } = await fileDispute(ctx, { type: "unfair_platform_treatment", title: "货款被冻结", description: "平台以发货延迟为由冻结货款。", amountAtStake: 10_000 }, { draft: true });
    await commentOnDispute(ctx, id, "内部：这家平台客服态度很差");
    await submitDispute(ctx, id);
    await commentOnDispute(ctx, id, "内部：先别提赔偿");
    await startReview(ctx, id);

    const whole = await page(ctx, id);
    expect(packetOf(whole)).toContain("内部：这家平台客服态度很差");
    expect(packetOf(whole)).not.toContain("data-comments-left-out");
    expect(whole).toContain(`href="/s/${ctx.store.slug}/disputes/${id}/packet?lang=zh-CN&amp;comments=omit"`);

    const without = await page(ctx, id, { comments: "omit" });
    const packet = packetOf(without);
    expect(packet).not.toContain("内部：");
    expect(packet).toContain('<p class="meta" data-comments-left-out>本记录未列出店铺员工的 2 条评论。</p>');
    // The rest of the history stays, in order.
    expect(packet).toMatch(/已提交[^]*开始审核/);
    expect(without).toContain(`href="/s/${ctx.store.slug}/disputes/${id}/packet/download?lang=zh-CN&amp;comments=omit"`);
    // The saved file, in either language, leaves them out too.
    const file = await saved(ctx, id, "?lang=en&comments=omit");
    expect(file).not.toContain("内部：");
    expect(file).toContain("2 comments by the store&#39;s staff are left out of this history.");
  });
});
