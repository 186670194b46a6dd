import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import zhCN from "@/messages/zh-CN";
import { ActionForm, useFormRefusal } from "./action-form";
import { FieldReason, FieldReasonScope } from "./field-reason";
import { Field } from "./ui/field";

const inZh = (children: ReactNode) => renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "zh-CN", messages: zhCN, children }));
const refused = { ok: false as const, message: "请检查标出的字段。", fieldErrors: { reason: ["请至少输入 2 个字符。"], weights: ["至少要有一项权重大于 0。"] } };

/** A form as the app's forms use the shared piece: its refusal's scope around its fields. */
function Form({ state, children }: { state: typeof refused | null; children: ReactNode }) {
  const refusal = useFormRefusal({ current: null }, state, { reason: "原因" });
  return createElement("form", null, createElement(FieldReasonScope, { value: refusal.scope }, children));
}

const form = (state: typeof refused | null, children: ReactNode) => createElement(Form, { state, children });
const field = (label: string, control: ReactNode) => createElement(Field, { label, children: control });
const reasonInput = createElement("input", { name: "reason", defaultValue: "x" });

describe("a refused field's reason, beside the field", () => {
  it("stands under the field's label and control, not inside the label, with the id the control is described by", () => {
    const html = inZh(form(refused, field("原因", reasonInput)));
    const reason = /<\/label><p id="([^"]+)"[^>]*>请至少输入 2 个字符。<\/p><\/div>$/.exec(html.replace(/<\/form>$/, ""));
    expect(reason).not.toBeNull();
    // The id markRefusedFields gives the control's aria-describedby.
    expect(reason![1]).toMatch(/-field-reason$/);
    expect(html.indexOf("原因</span>")).toBeLessThan(html.indexOf("请至少输入"));
  });

  it("keeps the field's markup the same with or without a refusal, so the control is not remounted and keeps what was typed", () => {
    const before = inZh(form(null, field("原因", reasonInput)));
    const after = inZh(form(refused, field("原因", reasonInput)));
    const shape = (html: string) => html.replace(/<p [^>]*>.*?<\/p>/g, "").replace(/ id="[^"]*"| aria-labelledby="[^"]*"/g, "");
    expect(shape(after)).toBe(shape(before));
    expect(before).not.toContain("请至少输入");
  });

  it("shows a group's reason where the form puts it (under a legend), and nothing for a field that was not refused", () => {
    const html = inZh(form(refused, [createElement(FieldReason, { key: 1, name: "weights" }), createElement(FieldReason, { key: 2, name: "title" })]));
    expect(html).toMatch(/<p id="[^"]+-field-weights"[^>]*>至少要有一项权重大于 0。<\/p>/);
    expect(html).not.toContain("title-reason");
  });

  it("leaves a field outside such a form (a search form) as a plain label", () => {
    const html = inZh(field("搜索", createElement("input", { name: "q" })));
    expect(html).toMatch(/^<label /);
  });

  it("is asked of the server, not of the browser: a store action's form does not validate natively", () => {
    const html = inZh(createElement(ActionForm, { action: async () => refused, submitLabel: "保存", children: field("原因", createElement("input", { name: "reason", required: true })) }));
    expect(html).toMatch(/<form [^>]*novalidate=""/i);
    // required stays: a screen reader still says the field is required.
    expect(html).toMatch(/<input required=""[^>]*name="reason"/);
  });
});
