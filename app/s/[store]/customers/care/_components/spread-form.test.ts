import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { markRefusedFields, refusalView } from "@/components/action-form";
import zhCN from "@/messages/zh-CN";
import { FakeInput } from "@/tests/fake-input";

// The form as it stands after the owner sent it with no staff ticked (the action's refusal).
const refusal = vi.hoisted(() => ({ ok: false as const, message: "请检查标出的字段。", fieldErrors: { form: ["请至少选择 1 项。"] } }));
vi.mock("@/components/use-action-form", () => ({
  useActionForm: () => ({ state: refusal, pending: false, formProps: { ref: { current: null }, action: () => undefined, onSubmit: () => undefined } }),
}));
const { SpreadForm } = await import("./spread-form");

describe("the spread form refused for no staff ticked", () => {
  it("links the reason to the group of checkboxes, which takes the focus", () => {
    const html = renderToStaticMarkup(
      createElement(NextIntlClientProvider, {
        locale: "zh-CN",
        messages: zhCN,
        timeZone: "Asia/Shanghai",
        children: createElement(SpreadForm, { action: async () => refusal, staff: [{ userId: 2, label: "客服甲" }, { userId: 3, label: "客服乙" }] }),
      }),
    );
    const reason = /<li id="([^"]+)">客服：请至少选择 1 项。<\/li>/.exec(html);
    expect(reason).not.toBeNull();
    const group = /<fieldset([^>]*)>/.exec(html)?.[1] ?? "";
    expect(group).toContain('tabindex="-1"');

    // What useRefusedFields then does to the form's elements (a fieldset is one of them).
    const idPrefix = reason![1]!.replace(/-field-form$/, "");
    const fieldset = new FakeInput(/name="([^"]*)"/.exec(group)?.[1] ?? "", "fieldset");
    const boxes = [...html.matchAll(/<input type="checkbox" name="([^"]+)"/g)].map((m) => new FakeInput(m[1]!, "checkbox"));
    markRefusedFields({ elements: [fieldset, ...boxes] }, refusalView(refusal, {}, idPrefix).describedBy, idPrefix);
    expect(fieldset.attributes).toEqual(new Map([["aria-invalid", "true"], ["aria-describedby", reason![1]!]]));
    expect(fieldset.focused).toBe(true);
  });
});
