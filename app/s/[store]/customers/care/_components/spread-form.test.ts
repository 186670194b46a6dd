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
        children: createElement(SpreadForm, { action: async () => refusal, open: true, staff: [{ userId: 2, label: "客服甲" }, { userId: 3, label: "客服乙" }] }),
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

describe("the spread's confirmation", () => {
  it("says how many customers went to how many staff, in both languages, counts grouped", async () => {
    const { createTranslator } = await import("next-intl");
    const en = (await import("@/messages/en")).default;
    const zh = createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "care" });
    const english = createTranslator({ locale: "en", messages: en, namespace: "care" });
    expect(zh("spreadDone", { count: 1234, staff: 3 })).toBe("已将 1,234 位客户分配给 3 位客服。");
    expect(english("spreadDone", { count: 1234, staff: 3 })).toBe("1,234 customers assigned to 3 staff members.");
    expect(english("spreadDone", { count: 1, staff: 1 })).toBe("1 customer assigned to 1 staff member.");
    // Another owner's spread took them all first: nothing was assigned, and it says so.
    expect(english("spreadDone", { count: 0, staff: 0 })).toBe("No customer was left without a rep: none assigned.");
  });
});
