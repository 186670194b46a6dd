import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { RepQueue } from "@/lib/reps/queue";

// A rep's queue on their dashboard as a reader who chose Chinese sees it.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
vi.mock("next-intl/server", () => ({ getMessages: async () => (await import("@/messages/zh-CN")).default }));
vi.mock("../customers/care/actions", () => ({ markQueueSeenAction: async () => ({ ok: true, data: null }) }));
vi.mock("./mark-queue-seen-form", () => ({ MarkQueueSeenForm: () => null }));
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
});
