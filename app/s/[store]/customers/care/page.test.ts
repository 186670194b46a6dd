import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { defaultScoringRules } from "@/lib/validation/scoring-rules";

// The care page of a store with no staff yet, as its owner reads it in Chinese.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
vi.mock("@/lib/auth/session", () => ({
  requireStore: async () => ({ store: { id: 1, slug: "uk", name: "UK shop", currency: "GBP", timezone: "Europe/London" }, role: "owner", userId: 1 }),
}));
vi.mock("@/lib/memberships/lapsed", () => ({ rescoreIfMembershipsLapsed: async () => {} }));
vi.mock("@/lib/reps/queries", () => ({ repOverview: async () => ({ unassignedHighValue: 4, needsReview: [] }), staffLoads: async () => [] }));
vi.mock("@/lib/customers/rules", () => ({ currentScoringRules: async () => ({ version: 1, rules: defaultScoringRules }) }));
vi.mock("./actions", () => ({ spreadRepsAction: async () => ({ ok: true, data: null }) }));
vi.mock("./_components/spread-form", () => ({ SpreadForm: () => null }));
const { default: CarePage } = await import("./page");

describe("the care page", () => {
  it("without staff, links its 设置 to the settings page's staff section", async () => {
    const html = renderToStaticMarkup(await CarePage({ params: Promise.resolve({ store: "uk" }) }));
    // It named Settings and left the owner to find it.
    expect(html).toContain('本店还没有客服：请先在<a class="text-brand-600 underline" href="/s/uk/settings#staff">设置</a>中添加员工。');
  });
});
