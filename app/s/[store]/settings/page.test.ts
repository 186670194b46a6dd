import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "use-intl/core";
import { describe, expect, it, vi } from "vitest";
import en from "@/messages/en";
import { inChinese } from "@/tests/render-server";
import { defaultScoringRules } from "@/lib/validation/scoring-rules";

// The settings page as an owner of a store in London reads it, in Chinese; the data and the
// client-side forms (tested on their own) stand in.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
vi.mock("@/lib/auth/session", () => ({
  requireStore: async () => ({
    store: { id: 1, slug: "uk", name: "UK shop", currency: "GBP", timezone: "Europe/London" },
    role: "owner",
    userId: 1,
  }),
}));
vi.mock("@/lib/users/commands", () => ({
  listMembers: async () => [
    { userId: 1, email: "owner@uk.laoke", name: "店主", role: "owner" },
    { userId: 2, email: "clerk@uk.laoke", name: "客服", role: "staff" },
    { userId: 3, email: "night@uk.laoke", name: "夜班", role: "staff" },
    { userId: 4, email: "cases@uk.laoke", name: "维权", role: "staff" },
    { userId: 5, email: "lead@uk.laoke", name: "组长", role: "staff" },
  ],
}));
vi.mock("@/lib/reps/queries", () => ({
  staffCustomers: async () => [
    { userId: 2, name: "客服", email: "clerk@uk.laoke", customers: 3 },
    { userId: 3, name: "夜班", email: "night@uk.laoke", customers: 0 },
    { userId: 4, name: "维权", email: "cases@uk.laoke", customers: 0 },
    { userId: 5, name: "组长", email: "lead@uk.laoke", customers: 1 },
  ],
}));
vi.mock("@/lib/disputes/queries", () => ({ openDisputesByAssignee: async () => new Map([[4, 2], [5, 1]]) }));
vi.mock("@/lib/api-tokens/tokens", () => ({
  listApiTokens: async () => [
    // 23:30 in London on the 15th is already 07:30 on the 16th in Shanghai, the app's default zone.
    {
      id: 1, name: "ERP sync", prefix: "lk_1_ab12", createdAt: new Date("2026-01-15T23:30:00Z"), lastUsedAt: null, revokedAt: null,
      createdBy: { name: "店主", email: "owner@uk.laoke", role: "owner" },
    },
    {
      id: 2, name: "Shop sync", prefix: "lk_1_cd34", createdAt: new Date("2026-01-10T09:00:00Z"), lastUsedAt: null, revokedAt: null,
      createdBy: { name: "前店主", email: "former@uk.laoke", role: "staff" },
    },
    { id: 3, name: "Script", prefix: "lk_1_ef56", createdAt: new Date("2026-01-09T09:00:00Z"), lastUsedAt: null, revokedAt: null, createdBy: null },
  ],
}));
// Saved by another owner after this request's store was read: the form shows what is saved now.
vi.mock("@/lib/stores/queries", () => ({
  storeSettingsOf: async () => ({ name: "UK shop Ltd", currency: "GBP", timezone: "Europe/London", updatedAt: new Date("2026-02-01T10:00:00.123Z") }),
}));
vi.mock("@/lib/customers/rules", () => ({ currentScoringRules: async () => ({ version: 1, rules: defaultScoringRules }) }));
vi.mock("./actions", () => {
  const action = async () => ({ ok: true, data: null });
  return Object.fromEntries(
    ["addStaffAction", "createTokenAction", "removeStaffAction", "revokeTokenAction", "saveScoringRulesAction", "updateStoreAction"].map((name) => [name, action]),
  );
});
// A form as the page sets it up: what it asks before sending (window.confirm's question) shows.
vi.mock("@/components/action-form", async () => {
  const { createElement } = await import("react");
  return {
    ActionForm: ({ confirm, buttonAriaLabel, submitLabel, children }: { confirm?: string; buttonAriaLabel?: string; submitLabel: string; children?: React.ReactNode }) =>
      createElement("form", { "data-confirm": confirm }, children, createElement("button", { "aria-label": buttonAriaLabel }, submitLabel)),
  };
});
vi.mock("./_components/scoring-rules-form", () => ({ ScoringRulesForm: () => null }));
vi.mock("./_components/add-staff-form", () => ({ AddStaffForm: () => null }));
vi.mock("./_components/remove-staff-form", async () => ({
  RemoveStaffForm: (await import("@/components/action-form")).ActionForm,
  StaffRemovalNotice: ({ children }: { children: React.ReactNode }) => children,
}));
vi.mock("./_components/create-token-form", () => ({ CreateTokenForm: () => null }));
const { default: SettingsPage } = await import("./page");

