import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";

// What the form asks before it sends (window.confirm's question), as the form hands it on.
const asked: (string | undefined)[] = [];
vi.mock("@/components/use-action-form", () => ({
  useActionForm: (_action: unknown, { confirm }: { confirm?: string }) => {
    asked.push(confirm);
    return { state: null, pending: false, formProps: { ref: { current: null }, action: () => undefined, onSubmit: () => undefined } };
  },
}));
const { ArchivePlanForm } = await import("./member-forms");

function question(locale: "zh-CN" | "en", plan: { archived: boolean; activeMembers: number }) {
  asked.length = 0;
  const action = async () => ({ ok: true as const, data: null });
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "en" ? en : zhCN,
      timeZone: "Asia/Shanghai",
      children: createElement(ArchivePlanForm, { action, planId: 3, planName: "金卡年费", ...plan }),
    }),
  );
  return asked[0];
}

// Archiving a plan with members went through without a word, and their renewals were then refused.
describe("archiving a membership plan", () => {
  it("with active members, asks first, saying how many keep their membership and that they cannot renew on it", () => {
    expect(question("zh-CN", { archived: false, activeMembers: 1234 })).toBe(
      "确定停用方案 金卡年费？其 1,234 位在期会员的会员资格（及已登记的续费）保留到期满，但停用期间不能按此方案续费；重新启用后可再续费。",
    );
    expect(question("en", { archived: false, activeMembers: 1 })).toBe(
      "Archive the plan 金卡年费? Its 1 active member keeps their membership (and any renewal already recorded) until it ends, but cannot renew on this plan while it is archived; reopen it to take renewals again.",
    );
    expect(question("en", { archived: false, activeMembers: 2 })).toContain("Its 2 active members keep their membership");
  });

  it("without active members, or when reopening, asks nothing", () => {
    expect(question("zh-CN", { archived: false, activeMembers: 0 })).toBeUndefined();
    expect(question("zh-CN", { archived: true, activeMembers: 5 })).toBeUndefined();
  });
});
