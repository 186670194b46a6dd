import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "use-intl/core";
import { describe, expect, it, vi } from "vitest";
import en from "@/messages/en";
import type { RepQueue } from "@/lib/reps/queue";

// A rep's queue on their dashboard as a reader who chose Chinese sees it.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
vi.mock("next-intl/server", () => ({ getMessages: async () => (await import("@/messages/zh-CN")).default }));
vi.mock("../customers/care/actions", () => ({ markQueueSeenAction: async () => ({ ok: true, data: null }) }));
vi.mock("./mark-queue-seen-form", () => ({ MarkQueueSeenForm: () => null }));
vi.mock("@/components/client-messages", () => ({ ClientMessages: ({ children }: { children: React.ReactNode }) => children }));
const queue = vi.hoisted(() => ({ value: null as RepQueue | null }));
vi.mock("@/lib/reps/queue", () => ({ FIRST_LOOK_DAYS: 30, myCustomersQueue: async () => queue.value }));
const { MyCustomersQueue } = await import("./my-customers-queue");

const ctx = { store: { id: 1, slug: "demo", name: "店", currency: "CNY", timezone: "Asia/Shanghai" }, role: "staff", userId: 2 } as never;

describe("a rep's work queue", () => {
  it("runs its two sentences together as Chinese is written, with no space after the full stop", async () => {
    queue.value = { since: new Date("2026-11-08T00:00:00Z"), looked: false, customers: 288, active: [], activeTotal: 0, needsReview: 0 };
    const html = renderToStaticMarkup(await MyCustomersQueue({ ctx }));
    expect(html).toContain("最近 30 天的动态。您负责的 288 位客户暂无新动态。");
  });

  it("says every one of them has news, not \"1 of your 1 customer\", in both languages", async () => {
    queue.value = { since: new Date("2026-11-08T00:00:00Z"), looked: false, customers: 3, active: [], activeTotal: 3, needsReview: 0 };
    expect(renderToStaticMarkup(await MyCustomersQueue({ ctx }))).toContain("最近 30 天的动态。您负责的 3 位客户都有新动态。");
    queue.value = { ...queue.value, customers: 1200, activeTotal: 2 };
    expect(renderToStaticMarkup(await MyCustomersQueue({ ctx }))).toContain("您负责的 1,200 位客户中有 2 位有新动态。");
    const t = createTranslator({ locale: "en", messages: en, namespace: "care" });
    expect(t("queueCountAll", { count: 1 })).toBe("Your customer has news.");
    expect(t("queueCountAll", { count: 12 })).toBe("All 12 of your customers have news.");
  });
});
