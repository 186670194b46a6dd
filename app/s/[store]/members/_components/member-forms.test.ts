import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";

vi.mock("@/components/use-action-form", () => ({
  useActionForm: () => ({ state: null, pending: false, formProps: { ref: { current: null }, action: () => undefined, onSubmit: () => undefined } }),
}));
const { CancelForm, RenewForm } = await import("./member-forms");

function render(locale: "zh-CN" | "en") {
  const action = async () => ({ ok: true as const, data: null });
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "en" ? en : zhCN,
      timeZone: "Asia/Shanghai",
      children: [
        createElement(RenewForm, { key: "renew", action, membershipId: 7, after: new Date("2026-06-30T16:00:00Z"), who: "王芳", timeZone: "Asia/Shanghai" }),
        createElement(CancelForm, { key: "cancel", action, membershipId: 7, who: "王芳" }),
      ],
    }),
  );
}

/** What a sighted reader sees: the markup's text, without attributes (a placeholder or an aria-label is not shown as a label). */
const visibleText = (html: string) => html.replace(/<[^>]*>/g, "\n").split("\n").map((s) => s.trim()).filter(Boolean);

// The fee box's only visible label was its placeholder ("默认方案价格"), and the button read "取消" alone.
describe.each([
  ["zh-CN", "续费实付金额", "王芳 续费实付金额", "取消会员资格", "取消会员资格：王芳"],
  ["en", "Renewal fee paid", "Renewal fee paid for 王芳", "Cancel membership", "Cancel membership of 王芳"],
] as const)("a membership's renew and cancel forms in %s", (locale, feeLabel, feeName, cancelText, cancelName) => {
  const html = render(locale);

  it("label the fee box visibly, its name still saying whose renewal it is", () => {
    expect(visibleText(html)).toContain(feeLabel);
    const field = new RegExp(`<label[^>]*><span[^>]*>${feeLabel}</span>(<input[^>]*>)</label>`).exec(html)?.[1] ?? "";
    expect(field).toContain('name="feePaid"');
    expect(field).toContain(`aria-label="${feeName}"`);
    // The visible label is part of the name a voice-control user says.
    expect(feeName).toContain(feeLabel);
  });

  // Two owners renewing at once recorded two fees: the server refuses a renewal made after another it did not follow.
  it("send the end the renewal follows, as the page showed it", () => {
    expect(html).toContain('<input type="hidden" name="after" value="2026-06-30T16:00:00.000Z"/>');
  });

  it("say on the cancel button what it cancels, and whose in its name", () => {
    expect(visibleText(html)).toContain(cancelText);
    expect(html).toMatch(new RegExp(`<button[^>]*aria-label="${cancelName}"[^>]*>${cancelText}</button>`));
    expect(cancelName).toContain(cancelText);
  });
});
