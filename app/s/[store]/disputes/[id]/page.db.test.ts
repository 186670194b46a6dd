import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { commentOnDispute, fileDispute, overrideDeadline } from "@/lib/disputes/commands";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { renderServer } from "@/tests/render-server";

// A dispute's page as a reader of the Chinese console gets it: a page of its history, and what
// depends on the whole history still true of the whole.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
vi.mock("next/navigation", () => import("@/tests/fake-navigation"));
vi.mock("@/components/client-messages", () => ({ ClientMessages: ({ children }: { children: unknown }) => children }));
const session = vi.hoisted(() => ({ ctx: null as unknown as StoreContext }));
vi.mock("@/lib/auth/session", () => ({ requireStore: async () => session.ctx, findActionStoreContext: async () => session.ctx }));
const { default: DisputePage } = await import("./page");
const { loadPacket } = await import("./packet/load-packet");
const { casePacketDocument } = await import("./packet/packet-html");

const page = (ctx: StoreContext, id: number, query: Record<string, string> = {}) =>
  DisputePage({ params: Promise.resolve({ store: ctx.store.slug, id: String(id) }), searchParams: Promise.resolve(query) }).then(renderServer);
const historyKinds = (html: string) => [...(/data-testid="history">(.*?)<\/ol>/s.exec(html)?.[1] ?? "").matchAll(/<li[^>]*data-kind="([a-z_]+)"/g)].map((m) => m[1]);
const historyBodies = (html: string) => [...(/data-testid="history">(.*?)<\/ol>/s.exec(html)?.[1] ?? "").matchAll(/<p>评论：(Remark \d+)<\/p>/g)].map((m) => m[1]);
const link = (html: string, text: string) => new RegExp(`<a [^>]*href="([^"]*)"[^>]*>${text}</a>`).exec(html)?.[1]?.replaceAll("&amp;", "&");
const query = (href: string) => Object.fromEntries(new URL(href, "http://laoke.test").searchParams);

const t0 = new Date("2026-03-01T02:00:00Z");

describe("a dispute's page with a long history", () => {
  it("shows the latest events with how many there are, pages back and forth, and keeps the deadline's reason and the packet whole", async () => {
    const ctx = await makeStore("dpage-long");
    session.ctx = ctx;
    const { id } = await fileDispute(ctx, { type: "unfair_platform_treatment", title: "Payout frozen", description: "The platform froze our payout without a reason.", amountAtStake: 10_000 }, { now: t0 });
    // Set by hand early on, then buried under 118 remarks.
    await overrideDeadline(ctx, id, { deadlineAt: new Date("2030-04-30T10:00:00Z"), reason: "平台同意延期答复" }, { now: new Date(t0.getTime() + 60_000) });
    await getDb().execute(sql`
      insert into dispute_events (store_id, dispute_id, kind, data, at)
      select ${ctx.store.id}, ${id}, 'comment', jsonb_build_object('body', 'Remark ' || n), ${t0}::timestamptz + interval '1 hour' + n * interval '1 minute'
      from generate_series(1, 118) n`);

    const latest = await page(ctx, id);
    expect(historyKinds(latest)).toHaveLength(50);
    expect(historyBodies(latest).at(0)).toBe("Remark 69");
    expect(historyBodies(latest).at(-1)).toBe("Remark 118");
    expect(latest).toContain("第 72–121 条，共 121 条");
    // The comments beside it: the latest ten, and how many there are in all.
    expect(latest).toContain("显示最新 10 条评论，共 118 条；全部评论都在处理记录中。");
    // The deadline was set by hand 118 events ago: the page still says so, not the 7-day rule.
    expect(/data-testid="deadline-rule"[^>]*>([^<]*)</.exec(latest)?.[1]).toBe("人工设定：平台同意延期答复");
    expect(link(latest, "更晚的记录")).toBeUndefined();
    expect(link(latest, "最新记录")).toBeUndefined();

    const earlierHref = link(latest, "更早的记录")!;
    expect(earlierHref).toMatch(new RegExp(`^/s/${ctx.store.slug}/disputes/${id}\\?before=[^#]+#history$`));
    const middle = await page(ctx, id, query(earlierHref));
    expect(historyBodies(middle)).toEqual(Array.from({ length: 50 }, (_, i) => `Remark ${19 + i}`));
    expect(middle).toContain("第 22–71 条，共 121 条");
    const first = await page(ctx, id, query(link(middle, "更早的记录")!));
    expect(historyKinds(first).slice(0, 3)).toEqual(["created", "submitted", "deadline_changed"]);
    expect(historyBodies(first).at(-1)).toBe("Remark 18");
    expect(first).toContain("第 1–21 条，共 121 条");
    expect(link(first, "更早的记录")).toBeUndefined();
    expect(link(first, "最新记录")).toBe(`/s/${ctx.store.slug}/disputes/${id}#history`);
    // And forward again, a page at a time, to the latest.
    const back = await page(ctx, id, query(link(first, "更晚的记录")!));
    expect(historyBodies(back)).toEqual(historyBodies(middle));
    expect(historyBodies(await page(ctx, id, query(link(back, "更晚的记录")!)))).toEqual(historyBodies(latest));

    // A link that is no longer a position says so and shows the latest.
    const stale = await page(ctx, id, { before: "not-a-position" });
    expect(stale).toContain("该页处理记录已失效，现显示最新记录。");
    expect(historyBodies(stale)).toEqual(historyBodies(latest));

    // The case packet keeps every event.
    const packet = casePacketDocument(await loadPacket(ctx, id));
    for (const n of [1, 18, 69, 118]) expect(packet).toContain(`Remark ${n}<`);
  });

  it("has no pager for a history on one page", async () => {
    const ctx = await makeStore("dpage-short");
    session.ctx = ctx;
    const { id } = await fileDispute(ctx, { type: "unfair_platform_treatment", title: "Payout frozen", description: "The platform froze our payout without a reason.", amountAtStake: 10_000 }, { now: t0 });
    await commentOnDispute(ctx, id, "Called the platform.", { now: new Date(t0.getTime() + 60_000) });
    const html = await page(ctx, id);
    expect(historyKinds(html)).toEqual(["created", "submitted", "comment"]);
    expect(html).not.toContain('data-testid="history-pager"');
    expect(html).not.toContain('data-testid="comments-count"');
  });
});