// Given the catalogue, as the page's client components (its tables' boxes) are.
const page = async () => renderToStaticMarkup(inChinese(await SettingsPage({ params: Promise.resolve({ store: "uk" }) })));

describe("the settings page", () => {
  it("shows when a token was made in the store's time zone", async () => {
    const html = await page();
    expect(html).toContain("2026年1月15日 23:30");
    expect(html).not.toContain("2026年1月16日");
  });

  it("names who made each token, and warns of one made by someone no longer an owner", async () => {
    const creators = [...(await page()).matchAll(/<td class="[^"]*" data-testid="token-creator">(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "|"));
    expect(creators).toEqual(["|店主|", "|前店主||已不是店主：令牌仍有店主权限|", "命令行"]);
  });

  it("shows the store's settings as saved, and sends back when they were (a later save refuses it)", async () => {
    const html = await page();
    expect(html).toMatch(/name="name" value="UK shop Ltd"/);
    expect(html).toContain('<input type="hidden" name="seen" value="2026-02-01T10:00:00.123Z"/>');
  });

  it("names each row's button after its staff member or token, and the column they stand in", async () => {
    const html = await page();
    expect(html).toContain('aria-label="移除 clerk@uk.laoke"');
    expect(html).toContain('aria-label="移除 night@uk.laoke"');
    expect(html).toContain('aria-label="撤销令牌 ERP sync"');
    expect(html).toContain('aria-label="撤销令牌 Shop sync"');
    expect(html.match(/<th scope="col" class="py-2"><span class="sr-only">操作<\/span><\/th>/g)).toHaveLength(2);
  });

  it("asks before removing a rep how many customers lose their rep with them", async () => {
    const html = await page();
    expect(html).toContain('data-confirm="确定移除 clerk@uk.laoke？其负责的 3 位客户将没有专属客服，需重新分配。"');
    expect(html).toContain('data-confirm="确定移除 night@uk.laoke？"');
  });

  it("asks before removing someone with open disputes how many go back to unassigned", async () => {
    const html = await page();
    expect(html).toContain('data-confirm="确定移除 cases@uk.laoke？指派给其的 2 件未结维权案件将退回未指派，需重新指派。"');
    expect(html).toContain('data-confirm="确定移除 lead@uk.laoke？其负责的 1 位客户将没有专属客服，指派给其的 1 件未结维权案件将退回未指派，均需重新分配。"');
    // The same questions to an owner reading English.
    const t = createTranslator({ locale: "en", messages: en, namespace: "settings.staff" });
    expect(t("removeConfirmDisputes", { email: "cases@uk.laoke", count: 2 })).toBe("Remove cases@uk.laoke? 2 open disputes assigned to them go back to unassigned for you to reassign.");
    expect(t("removeConfirmRepsDisputes", { email: "lead@uk.laoke", customers: 1, disputes: 1 })).toBe(
      "Remove lead@uk.laoke? They are the dedicated rep of 1 customer, who will have no rep until you assign another, and 1 open dispute assigned to them goes back to unassigned.",
    );
  });

  it("puts no space after a Chinese full stop before the link to the points rules", async () => {
    expect(await page()).toMatch(/在会员页设置。<a [^>]*>前往积分规则<\/a>/);
  });
});
