import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import zhCN from "@/messages/zh-CN";
import { FakeInput } from "@/tests/fake-input";
import { markRefusedFields, RefusalAlert, refusalView } from "./action-form";

describe("a refused form, as a screen reader hears it", () => {
  const labels = { reason: "原因", summary: "处理说明" };

  it("names each refused field by its label, never by its code name, each with an id", () => {
    const html = renderToStaticMarkup(
      createElement(NextIntlClientProvider, {
        locale: "zh-CN",
        messages: zhCN,
        children: createElement(RefusalAlert, {
          refusal: { message: "请检查标出的字段。", fieldErrors: { reason: ["请至少输入 2 个字符。"], body: ["此项必填。"] } },
          labels,
          idPrefix: "f1",
        }),
      }),
    );
    // Named in Chinese as Chinese is written: a full-width colon.
    expect(html).toContain('<li id="f1-field-reason">原因：请至少输入 2 个字符。</li>');
    expect(html).toContain('<li id="f1-field-body">此项必填。</li>');
    expect(html).not.toContain("body:");
  });

  it("describes a field by the message when the message already says what is wrong with it", () => {
    const view = refusalView({ message: "本店找不到订单编号 O-9。", fieldErrors: { orderExternalId: ["本店找不到订单编号 O-9。"] } }, {}, "f2");
    expect(view.items).toEqual([]);
    expect(view.describedBy).toEqual({ orderExternalId: "f2-message" });
  });

  it("leaves out of the list the reasons a form shows beside their fields, giving each its id there", () => {
    const refusal = { message: "请检查标出的字段。", fieldErrors: { gold: ["价格 ¥70.00 低于最低价 ¥80.00。"], note: ["此项必填。"] } };
    const view = refusalView(refusal, { gold: "金牌", note: "备注" }, "f4", new Set(["gold", "silver"]));
    expect(view.items.map((item) => item.field)).toEqual(["note"]);
    expect(view.beside).toEqual({ gold: { id: "f4-field-gold", text: "价格 ¥70.00 低于最低价 ¥80.00。" } });
    expect(view.describedBy).toEqual({ gold: "f4-field-gold", note: "f4-field-note" });
  });

  it("lists the refused fields in the form's order, not in the order the server found them", () => {
    const refusal = { message: "请检查标出的字段。", fieldErrors: { amountAtStake: ["金额无效。"], returnExternalId: ["本店没有该退货单。"], description: ["至少 10 个字。"], extra: ["?"] } };
    const order = ["title", "description", "amountAtStake", "orderExternalId", "returnExternalId"];
    expect(refusalView(refusal, {}, "f5", new Set(), order).items.map((item) => item.field)).toEqual(["description", "amountAtStake", "returnExternalId", "extra"]);
    // Without an order, as the server listed them.
    expect(refusalView(refusal, {}, "f5").items.map((item) => item.field)).toEqual(["amountAtStake", "returnExternalId", "description", "extra"]);
  });

  it("marks the refused fields invalid, described by their reason beside their hint, and focuses the first", () => {
    const title = new FakeInput("title", "text", "title-hint");
    const id = new FakeInput("disputeId", "hidden");
    const amount = new FakeInput("amountAtStake");
    const customer = new FakeInput("customerExternalId");
    const form = { elements: [id, title, amount, customer] };
    markRefusedFields(form, { customerExternalId: "f3-field-customerExternalId", title: "f3-field-title" }, "f3");
    expect(title.attributes).toEqual(new Map([["aria-describedby", "title-hint f3-field-title"], ["aria-invalid", "true"]]));
    expect(customer.getAttribute("aria-describedby")).toBe("f3-field-customerExternalId");
    expect(amount.getAttribute("aria-invalid")).toBeNull();
    expect([title.focused, customer.focused]).toEqual([true, false]);

    // Corrected and sent again: the marks go, the hint stays.
    markRefusedFields(form, {}, "f3");
    expect(title.attributes).toEqual(new Map([["aria-describedby", "title-hint"]]));
    expect(customer.attributes.size).toBe(0);
  });
});
