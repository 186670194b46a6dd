import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { markRefusedFields, refusalView } from "@/components/action-form";
import zhCN from "@/messages/zh-CN";
import { defaultScoringRules } from "@/lib/validation/scoring-rules";
import { FakeInput } from "@/tests/fake-input";

// The form as it stands after the owner saved every weight at 0 (the action's refusal of the group).
const refusal = vi.hoisted(() => ({ ok: false as const, message: "请检查标出的字段。", fieldErrors: { weights: ["至少要有一项权重大于 0。"] } }));
vi.mock("@/components/use-action-form", () => ({
  useActionForm: () => ({ state: refusal, pending: false, resultKey: 1, formProps: { ref: { current: null }, action: () => undefined, onSubmit: () => undefined } }),
}));
const { ScoringRulesForm } = await import("./scoring-rules-form");

describe("the scoring rules refused for no weight above 0", () => {
  it("marks the group of weights, described by the reason, and takes the keyboard there rather than leave it on the button", () => {
    const html = renderToStaticMarkup(
      createElement(NextIntlClientProvider, {
        locale: "zh-CN",
        messages: zhCN,
        timeZone: "Asia/Shanghai",
        children: createElement(ScoringRulesForm, { action: async () => refusal, rules: defaultScoringRules, version: 1 }),
      }),
    );
    const reason = /<p id="([^"]+)"[^>]*>至少要有一项权重大于 0。<\/p>/.exec(html);
    expect(reason).not.toBeNull();
    const group = /<fieldset([^>]*)>/.exec(html)?.[1] ?? "";
    expect(group).toContain('tabindex="-1"');

    // What useRefusedFields then does to the form's elements (a fieldset is one of them).
    const idPrefix = reason![1]!.replace(/-field-weights$/, "");
    const fieldset = new FakeInput(/name="([^"]*)"/.exec(group)?.[1] ?? "", "fieldset");
    const weights = [...html.matchAll(/<input[^>]*name="(weights\.[^"]+)"/g)].map((m) => new FakeInput(m[1]!, "number"));
    expect(weights).toHaveLength(7);
    markRefusedFields({ elements: [fieldset, ...weights] }, refusalView(refusal, {}, idPrefix).describedBy, idPrefix);
    expect(fieldset.attributes).toEqual(new Map([["aria-invalid", "true"], ["aria-describedby", reason![1]!]]));
    expect(fieldset.focused).toBe(true);
  });
});
