import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { inChinese } from "@/tests/render-server";

// The customer page's orders table as a reader who chose Chinese sees it.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const { ActivityTable } = await import("./activity-table");

describe("the latest orders on a customer's page", () => {
  it("counts its rows as every count is written, and links to all of them with no space after the Chinese full stop", async () => {
    const table = await ActivityTable({
      title: "订单",
      headers: ["下单时间", "编号"],
      numeric: [],
      idColumn: 1,
      rows: [["2026年12月8日 01:06", "O1"]],
      total: 1234,
      testId: "orders",
      seeAllHref: "/s/demo/customers/1/orders",
      });
    // Its table's box (a client component) names itself from the catalogue.
    const html = renderToStaticMarkup(inChinese(table));
    // The heading's count is written as every count is: 1,234, not 1234.
    expect(html).toContain('订单 <span class="text-sm font-normal text-stone-500">(1,234)</span>');
    expect(html).toMatch(/显示最近 1 条，共 1,234 条。<a [^>]*>查看全部 1,234 条<\/a>/);
    // Until the page's script measures it, its box claims no scrolling (a screen reader would say
    // so of tables that fit) but stays a tab stop: a keyboard reaches it either way.
    expect(html).toMatch(/<div class="overflow-x-auto" tabindex="0" role="region" aria-label="订单：表格">/);
  });
});
